/**
 * mmengine dialect: the param_scheduler lists of real configs (test/fixtures/configs/mmengine, README there)
 * written as specs, against the learning rates mmengine's own scheduler code produced (golden.json), and
 * each class on its own. The specs here are what `lrviz resolve` prints for those configs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { buildError, lrAt, lrs } from '../support/dialect.js';
import { expectNear } from '../support/golden.js';

const golden = JSON.parse(readFileSync('test/fixtures/configs/mmengine/golden.json', 'utf8')) as {
  cases: { config: string; updates: number; steps: number[]; lr: number[] }[];
};

const SPECS: Record<string, Record<string, unknown>> = {
  'mmdetection/configs/rtmdet/rtmdet_s_8xb32-300e_coco.py': {
    type: 'mmengine.param_scheduler',
    lr: 0.004,
    epoch_length: 20,
    schedulers: [
      { symbol: 'LinearLR', start_factor: 1e-5, by_epoch: false, begin: 0, end: 1000 },
      { symbol: 'CosineAnnealingLR', eta_min: 0.004 * 0.05, begin: 150, end: 300, T_max: 150, by_epoch: true, convert_to_iter_based: true },
    ],
  },
  'mmdetection/configs/_base_/schedules/schedule_1x.py': {
    type: 'mmengine.param_scheduler',
    lr: 0.02,
    epoch_length: 100,
    schedulers: [
      { symbol: 'LinearLR', start_factor: 0.001, by_epoch: false, begin: 0, end: 500 },
      { symbol: 'MultiStepLR', begin: 0, end: 12, by_epoch: true, milestones: [8, 11], gamma: 0.1 },
    ],
  },
  'mmpretrain/configs/swin_transformer/swin-tiny_16xb64_in1k.py': {
    type: 'mmengine.param_scheduler',
    lr: (5e-4 * 1024) / 512,
    epoch_length: 7,
    schedulers: [
      { symbol: 'LinearLR', start_factor: 1e-3, by_epoch: true, begin: 0, end: 20, convert_to_iter_based: true },
      { symbol: 'CosineAnnealingLR', eta_min: 1e-5, by_epoch: true, begin: 20, end: 300 },
    ],
  },
  'mmpretrain/configs/resnet/resnet50_8xb32_in1k.py': {
    type: 'mmengine.param_scheduler',
    lr: 0.1,
    epoch_length: 51,
    schedulers: [{ symbol: 'MultiStepLR', by_epoch: true, milestones: [30, 60, 90], gamma: 0.1, begin: 0, end: 100 }],
  },
  'mmsegmentation/configs/_base_/schedules/schedule_80k.py': {
    type: 'mmengine.param_scheduler',
    lr: 0.01,
    by_epoch_loop: false,
    schedulers: [{ symbol: 'PolyLR', eta_min: 1e-4, power: 0.9, begin: 0, end: 80000, by_epoch: false }],
  },
};

describe('mmengine.param_scheduler against mmengine 0.11 scheduler code', () => {
  for (const c of golden.cases) {
    it(c.config, () => {
      const actual = lrAt(SPECS[c.config], c.steps);
      c.steps.forEach((step, j) => {
        expectNear(actual[j], c.lr[j], () => `update ${step}: lrviz ${actual[j]}, mmengine ${c.lr[j]}`);
      });
    });
  }

  it('the CLI reproduces a golden through the JSON spec form, every row', () => {
    const c = golden.cases.find((g) => g.config.endsWith('schedule_1x.py'))!;
    const { status, stdout } = lrviz(['plot', '-s', JSON.stringify(SPECS[c.config]), '--steps', String(c.updates), '-o', '-']);
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
    expect(rows).toHaveLength(c.updates);
    c.steps.forEach((step, j) => expect(Math.abs(rows[step] - c.lr[j])).toBeLessThanOrEqual(1e-9 * c.lr[j]));
  });
});

describe('mmengine.<class> on its own', () => {
  it('an epoch-based scheduler holds for epoch_length updates, and equals --stepped epoch on per-step rows', () => {
    const held = lrs('mmengine.CosineAnnealingLR:lr=0.1,T_max=10,end=10,epoch_length=4', 40);
    const perStep = lrs('mmengine.CosineAnnealingLR:lr=0.1,T_max=10,end=10', 10);
    held.forEach((v, i) => expect(v).toBe(perStep[Math.floor(i / 4)]));
    // Recursive, as mmengine computes it: at T_max the cosine is at eta_min (0) to rounding.
    expect(perStep[5]).toBeCloseTo(0.05, 15);
  });

  it('is active for begin <= t < end only: before begin the lr is the optimizer\'s, after end it holds', () => {
    const values = lrs('mmengine.LinearLR:lr=1,start_factor=0.5,by_epoch=false,begin=3,end=8', 12);
    // LinearLR: factor start at its step 0 (update 3 is the first to see it: stepped after update 2... at global step 3).
    expect(values.slice(0, 4)).toEqual([1, 1, 1, 0.5]);
    expect(values[7]).toBeCloseTo(1, 15);
    expect(values[11]).toBe(values[7]);
  });

  it('MultiStepLR counts a repeated milestone twice (a Counter), as mmengine does', () => {
    // Update i sees the lr after the scheduler's steps 1..i: milestone 2 applies gamma twice before update 2.
    expect(lrAt('mmengine.MultiStepLR:lr=1,milestones=[2,2],by_epoch=false', [1, 2, 3])).toEqual([1, 0.1 * 0.1, 0.1 * 0.1]);
  });

  it.each([
    ['mmengine.LinearLR:lr=0.1,begin=5,end=5', /end=5 is not above begin=5/],
    ['mmengine.CosineRestartLR:lr=0.1,periods=[10]', /exactly one of eta_min and eta_min_ratio/],
    ['mmengine.CosineAnnealingLR:lr=0.1,eta_min=0,eta_min_ratio=0.1', /both given/],
    [{ type: 'mmengine.param_scheduler', lr: 0.1, schedulers: [{ symbol: 'ReduceOnPlateauLR' }] }, /schedulers\[0\]: type is ReduceOnPlateauLR: it follows a validation metric/],
    [{ type: 'mmengine.param_scheduler', lr: 0.1, schedulers: [{ symbol: 'LinearLR', T_max: 3 }] }, /schedulers\[0\]: T_max is not a parameter of mmengine's LinearLR/],
  ])('refuses %j in one line', (spec, message) => {
    expect(buildError(spec)).toMatch(message);
  });
});
