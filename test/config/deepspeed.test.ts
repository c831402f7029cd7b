/**
 * DeepSpeed configs, alone and named by HF arguments, against DeepSpeed 0.19.6's own scheduler classes run
 * the way its engine runs them (test/fixtures/configs/deepspeed/make_goldens.py), "auto" filled by
 * transformers' own HfTrainerDeepSpeedConfig.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { lrviz } from '../support/cli.js';
import { expectCurve } from '../support/golden.js';

const DIR = 'test/fixtures/configs/deepspeed';
const OLD_RULE = 'deepspeed-first-update-optimizer-lr';

const CASES: { name: string; file: string; golden: string; inputs: PlanInputs; type: string; notes: string[] }[] = [
  {
    name: 'WarmupLR with numbers, the default log warmup (DeepSpeed examples/sdma_allgather)',
    file: 'sdma_allgather-ds_config_zero3.json',
    golden: 'sdma_allgather.golden.json',
    inputs: {},
    type: 'deepspeed.WarmupLR',
    notes: ['LRV103'],
  },
  {
    name: 'WarmupLR (DeepSpeed tests/model/Megatron_GPT2)',
    file: 'megatron_gpt2-ds_config_func_scheduler.json',
    golden: 'megatron_gpt2.golden.json',
    inputs: {},
    type: 'deepspeed.WarmupLR',
    notes: ['LRV103'],
  },
  {
    name: 'OneCycle in stairs with a decay after the cycle (DeepSpeed docs/_tutorials/one-cycle.md)',
    file: 'one-cycle-tutorial.json',
    golden: 'one-cycle-tutorial.golden.json',
    inputs: {},
    type: 'deepspeed.OneCycle',
    notes: [],
  },
  {
    name: 'LRRangeTest, growing continuously from lr_range_test_min_lr (DeepSpeed docs/_tutorials/lrrt.md)',
    file: 'lrrt-tutorial.json',
    golden: 'lrrt-tutorial.golden.json',
    inputs: {},
    type: 'deepspeed.LRRangeTest',
    notes: [],
  },
  {
    name: 'WarmupLR before 0.15.3 (--old-rule): update 0 at optimizer.params.lr, not at warmup_min_lr (DeepSpeed v0.15.2 run)',
    file: 'sdma_allgather-ds_config_zero3.json',
    golden: 'sdma_allgather.before-0.15.3.golden.json',
    inputs: { legacy: new Set([OLD_RULE]) },
    type: 'deepspeed.WarmupLR',
    notes: ['LRV103'],
  },
  {
    name: 'the all-"auto" WarmupDecayLR before 0.15.3 (--old-rule): update 0 at the Trainer\'s learning_rate (DeepSpeed v0.15.2 run)',
    file: 'llamafactory-ds-scheduler/examples/train_full/qwen3_full_sft.yaml',
    golden: 'llamafactory-ds-scheduler.devices2.before-0.15.3.golden.json',
    inputs: { datasetSize: 1000, devices: 2, legacy: new Set([OLD_RULE]) },
    type: 'deepspeed.WarmupDecayLR',
    notes: ['LRV101', 'LRV103'],
  },
  {
    name: 'an all-"auto" WarmupDecayLR under a LLaMA-Factory YAML that asks for cosine: 3 epochs on 2 devices',
    file: 'llamafactory-ds-scheduler/examples/train_full/qwen3_full_sft.yaml',
    golden: 'llamafactory-ds-scheduler.devices2.golden.json',
    inputs: { datasetSize: 1000, devices: 2 },
    type: 'deepspeed.WarmupDecayLR',
    notes: ['LRV101', 'LRV103'],
  },
];

describe('DeepSpeed schedulers against DeepSpeed 0.19.6 run', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: c.inputs });
      const golden = JSON.parse(readFileSync(`${DIR}/${c.golden}`, 'utf8')) as { lr: number[] };
      expect(resolved.spec.type).toBe(c.type);
      expect(resolved.notes.map((n) => n.code)).toEqual(c.notes);
      const { schedule } = buildSchedule(catalog, resolved.spec, golden.lr.length);
      expectCurve((i) => schedule.lr(i), golden.lr, 'DeepSpeed');
    });
  }

  it('WarmupCosineLR trains its first update at 0, then log-warms from warmup_min_ratio (lr_schedules.py get_lr before the first step)', () => {
    const { schedule } = buildSchedule(catalog, parseTextSpec('deepspeed.WarmupCosineLR:lr=0.0001,total_num_steps=20,warmup_num_steps=5'), 20);
    // DeepSpeed 0.19.6, run by make_goldens.py's loop with these parameters:
    const golden = [0.0, 0.0, 4.306765580733931e-5, 6.826061944859854e-5, 8.613531161467861e-5, 0.0001, 9.890748929868662e-5, 9.567770515484184e-5];
    expectCurve((i) => schedule.lr(i), golden, 'DeepSpeed');
  });

  it('LRRangeTest in stairs grows once every lr_range_test_step_size updates', () => {
    const spec = 'deepspeed.LRRangeTest:lr_range_test_min_lr=0.01,lr_range_test_step_size=3,lr_range_test_step_rate=0.5,lr_range_test_staircase=true';
    const { schedule } = buildSchedule(catalog, parseTextSpec(spec), 10);
    // DeepSpeed 0.19.6's LRRangeTest with these parameters, run by make_goldens.py's loop:
    const golden = [0.01, 0.01, 0.01, 0.015, 0.015, 0.015, 0.02, 0.02, 0.02, 0.025];
    expectCurve((i) => schedule.lr(i), golden, 'DeepSpeed');
  });
});

describe('DeepSpeed configs on the command line', () => {
  it('--old-rule deepspeed-first-update-optimizer-lr: resolve names the old release and prints a spec plot -s reproduces', () => {
    const resolved = lrviz(['resolve', `${DIR}/sdma_allgather-ds_config_zero3.json`, '--old-rule', OLD_RULE, '--json']);
    expect(resolved.status).toBe(0);
    const report = JSON.parse(resolved.stdout);
    expect(report.release).toBe(`DeepSpeed 0.15.2 (--old-rule ${OLD_RULE})`);
    expect(report.spec).toMatchObject({ type: 'deepspeed.WarmupLR', first_update_lr: 1e-5 });
    const golden = JSON.parse(readFileSync(`${DIR}/sdma_allgather.before-0.15.3.golden.json`, 'utf8')) as { lr: number[] };
    const { status, stdout } = lrviz(['plot', '-s', JSON.stringify(report.spec), '--steps', '40', '-o', '-']);
    expect(status).toBe(0);
    const values = stdout.trim().split(/\r?\n/).slice(1).map((row) => Number(row.split(',')[1]));
    expectCurve((i) => values[i], golden.lr, 'DeepSpeed');
    expect(values).toHaveLength(40);
  });

  it('--old-rule with a scheduler that always set its lr changes nothing, and says so', async () => {
    const now = await resolveConfigFile(`${DIR}/one-cycle-tutorial.json`, { inputs: {} });
    const old = await resolveConfigFile(`${DIR}/one-cycle-tutorial.json`, { inputs: { legacy: new Set([OLD_RULE]) } });
    expect(old.spec).toEqual(now.spec);
    expect(old.assumptions.join('\n')).toContain('OneCycle set its lr when built before 0.15.3 too');
  });

  it('--old-rule on a WarmupLR with no optimizer block: the lr of update 0 is unknown, one line says what to add', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/megatron_gpt2-ds_config_func_scheduler.json`, '--old-rule', OLD_RULE]);
    expect(status).toBe(2);
    expect(stderr).toBe(`lrviz: error: megatron_gpt2-ds_config_func_scheduler.json: before DeepSpeed 0.15.3 update 0 runs at the optimizer's own lr, and there is no optimizer block; add optimizer.params.lr (or drop --old-rule ${OLD_RULE})\n`);
  });

  it('a scheduler with no end needs --steps; with it, plot draws it', () => {
    const file = `${DIR}/sdma_allgather-ds_config_zero3.json`;
    const without = lrviz(['plot', '--config', file]);
    expect(without.status).toBe(2);
    expect(without.stderr).toBe('lrviz: error: sdma_allgather-ds_config_zero3.json: the file does not say how long the run is; give --steps N (or --epochs with --steps-per-epoch)\n');
    const { status, stdout } = lrviz(['plot', '--config', file, '--steps', '40', '-o', '-']);
    expect(status).toBe(0);
    expect(stdout.trim().split(/\r?\n/)).toHaveLength(41);
  });

  it('"auto" without the HF arguments that fill it: one line naming the key', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/llamafactory-ds-scheduler/examples/deepspeed/ds_z3_config.json`]);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: ds_z3_config.json: scheduler.params.total_num_steps is "auto", which only the HF Trainer fills in: resolve the training_args.json that names this file, or write the number\n');
  });

  it('check --config reports the scheduler that overrides lr_scheduler_type, and the log warmup', () => {
    const { stdout, status } = lrviz(['check', '--config', `${DIR}/llamafactory-ds-scheduler/examples/train_full/qwen3_full_sft.yaml`, '--dataset-size', '1000', '--devices', '2', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.training).toMatchObject({ schedulerSteps: 750, stepsPerEpoch: 250, epochs: 3 });
    const codes = report.schedules[0].findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('LRV101');
    expect(codes).toContain('LRV103');
  });
});
