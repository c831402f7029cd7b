/**
 * hf dialect beyond the golden files. Expected values are worked out by hand from the lr_lambda functions
 * of transformers src/transformers/optimization.py (each case names the one it follows); LambdaLR
 * multiplies them by the optimizer's lr.
 */
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { buildError, expectClose, lrs } from '../support/dialect.js';
import { catalog } from '../../src/catalog.js';

function at(spec: string, step: number): number {
  return buildSchedule(catalog, parseTextSpec(spec), step + 1).schedule.lr(step);
}

describe('constant schedules', () => {
  it('constant (_get_constant_lambda) is the optimizer lr, 5e-5 unless given, also as learning_rate', () => {
    expectClose(lrs('hf.constant', 3), [5e-5, 5e-5, 5e-5]);
    expectClose(lrs('hf.constant:learning_rate=0.01', 2), [0.01, 0.01]);
  });

  it('constant_with_warmup (_get_constant_schedule_with_warmup_lr_lambda): step/num_warmup_steps, so update 0 uses 0', () => {
    expectClose(lrs('hf.constant_with_warmup:lr=1,num_warmup_steps=4', 6), [0, 0.25, 0.5, 0.75, 1, 1]);
  });
});

describe('decays (_get_linear_/_get_cosine_/_get_cosine_with_hard_restarts_ ... _lr_lambda)', () => {
  it('linear: (T - step)/(T - W), 0 from num_training_steps on', () => {
    expectClose(lrs('hf.linear:lr=1,num_warmup_steps=2,num_training_steps=6', 8), [0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0]);
  });

  it('linear with num_training_steps below num_warmup_steps drops to 0 after the warmup', () => {
    expectClose(lrs('hf.linear:lr=1,num_warmup_steps=4,num_training_steps=2', 6), [0, 0.25, 0.5, 0.75, 0, 0]);
  });

  it('cosine climbs back past num_training_steps (num_cycles=0.5: a full period every 2 T)', () => {
    const spec = 'hf.cosine:lr=1,num_training_steps=10';
    expect(at(spec, 10)).toBe(0);
    expect(at(spec, 15)).toBeCloseTo(0.5, 15);
    expect(at(spec, 20)).toBeCloseTo(1, 15);
  });

  it('cosine_with_restarts restarts where (num_cycles * progress) % 1 wraps, and is 0 from the end on', () => {
    const values = lrs('hf.cosine_with_restarts:lr=1,num_training_steps=10,num_cycles=2', 13);
    expectClose([values[0], values[2], values[5], values[10], values[12]], [1, 0.5 * (1 + Math.cos(0.4 * Math.PI)), 1, 0, 0]);
  });

  it('num_cycles of cosine_with_restarts defaults to 1: one cosine, then 0', () => {
    expectClose(lrs('hf.cosine_with_restarts:lr=1,num_training_steps=4', 6), [1, 0.5 * (1 + Math.cos(Math.PI / 4)), 0.5, 0.5 * (1 + Math.cos((3 * Math.PI) / 4)), 0, 0]);
  });
});

describe('polynomial (_get_polynomial_decay_schedule_with_warmup_lr_lambda)', () => {
  it('decays (lr - lr_end) * remaining^power + lr_end, then holds lr_end', () => {
    const values = lrs('hf.polynomial:lr=1,num_training_steps=10,lr_end=0.1,power=2', 21);
    expectClose([values[0], values[5], values[10], values[20]], [1, 0.9 * 0.25 + 0.1, 0.1, 0.1]);
  });

  it('refuses lr_end >= lr and a decay of no steps, as transformers raises', () => {
    expect(buildError('hf.polynomial:lr=0.001,lr_end=0.001')).toMatch(/lr_end=0.001 must be smaller than lr=0.001/);
    expect(buildError('hf.polynomial:lr=1,num_warmup_steps=5,num_training_steps=5')).toMatch(/num_training_steps=5 equals num_warmup_steps/);
  });
});

describe('inverse_sqrt (_get_inverse_sqrt_schedule_lr_lambda)', () => {
  it('timescale defaults to num_warmup_steps', () => {
    expectClose([at('hf.inverse_sqrt:lr=1,num_warmup_steps=4', 4), at('hf.inverse_sqrt:lr=1,num_warmup_steps=4', 12)], [1, 1 / Math.sqrt(3)]);
  });

  it('and to 10000 without warmup', () => {
    expect(at('hf.inverse_sqrt:lr=1', 30_000)).toBeCloseTo(0.5, 15);
  });
});

