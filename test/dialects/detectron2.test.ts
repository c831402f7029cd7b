/**
 * detectron2 dialect: real configs' SOLVER blocks (test/fixtures/configs/detectron2, README there) as specs,
 * against the learning rates detectron2's build_lr_scheduler and fvcore's ParamSchedulers produced when run
 * (golden.json); WarmupStepWithFixedGammaLR, which no public config found uses, against fvcore's formula
 * re-stated by hand (WarmupCosineLR too, beside Detic's goldens).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildError, lrAt, lrs } from '../support/dialect.js';
import { expectNear } from '../support/golden.js';

const golden = JSON.parse(readFileSync('test/fixtures/configs/detectron2/golden.json', 'utf8')) as {
  cases: { config: string; updates: number; steps: number[]; lr: number[] }[];
};

const SPECS: Record<string, string> = {
  'configs/COCO-Detection/faster_rcnn_R_50_FPN_3x.yaml': 'detectron2.WarmupMultiStepLR:BASE_LR=0.02,MAX_ITER=270000,STEPS=[210000,250000]',
  'configs/COCO-Detection/retinanet_R_50_FPN_1x.yaml': 'detectron2.WarmupMultiStepLR:BASE_LR=0.01,MAX_ITER=90000,STEPS=[60000,80000]',
  'configs/PascalVOC-Detection/faster_rcnn_R_50_FPN.yaml': 'detectron2.WarmupMultiStepLR:BASE_LR=0.02,MAX_ITER=18000,STEPS=[12000,16000],WARMUP_ITERS=100',
  'configs/quick_schedules/mask_rcnn_R_50_FPN_training_acc_test.yaml': 'detectron2.WarmupMultiStepLR:BASE_LR=0.02,MAX_ITER=6000,STEPS=[5500,5800],WARMUP_ITERS=100,WARMUP_FACTOR=0.3333333',
  // Detic's configs (facebookresearch/Detic), WarmupCosineLR.
  'detic/configs/Base-C2_L_R5021k_640b64_4x.yaml': 'detectron2.WarmupCosineLR:BASE_LR=0.0002,MAX_ITER=90000,WARMUP_ITERS=10000,WARMUP_FACTOR=0.0001',
  'detic/configs/BoxSup-C2_L_CLIP_SwinB_896b32_4x.yaml': 'detectron2.WarmupCosineLR:BASE_LR=0.0001,MAX_ITER=180000,WARMUP_ITERS=10000,WARMUP_FACTOR=0.0001',
  'detic/configs/Detic_LI_CLIP_R5021k_640b64_4x_ft4x_max-size.yaml': 'detectron2.WarmupCosineLR:BASE_LR=0.0002,MAX_ITER=90000,WARMUP_ITERS=1000,WARMUP_FACTOR=0.001',
};

describe('detectron2 schedulers against detectron2 + fvcore runs', () => {
  for (const c of golden.cases) {
    it(c.config, () => {
      const actual = lrAt(SPECS[c.config], c.steps);
      c.steps.forEach((step, j) => {
        expectNear(actual[j], c.lr[j], () => `iteration ${step}: lrviz ${actual[j]}, detectron2 ${c.lr[j]}`);
      });
    });
  }
});

describe('the names without a golden, from fvcore/common/param_scheduler.py re-stated', () => {
  it('WarmupCosineLR: the warmup ends at the cosine of where = WARMUP_ITERS / MAX_ITER, then the cosine of i / MAX_ITER', () => {
    const [base, end, maxIter, warm, factor] = [0.02, 0.0002, 1000, 100, 0.001];
    const e = end / base;
    const cosine = (where: number): number => e + 0.5 * (1 - e) * (1 + Math.cos(Math.PI * where));
    const wl = warm / maxIter;
    const expected = Array.from({ length: maxIter }, (_, i) => {
      const where = i / maxIter;
      if (where + 1e-6 > wl) return base * cosine(where);
      const t = where / wl;
      return base * (cosine(wl) * t + factor * cosine(0) * (1 - t));
    });
    const actual = lrs(`detectron2.WarmupCosineLR:BASE_LR=${base},BASE_LR_END=${end},MAX_ITER=${maxIter},WARMUP_ITERS=${warm}`, maxIter);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-12 * expected[i]));
  });

  it('WarmupStepWithFixedGammaLR: NUM_DECAYS + 1 equal stairs, found with int((where + 1e-6) × stairs)', () => {
    const values = lrs('detectron2.WarmupStepWithFixedGammaLR:BASE_LR=1,MAX_ITER=400,GAMMA=0.5,NUM_DECAYS=3,WARMUP_ITERS=0', 400);
    expect([values[0], values[99], values[100], values[199], values[200], values[300], values[399]]).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125, 0.125]);
  });

  it('a constant warmup holds WARMUP_FACTOR × BASE_LR; RESCALE_INTERVAL starts the main schedule after the warmup', () => {
    expect(lrAt('detectron2.WarmupMultiStepLR:BASE_LR=1,MAX_ITER=100,STEPS=[50],WARMUP_ITERS=10,WARMUP_METHOD=constant,WARMUP_FACTOR=0.1', [0, 9, 10, 49, 50])).toEqual([0.1, 0.1, 1, 1, 0.1]);
    const rescaled = lrAt('detectron2.WarmupCosineLR:BASE_LR=1,MAX_ITER=100,WARMUP_ITERS=10,RESCALE_INTERVAL=true', [10, 55]);
    expect(rescaled[0]).toBeCloseTo(1, 12);
    expect(rescaled[1]).toBeCloseTo(0.5, 12);
  });

  it('refuses a step at or past MAX_ITER and steps out of order, as fvcore does', () => {
    expect(buildError('detectron2.WarmupMultiStepLR:MAX_ITER=100,STEPS=[100]')).toMatch(/STEPS holds 100, not below MAX_ITER 100/);
    expect(buildError('detectron2.WarmupMultiStepLR:MAX_ITER=100,STEPS=[60,40]')).toMatch(/must be increasing/);
  });
});
