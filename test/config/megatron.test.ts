/**
 * Megatron-LM launch scripts (real ones from NVIDIA/Megatron-LM examples/) against Megatron Core 0.20.0's own
 * OptimizerParamScheduler, run as train() steps it (test/fixtures/configs/megatron/make_goldens.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { resolveConfigFile } from '../../src/config/index.js';
import type { PlanInputs } from '../../src/config/types.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { expectNear } from '../support/golden.js';

const DIR = 'test/fixtures/configs/megatron';

const CASES: { name: string; file: string; golden: string; inputs: PlanInputs; notes: string[]; updates: number }[] = [
  {
    name: 'BERT 340M: iterations, --lr-decay-iters before --train-iters (flat tail), warmup fraction of the decay',
    file: 'train_bert_340m_distributed.sh',
    golden: 'bert_340m.golden.json',
    inputs: {},
    notes: ['LRV106', 'LRV102'],
    updates: 1_000_000,
  },
  {
    name: 'Llama 3 8B: samples, $VARs for the batch sizes, a cosine',
    file: 'train_llama3_8b_h100_fp8.sh',
    golden: 'llama3_8b.golden.json',
    inputs: {},
    notes: ['LRV102'],
    updates: 15_258_789,
  },
  {
    name: 'ModelOpt finetune: flags in strings across continuations, no --global-batch-size (needs --devices)',
    file: 'modelopt-finetune.sh',
    golden: 'modelopt-finetune.devices8.golden.json',
    inputs: { devices: 8 },
    notes: ['LRV105'],
    updates: 16_000,
  },
  {
    name: 'Nemotron 3 release test: a functional-test model_config.yaml (MODEL_ARGS), WSD with minus_sqrt annealing, in samples; its warmup outlasts the run',
    file: 'nemotron3_super_release_gb200-model_config.yaml',
    golden: 'nemotron3_super.golden.json',
    inputs: {},
    notes: [],
    updates: 23_841,
  },
];

describe('Megatron-LM scripts against Megatron Core 0.20.0 run', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const resolved = await resolveConfigFile(`${DIR}/${c.file}`, { inputs: c.inputs });
      const golden = JSON.parse(readFileSync(`${DIR}/${c.golden}`, 'utf8')) as { updates: number; lr: Record<string, number> };
      expect(resolved.stack).toBe('megatron');
      expect(resolved.updates).toBe(golden.updates);
      expect(resolved.updates).toBe(c.updates);
      expect(resolved.notes.map((n) => n.code)).toEqual(c.notes);
      const { schedule } = buildSchedule(catalog, resolved.spec, resolved.updates as number);
      for (const [step, lr] of Object.entries(golden.lr)) {
        const actual = schedule.lr(Number(step));
        expectNear(actual, lr, () => `update ${step}: lrviz ${actual}, Megatron ${lr}`);
      }
    });
  }

  it('the flat tail is named with the update it starts at and the flag that fixes it', async () => {
    const resolved = await resolveConfigFile(`${DIR}/train_bert_340m_distributed.sh`, { inputs: {} });
    const tail = resolved.notes.find((n) => n.code === 'LRV102');
    expect(tail?.step).toBe(990_001);
    expect(tail?.fix).toContain('--lr-decay-iters equal to --train-iters');
  });
});

describe('megatron.OptimizerParamScheduler WSD and inverse-square-root against Megatron Core 0.20.0 run', () => {
  const golden = JSON.parse(readFileSync(`${DIR}/dialect.golden.json`, 'utf8')) as { cases: { params: Record<string, unknown>; lr: number[] }[] };
  it('holds the cases make_dialect_goldens.py ran: four WSD annealing styles, WSD in samples, two inverse square roots', () => {
    expect(golden.cases.map((c) => `${c.params.lr_decay_style}${c.params.lr_wsd_decay_style ? ` ${c.params.lr_wsd_decay_style}` : ''}`)).toEqual([
      'WSD exponential',
      'WSD linear',
      'WSD cosine',
      'WSD minus_sqrt',
      'WSD minus_sqrt',
      'inverse-square-root',
      'inverse-square-root',
    ]);
  });
  for (const c of golden.cases) {
    const spec = { type: 'megatron.OptimizerParamScheduler', ...c.params };
    it(JSON.stringify(c.params), () => {
      const { schedule } = buildSchedule(catalog, spec, c.lr.length);
      c.lr.forEach((lr, i) => {
        expectNear(schedule.lr(i), lr, () => `update ${i}: lrviz ${schedule.lr(i)}, Megatron ${lr}`);
      });
    });
  }
});

describe('Megatron-LM scripts on the command line', () => {
  it('no --global-batch-size and no --devices: one line naming the flag to give', () => {
    const { status, stderr } = lrviz(['resolve', `${DIR}/modelopt-finetune.sh`]);
    expect(status).toBe(2);
    expect(stderr).toBe('lrviz: error: modelopt-finetune.sh: has no --global-batch-size: it is --micro-batch-size 1 × data-parallel processes; give --devices (data-parallel processes)\n');
  });

  it('check --config reports the flat tail as a warning at the update it starts', () => {
    const { stdout } = lrviz(['check', '--config', `${DIR}/train_bert_340m_distributed.sh`, '--json']);
    const findings = JSON.parse(stdout).schedules[0].findings as { code: string; step: number; severity: string }[];
    expect(findings.find((f) => f.code === 'LRV102')).toMatchObject({ step: 990_001, severity: 'warning' });
  });

  it('the megatron dialect takes the constructor names', () => {
    const { status, stdout } = lrviz(['plot', '-s', 'megatron.OptimizerParamScheduler:max_lr=1,min_lr=0.1,lr_warmup_steps=2,lr_decay_steps=10,lr_decay_style=linear', '--steps', '12', '-o', '-']);
    expect(status).toBe(0);
    const values = stdout.trim().split(/\r?\n/).slice(1).map((row) => Number(row.split(',')[1]));
    // warmup 0, 0.5, 1; then 0.1 + 0.9 × (1 - (n - 2)/8); min_lr past 10.
    const expected = [0, 0.5, 1, 0.8875, 0.775, 0.6625, 0.55, 0.4375, 0.325, 0.2125, 0.1, 0.1];
    expect(values).toHaveLength(12);
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });
});