describe('cosine with a floor (get_cosine_with_min_lr_schedule_with_warmup)', () => {
  it('min_lr_rate: factor * (1 - rate) + rate, climbing back past the end', () => {
    const values = lrs('hf.cosine_with_min_lr:lr=1,num_training_steps=10,min_lr_rate=0.1', 21);
    expectClose([values[5], values[10], values[20]], [0.55, 0.1, 1]);
  });

  it('min_lr is turned into min_lr / lr', () => {
    expectClose(lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr=0.2', 11, 5), [1.1, ...lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr_rate=0.1', 11, 6)]);
    expect(at('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr=0.2', 10)).toBeCloseTo(0.2, 15);
  });

  it('needs exactly one of min_lr and min_lr_rate', () => {
    // transformers 5.18's own messages, as get_cosine_with_min_lr_schedule_with_warmup raises them.
    expect(buildError('hf.cosine_with_min_lr:lr=1')).toMatch(/ValueError: One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`/);
    expect(buildError('hf.cosine_with_min_lr:lr=1,min_lr=0.5,min_lr_rate=0.1')).toMatch(/min_lr=0.5 and min_lr_rate=0.1: give only one; transformers raises "ValueError: Only one of min_lr or min_lr_rate should be set"/);
  });

  it('refuses both even when they agree, in both functions, as transformers 5.18 does', () => {
    // Real transformers 5.18: get_cosine_with_min_lr_schedule_with_warmup(opt(lr=1), 0, 10, min_lr=0.1, min_lr_rate=0.1)
    // and its _lr_rate sibling raise ValueError("Only one of min_lr or min_lr_rate should be set").
    for (const symbol of ['hf.cosine_with_min_lr', 'hf.cosine_warmup_with_min_lr']) {
      expect(buildError(`${symbol}:lr=1,min_lr=0.1,min_lr_rate=0.1`)).toMatch(/transformers raises "ValueError: Only one of min_lr or min_lr_rate should be set"/);
    }
  });

  it('None for one of them is leaving it out', () => {
    expect(lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr=None,min_lr_rate=0.1', 11)).toEqual(lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr_rate=0.1', 11));
    expect(lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr=0.2,min_lr_rate=None', 11)).toEqual(lrs('hf.cosine_with_min_lr:lr=2,num_training_steps=10,min_lr=0.2', 11));
  });

  it('min_lr with lr=0 is the ZeroDivisionError transformers raises', () => {
    expect(buildError('hf.cosine_with_min_lr:lr=0,min_lr=0.1')).toMatch(/ZeroDivisionError: float division by zero/);
  });
});

describe('cosine_warmup_with_min_lr (_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda)', () => {
  it('counts one step ahead: the warmup is (step + 1)/W and the cosine starts at progress 1/(T - W)', () => {
    const values = lrs('hf.cosine_warmup_with_min_lr:lr=1,num_warmup_steps=4,num_training_steps=14,min_lr_rate=0', 14);
    expectClose([values[0], values[1], values[3], values[4], values[13]], [0.25, 0.5, 1, 0.5 * (1 + Math.cos(0.1 * Math.PI)), 0]);
  });

  it('warmup_lr_rate starts the warmup there and reaches lr at step W - 1', () => {
    const values = lrs('hf.cosine_warmup_with_min_lr:lr=1,num_warmup_steps=4,num_training_steps=14,min_lr_rate=0.5,warmup_lr_rate=0.2', 5);
    expectClose(values, [0.2, 0.2 + 0.8 / 3, 0.2 + 1.6 / 3, 1, 0.5 * (1 + Math.cos(0.1 * Math.PI)) * 0.5 + 0.5]);
  });
});

describe('warmup_stable_decay (_get_wsd_scheduler_lambda)', () => {
  it('warms up from min_lr_ratio along warmup_type, holds, decays along decay_type, holds min_lr_ratio', () => {
    const values = lrs('hf.warmup_stable_decay:lr=1,num_warmup_steps=4,num_stable_steps=2,num_decay_steps=4,warmup_type=cosine,decay_type=1-sqrt,min_lr_ratio=0.1', 12);
    expectClose([values[0], values[2], values[4], values[5], values[6], values[8], values[10], values[11]], [0.1, 0.55, 1, 1, 1, (1 - Math.sqrt(0.5)) * 0.9 + 0.1, 0.1, 0.1]);
  });

  it('without num_stable_steps, holds for num_training_steps - warmup - decay (cosine decay by default)', () => {
    expectClose(lrs('hf.wsd:lr=1,num_warmup_steps=2,num_decay_steps=2,num_training_steps=10', 11, 7), [1, 1, 0.5, 0]);
  });

  it('draws warmup plus decay longer than the run as transformers does (no error there), and refuses a missing num_decay_steps', () => {
    // transformers 5.18 get_wsd_schedule(opt, num_warmup_steps=5, num_decay_steps=10, num_training_steps=10), lr=1,
    // through LambdaLR: the decay starts 5 steps before the warmup ends, so the lr drops from 0.8 to its middle.
    expectClose(lrs('hf.warmup_stable_decay:lr=1,num_warmup_steps=5,num_decay_steps=10,num_training_steps=10', 16), [
      0.0, 0.2, 0.4, 0.6, 0.8, 0.5, 0.34549150281252633, 0.2061073738537635, 0.09549150281252633, 0.024471741852423234, 0, 0, 0, 0, 0, 0,
    ]);
    expect(buildError('hf.warmup_stable_decay:num_warmup_steps=5')).toMatch(/missing parameter num_decay_steps/);
  });
});

describe('bad input', () => {
  it('an unknown parameter names the framework parameters and the nearest one', () => {
    expect(buildError('hf.cosine:num_warmup=5')).toMatch(
      /unknown parameter "num_warmup" \(did you mean "num_warmup_steps"\?\); its parameters are lr, num_warmup_steps, warmup_steps, warmup_ratio, num_training_steps, num_cycles/,
    );
  });

  it('a nonsensical value is one line naming it', () => {
    expect(buildError('hf.linear:num_warmup_steps=-1')).toMatch(/num_warmup_steps=-1 is not allowed; num_warmup_steps must be a whole number >= 0/);
    expect(buildError('hf.warmup_stable_decay:num_decay_steps=3,warmup_type=quadratic')).toMatch(/warmup_type="?quadratic"? is not allowed; warmup_type must be one of linear, cosine, 1-sqrt/);
  });
});
