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

const DIR = 'test/fixtures/configs/deepspeed';

function expectCurve(actual: (i: number) => number, golden: readonly number[]): void {
  for (let i = 0; i < golden.length; i++) {
    const tolerance = 1e-9 * Math.abs(golden[i]) + 1e-300;
    if (!(Math.abs(actual(i) - golden[i]) <= tolerance)) expect.fail(`update ${i}: lrviz ${actual(i)}, DeepSpeed ${golden[i]}`);
  }
}

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
      expectCurve((i) => schedule.lr(i), golden.lr);
    });
  }

  it('WarmupCosineLR trains its first update at 0, then log-warms from warmup_min_ratio (lr_schedules.py get_lr before the first step)', () => {
    const { schedule } = buildSchedule(catalog, parseTextSpec('deepspeed.WarmupCosineLR:lr=0.0001,total_num_steps=20,warmup_num_steps=5'), 20);
    // DeepSpeed 0.19.6, run by make_goldens.py's loop with these parameters:
    const golden = [0.0, 0.0, 4.306765580733931e-5, 6.826061944859854e-5, 8.613531161467861e-5, 0.0001, 9.890748929868662e-5, 9.567770515484184e-5];
    expectCurve((i) => schedule.lr(i), golden);
  });
});

describe('DeepSpeed configs on the command line', () => {
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
