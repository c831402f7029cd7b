/**
 * Dialect: Detectron2's LR schedulers as `SOLVER.LR_SCHEDULER_NAME` names them, with the SOLVER keys as
 * parameters (BASE_LR, MAX_ITER, STEPS, ...) and defaults from detectron2/config/defaults.py. Row i is
 * iteration i; the arithmetic (fvcore's fractions of training) is in ./detectron2-solver.ts.
 */
import { bool, choice, define, int, num, numbers, type ScheduleDefinition } from '../schedules/definition.js';
import { detectron2Schedule, type Detectron2SchedulerName } from './detectron2-solver.js';

const framework = 'detectron2';

const common = {
  BASE_LR: num({ min: 0, default: 0.001, doc: 'SOLVER.BASE_LR' }),
  MAX_ITER: int({ above: 0, default: 40000, doc: 'SOLVER.MAX_ITER: iterations of training (the multiplier runs over i / MAX_ITER)' }),
};
const warmup = {
  WARMUP_FACTOR: num({ min: 0, default: 0.001, doc: 'SOLVER.WARMUP_FACTOR: the warmup starts at this fraction' }),
  WARMUP_ITERS: num({ min: 0, default: 1000, doc: 'SOLVER.WARMUP_ITERS' }),
  WARMUP_METHOD: choice(['linear', 'constant'], { default: 'linear', doc: 'SOLVER.WARMUP_METHOD' }),
  RESCALE_INTERVAL: bool({ default: false, doc: 'SOLVER.RESCALE_INTERVAL: the main schedule starts after the warmup instead of under it' }),
};

function build(name: Detectron2SchedulerName, p: Record<string, unknown>, fail: (message: string) => never) {
  return detectron2Schedule(
    {
      name,
      baseLr: p.BASE_LR as number,
      baseLrEnd: (p.BASE_LR_END as number | undefined) ?? 0,
      maxIter: p.MAX_ITER as number,
      steps: (p.STEPS as number[] | undefined) ?? [],
      gamma: (p.GAMMA as number | undefined) ?? 0.1,
      numDecays: (p.NUM_DECAYS as number | undefined) ?? 3,
      warmupFactor: p.WARMUP_FACTOR as number,
      warmupIters: p.WARMUP_ITERS as number,
      warmupMethod: p.WARMUP_METHOD as 'linear' | 'constant',
      rescaleInterval: p.RESCALE_INTERVAL as boolean,
    },
    fail,
  );
}

export const detectron2Definitions: readonly ScheduleDefinition[] = [
  define({
    name: 'detectron2.WarmupMultiStepLR',
    framework,
    summary: 'warmup, then BASE_LR × GAMMA^(number of STEPS passed); STEPS beyond MAX_ITER are dropped',
    formula: 'BASE_LR × GAMMA^bisect_right(STEPS, int((i/MAX_ITER + 1e-6) × MAX_ITER)), after a warmup from WARMUP_FACTOR',
    params: { ...common, STEPS: numbers({ default: [30000], doc: 'SOLVER.STEPS: iterations where GAMMA applies' }), GAMMA: num({ min: 0, default: 0.1, doc: 'SOLVER.GAMMA' }), ...warmup },
    build: (p, ctx) => build('WarmupMultiStepLR', p, (m) => ctx.fail(m)),
  }),
  define({
    name: 'detectron2.WarmupCosineLR',
    framework,
    summary: 'warmup, then a cosine from BASE_LR to BASE_LR_END over MAX_ITER (the warmup covers its start)',
    formula: 'BASE_LR × (e + (1 - e)(1 + cos(pi i/MAX_ITER))/2),  e = BASE_LR_END/BASE_LR',
    params: { ...common, BASE_LR_END: num({ min: 0, default: 0, doc: 'SOLVER.BASE_LR_END' }), ...warmup },
    build: (p, ctx) => build('WarmupCosineLR', p, (m) => ctx.fail(m)),
  }),
  define({
    name: 'detectron2.WarmupStepWithFixedGammaLR',
    framework,
    summary: 'warmup, then NUM_DECAYS equal steps of GAMMA over MAX_ITER',
    formula: 'BASE_LR × GAMMA^int((i/MAX_ITER + 1e-6) × (NUM_DECAYS + 1))',
    params: { ...common, GAMMA: num({ above: 0, default: 0.1, doc: 'SOLVER.GAMMA' }), NUM_DECAYS: int({ above: 0, max: 10000, default: 3, doc: 'SOLVER.NUM_DECAYS' }), ...warmup },
    build: (p, ctx) => build('WarmupStepWithFixedGammaLR', p, (m) => ctx.fail(m)),
  }),
];
