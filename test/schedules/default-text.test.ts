/**
 * A computed default says which of the run's fields it comes from ({steps}, {stepsPerEpoch}, {dtype} in its
 * defaultText), and whoever shows it names those fields: the library reads `steps/10`, the CLI's list, which
 * hands in flagOf, `--steps/10` (test/cli/list.test.ts holds the CLI's lines).
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { flagOf } from '../../src/cli/flags.js';
import { describeDefault, type ParamDef } from '../../src/schedules/definition.js';

function param(schedule: string, name: string): ParamDef {
  const found = catalog.lookup(schedule)?.params.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no parameter ${name} in ${schedule}`);
  return found;
}

describe('describeDefault', () => {
  it.each([
    ['warmup', 'warmup', 'steps/10', '--steps/10'],
    ['cosine', 'total', 'steps', '--steps'],
    ['cosine-restarts', 'cycle', 'steps/4', '--steps/4'],
    ['step', 'step_size', 'steps/3', '--steps/3'],
    ['torch.OneCycleLR', 'total_steps', 'epochs * steps_per_epoch, else steps', 'epochs * steps_per_epoch, else --steps'],
    ['timm.CosineLRScheduler', 'updates_per_epoch', 'stepsPerEpoch, else None', '--steps-per-epoch, else None'],
    ['keras.CosineDecay', 'dtype', 'dtype, else float32', '--dtype, else float32'],
    ['optax.exponential_decay', 'dtype', 'dtype, else float64', '--dtype, else float64'],
  ])('%s %s: the library reads %j, the CLI %j', (schedule, name, library, cli) => {
    expect(describeDefault(param(schedule, name))).toBe(library);
    expect(describeDefault(param(schedule, name), flagOf)).toBe(cli);
  });

  it('a default that names no field of the run reads the same to both', () => {
    for (const [schedule, name, text] of [
      ['cosine-warmup', 'warmup', 'total/10'],
      ['cosine', 'lr', '0.001'],
      ['optax.exponential_decay', 'end_value', 'None'],
      ['cosine', 'min_lr', '0'],
    ]) {
      expect([describeDefault(param(schedule, name)), describeDefault(param(schedule, name), flagOf)]).toEqual([text, text]);
    }
  });

  it("every field a defaultText names in braces is the run's: steps, or a RunFacts field", () => {
    const texts = catalog.all().flatMap((d) => d.params.flatMap((p) => (p.defaultText === undefined ? [] : [{ where: `${d.name} ${p.name}`, p }])));
    const named = texts.flatMap(({ p }) => [...p.defaultText!.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]));
    // A misspelt field ({step}, {steps_per_epoch}) would reach the CLI's list as --step, a flag lrviz has not.
    expect(new Set(named)).toEqual(new Set(['steps', 'stepsPerEpoch', 'dtype']));
    // Nothing half-braced is left over once the fields are named.
    expect(texts.filter(({ p }) => /[{}]/.test(describeDefault(p))).map(({ where }) => where)).toEqual([]);
  });
});
