/**
 * The config reader names what it needs by the library's fields (PlanInputs: `datasetSize`, `devices`,
 * `legacy`, ...; ResolveOptions: `stack`, `config`), never by the CLI's flags: a library caller reads
 * `give datasetSize`, and the CLI, which hands in flagOf (or prints a FieldError worded by it), reads
 * `give --dataset-size` (its tests, test/config/*.test.ts, hold the CLI's lines byte for byte).
 */
import { describe, expect, it } from 'vitest';
import { flagOf } from '../../src/cli/flags.js';
import { resolveConfigFile, stackById } from '../../src/config/index.js';
import { FieldError } from '../../src/errors.js';

const LORA = 'test/fixtures/configs/hf/llamafactory/examples/train_lora/qwen3_lora_sft.yaml';

/** What `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a refusal'),
    (error: unknown) => error,
  );
}

describe('the library names the plan fields, the CLI its flags', () => {
  it('a run in epochs without a dataset size asks for datasetSize or stepsPerEpoch; the CLI words the same error with its flags', async () => {
    const error = await rejection(resolveConfigFile(LORA, { inputs: {} }));
    expect(error).toBeInstanceOf(FieldError);
    expect((error as FieldError).message).toBe('qwen3_lora_sft.yaml: trains 3 epochs: give datasetSize (training examples) or stepsPerEpoch');
    expect((error as FieldError).worded(flagOf)).toBe('qwen3_lora_sft.yaml: trains 3 epochs: give --dataset-size (training examples) or --steps-per-epoch');
  });

  it('derivations and assumptions name the fields they came from, in the caller\'s words', async () => {
    const library = await resolveConfigFile(LORA, { inputs: { datasetSize: 1000 } });
    const cli = await resolveConfigFile(LORA, { inputs: { datasetSize: 1000 }, fieldName: flagOf });
    const batches = (resolved: typeof library) => resolved.derivations.find((d) => d.what === 'batches/epoch per process')?.source;
    expect(batches(library)).toBe('datasetSize, per_device_train_batch_size, devices');
    expect(batches(cli)).toBe('--dataset-size, per_device_train_batch_size, --devices');
    expect(library.assumptions).toContain('1 data-parallel process (give devices N for more)');
    expect(cli.assumptions).toContain('1 data-parallel process (give --devices N for more)');
    // Everything else is the same resolution.
    expect(cli.spec).toEqual(library.spec);
    expect(cli.derivations.map((d) => [d.what, d.value, d.rule])).toEqual(library.derivations.map((d) => [d.what, d.value, d.rule]));
  });

  it('an override names the field that overrode the key', async () => {
    const library = await resolveConfigFile(LORA, { inputs: { datasetSize: 1000, epochs: 2, gradAccum: 4 } });
    expect(library.assumptions).toEqual(expect.arrayContaining(['epochs 2 overrides num_train_epochs: 3', 'gradAccum 4 overrides gradient_accumulation_steps: 8']));
    const cli = await resolveConfigFile(LORA, { inputs: { datasetSize: 1000, epochs: 2, gradAccum: 4 }, fieldName: flagOf });
    expect(cli.assumptions).toEqual(expect.arrayContaining(['--epochs 2 overrides num_train_epochs: 3', '--grad-accum 4 overrides gradient_accumulation_steps: 8']));
  });

  it('an older release asked for is named by the field that asked for it: legacy, the CLI\'s --old-rule', async () => {
    const inputs = { datasetSize: 1000, legacy: new Set(['hf-floor-updates']) };
    expect((await resolveConfigFile(LORA, { inputs })).release).toBe('transformers 4.46-4.51 (legacy hf-floor-updates)');
    expect((await resolveConfigFile(LORA, { inputs, fieldName: flagOf })).release).toBe('transformers 4.46-4.51 (--old-rule hf-floor-updates)');
  });

  it('an unknown stack and a missing file are named as the options call them', async () => {
    let refusal: unknown;
    try {
      stackById('nope');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(FieldError);
    expect((refusal as FieldError).message).toMatch(/^stack "nope" is not allowed; use one of /);
    expect((refusal as FieldError).worded(flagOf)).toMatch(/^--stack "nope" is not allowed; use one of /);

    const missing = 'test/fixtures/configs/no-such-config.yaml';
    expect(((await rejection(resolveConfigFile(missing, { inputs: {} }))) as Error).message).toMatch(new RegExp(`^config ${missing}: `));
    expect(((await rejection(resolveConfigFile(missing, { inputs: {}, fieldName: flagOf }))) as Error).message).toMatch(new RegExp(`^--config ${missing}: `));
  });
});
