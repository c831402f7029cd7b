/**
 * LRV105 (no-warmup) wherever a stack lets a config ask for no warmup, so that its first update runs at the
 * full learning rate: HF Trainer, axolotl, torchtune and Megatron-LM. DeepSpeed's schedulers cannot: each
 * starts from its own floor (warmup_min_lr, warmup_min_ratio × lr, cycle_min_lr, lr_range_test_min_lr), and
 * its warmups last at least 2 iterations.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import { axolotl } from '../../src/config/stacks/axolotl.js';
import { hfTrainer } from '../../src/config/stacks/hf.js';
import type { ConfigDocument, ResolvedConfig, ResolveContext, StackReader } from '../../src/config/types.js';
import { buildSchedule } from '../../src/notation/build.js';

const context: ResolveContext = {
  inputs: {},
  readRelated: () => Promise.reject(new Error('no related files here')),
};

function resolve(stack: StackReader, value: Record<string, unknown>): Promise<ResolvedConfig> {
  const doc: ConfigDocument = { file: 'config.json', name: 'config.json', text: JSON.stringify(value), format: 'json', value };
  return Promise.resolve(stack.resolve(doc, context));
}

function noWarmupNote(resolved: ResolvedConfig) {
  return resolved.notes.find((note) => note.code === 'LRV105');
}

/** The curve really starts at its peak: update 0's lr is the largest. */
function startsAtPeak(resolved: ResolvedConfig): boolean {
  const { schedule } = buildSchedule(catalog, resolved.spec, resolved.updates as number);
  const first = schedule.lr(0);
  return Array.from({ length: resolved.updates as number }, (_, i) => schedule.lr(i)).every((lr) => lr <= first);
}

describe('LRV105: the first update at the full learning rate', () => {
  it('HF Trainer: no warmup_steps or warmup_ratio (TrainingArguments defaults to 0)', async () => {
    const resolved = await resolve(hfTrainer, { learning_rate: 1e-4, lr_scheduler_type: 'cosine', max_steps: 1000 });
    expect(noWarmupNote(resolved)).toEqual({ code: 'LRV105', message: 'no warmup: the first update runs at the full learning_rate', fix: 'warmup_steps: 10 (1% of the run)' });
    expect(startsAtPeak(resolved)).toBe(true);
  });

  it('HF Trainer: lr_scheduler_type constant takes no warmup; the fix names the type that does', async () => {
    const resolved = await resolve(hfTrainer, { learning_rate: 1e-4, lr_scheduler_type: 'constant', max_steps: 500, warmup_steps: 20 });
    expect(noWarmupNote(resolved)?.fix).toBe('lr_scheduler_type: constant_with_warmup, warmup_steps: 5 (1% of the run)');
  });

  it('HF Trainer with a warmup: nothing', async () => {
    expect(noWarmupNote(await resolve(hfTrainer, { learning_rate: 1e-4, lr_scheduler_type: 'cosine', max_steps: 1000, warmup_steps: 0.05 }))).toBeUndefined();
  });

  it('axolotl: warmup_steps 0 (without a warmup key axolotl adds one)', async () => {
    const resolved = await resolve(axolotl, { micro_batch_size: 1, learning_rate: 1e-4, max_steps: 2000, warmup_steps: 0 });
    expect(noWarmupNote(resolved)?.fix).toBe('warmup_steps: 20 (1% of the run)');
    expect(startsAtPeak(resolved)).toBe(true);
    const defaulted = await resolve(axolotl, { micro_batch_size: 1, learning_rate: 1e-4, max_steps: 2000 });
    expect(noWarmupNote(defaulted)).toBeUndefined();
  });

  it('axolotl: one_cycle starts at learning_rate / div_factor whatever the warmup: nothing', async () => {
    expect(noWarmupNote(await resolve(axolotl, { micro_batch_size: 1, learning_rate: 1e-4, max_steps: 2000, warmup_steps: 0, lr_scheduler: 'one_cycle' }))).toBeUndefined();
  });

  it('torchtune: a recipe without an lr_scheduler block', async () => {
    const resolved = await resolveConfigFile('test/fixtures/configs/torchtune/2B_full.yaml', { inputs: { datasetSize: 1000 } });
    expect(noWarmupNote(resolved)?.fix).toBe('lr_scheduler: {_component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup, num_warmup_steps: 5} (1% of the run)');
  });

  it('Megatron-LM: no --lr-warmup-* flag', async () => {
    const resolved = await resolveConfigFile('test/fixtures/configs/megatron/modelopt-finetune.sh', { inputs: { devices: 8 } });
    expect(noWarmupNote(resolved)?.message).toBe('no warmup: the first update runs at the full --lr');
  });

  it('DeepSpeed: never (every DeepSpeed scheduler starts at its own floor)', async () => {
    for (const file of ['sdma_allgather-ds_config_zero3.json', 'one-cycle-tutorial.json', 'lrrt-tutorial.json']) {
      const resolved = await resolveConfigFile(`test/fixtures/configs/deepspeed/${file}`, { inputs: {} });
      expect(noWarmupNote(resolved)).toBeUndefined();
    }
  });
});
