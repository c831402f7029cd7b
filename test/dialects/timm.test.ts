/**
 * timm dialect beyond the golden files. Expected values are worked out by hand from timm/scheduler/*.py
 * (`_get_lr(t)` of each scheduler, t = update count, t_in_epochs=False) as CPython evaluates them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { correctlyRoundedLog, pythonFloorDiv } from '../../src/dialects/python-math.js';
import { buildError, expectClose, lrAt, lrs } from '../support/dialect.js';

describe("CPython's float operations timm depends on", () => {
  it('floor division goes through fmod: 11 // 1.1 is 9, not floor(11 / 1.1) = 10', () => {
    expect([pythonFloorDiv(11, 1.1), pythonFloorDiv(2403, 240.3), pythonFloorDiv(12, 1.1), pythonFloorDiv(7, 2), pythonFloorDiv(-7, 2), pythonFloorDiv(7, -2)]).toEqual([
      9, 9, 10, 3, -4, -4,
    ]);
  });

  it('logs are the correctly rounded ones glibc returns', () => {
    // ln 3 = 1.09861228866810969139...; the nearest double prints as 1.0986122886681098.
    expect(correctlyRoundedLog(3)).toBe(1.0986122886681098);
    expect(correctlyRoundedLog(243) / correctlyRoundedLog(3)).toBe(4.999999999999999);
    expect(correctlyRoundedLog(1)).toBe(0);
    expect(correctlyRoundedLog(Math.E ** 2)).toBeCloseTo(2, 15);
  });
});

describe('timm.CosineLRScheduler (cosine_lr.py, _get_lr)', () => {
  it('without warmup_prefix the warmup overlays the cosine, so the lr drops at warmup_t', () => {
    // warmup 0 -> 1 over 5 updates (0.2 a step); at t = 5 the cosine is at 5/10 of its cycle.
    expectClose(lrAt('timm.CosineLRScheduler:lr=1,t_initial=10,warmup_t=5', [0, 4, 5, 10]), [0, 0.8, 0.5, 0]);
  });

  it('with warmup_prefix=true the cosine starts after the warmup', () => {
    expectClose(lrAt('timm.CosineLRScheduler:lr=1,t_initial=10,warmup_t=5,warmup_prefix=true', [4, 5, 10, 15]), [0.8, 1, 0.5, 0]);
  });

  it('decays each cycle peak by cycle_decay and holds lr_min after cycle_limit cycles', () => {
    expectClose(lrAt('timm.CosineLRScheduler:lr=1,t_initial=10,lr_min=0.01,cycle_decay=0.5,cycle_limit=2', [0, 10, 15, 20, 35]), [
      1,
      0.5,
      0.01 + 0.5 * (0.5 - 0.01),
      0.01,
      0.01,
    ]);
  });

  it("keeps timm's float cycle index: with cycle_mul=3 the restart due at t = 121 comes a step late", () => {
    // log(1 + 2*121, 3) = log(243)/log(3) = 4.999999999999999 in CPython: cycle 4 (t_i = 81) at its end, t_curr = 81.
    // At t = 122 cycle 5 (t_i = 243) has begun: t_curr = 122 - 121 = 1.
    expectClose(lrAt('timm.CosineLRScheduler:lr=1,t_initial=1,cycle_mul=3,cycle_limit=10', [120, 121, 122]), [
      0.5 * (1 + Math.cos((Math.PI * 80) / 81)),
      0,
      0.5 * (1 + Math.cos(Math.PI / 243)),
    ]);
  });

  it('k_decay runs the cycle over t^k', () => {
    expectClose(lrAt('timm.CosineLRScheduler:lr=1,t_initial=10,k_decay=2', [5]), [0.5 * (1 + Math.cos((Math.PI * 25) / 100))]);
  });
});

describe('timm.PolyLRScheduler (poly_lr.py, _get_lr)', () => {
  it('(1 - t/t_i)^power with power 0.5 by default, lr_min after the cycle', () => {
    expectClose(lrAt('timm.PolyLRScheduler:lr=1,t_initial=10', [0, 5, 10, 12]), [1, Math.sqrt(0.5), 0, 0]);
    expectClose(lrAt('timm.PolyLRScheduler:lr=1,t_initial=10,power=2,k_decay=2', [5]), [0.75 ** 2]);
  });
});

describe('timm.TanhLRScheduler (tanh_lr.py, _get_lr and __init__)', () => {
  it('0.5 (1 - tanh(lb (1 - t/t_i) + ub t/t_i)) between lr and lr_min, lr_min after the cycle', () => {
    expectClose(lrAt('timm.TanhLRScheduler:lr=1,t_initial=10', [0, 5, 10]), [0.5 * (1 - Math.tanh(-7)), 0.5 * (1 - Math.tanh(-2)), 0]);
  });

  it('without warmup_prefix the warmup ramps to the curve at warmup_t: no drop', () => {
    const target = 0.5 * (1 - Math.tanh(-7 * 0.8 + 3 * 0.2));
    expectClose(lrAt('timm.TanhLRScheduler:lr=1,t_initial=10,warmup_t=2', [0, 1, 2]), [0, target / 2, target]);
  });

  it('refuses lb >= ub, as timm asserts', () => {
    expect(buildError('timm.TanhLRScheduler:t_initial=10,lb=3,ub=3')).toMatch(/lb=3 must be below ub=3/);
  });
});

describe('timm.StepLRScheduler (step_lr.py, _get_lr)', () => {
  it('lr * decay_rate^(t // decay_t) with Python floor division', () => {
    expectClose(lrAt('timm.StepLRScheduler:lr=1,decay_t=1.1,decay_rate=0.5', [0, 10, 11, 12]), [1, 0.5 ** 9, 0.5 ** 9, 0.5 ** 10]);
  });

  it('puts the warmup before the decays (warmup_prefix defaults to true)', () => {
    expectClose(lrAt('timm.StepLRScheduler:lr=1,decay_t=3,decay_rate=0.5,warmup_t=2', [0, 1, 2, 4, 5]), [0, 0.5, 1, 1, 0.5]);
    expectClose(lrAt('timm.StepLRScheduler:lr=1,decay_t=3,decay_rate=0.5,warmup_t=2,warmup_prefix=false', [2, 3]), [1, 0.5]);
  });

  it('decay_rate defaults to 1: no decay at all', () => {
    expectClose(lrAt('timm.StepLRScheduler:lr=0.3,decay_t=2', [0, 7]), [0.3, 0.3]);
  });
});

describe('timm.MultiStepLRScheduler (multistep_lr.py, get_curr_decay_steps)', () => {
  it('applies each decay one update before its milestone (bisect_right(decay_t, t + 1))', () => {
    expectClose(lrAt('timm.MultiStepLRScheduler:lr=1,decay_t=[3,6],decay_rate=0.1', [0, 1, 2, 4, 5, 9]), [1, 1, 0.1, 0.1, 0.01, 0.01]);
  });

  it('refuses unsorted milestones, which timm would bisect wrongly', () => {
    expect(buildError('timm.MultiStepLRScheduler:decay_t=[6,3]')).toMatch(/decay_t=\[6,3\] must be sorted/);
  });
});

describe('bad input', () => {
  it('noise and epoch parameters are not taken (the curve is per update and deterministic)', () => {
    expect(buildError('timm.CosineLRScheduler:t_initial=10,noise_range_t=5')).toMatch(/unknown parameter "noise_range_t"; its parameters are lr, t_initial, lr_min, cycle_mul/);
  });

  it('t_in_epochs=false is per update; t_in_epochs=true needs updates_per_epoch, and is the default once it is given', () => {
    expectClose(lrAt('timm.PolyLRScheduler:lr=1,t_initial=10,t_in_epochs=false', [5]), [Math.sqrt(0.5)]);
    expect(buildError('timm.PolyLRScheduler:lr=1,t_initial=10,t_in_epochs=true')).toMatch(/t_in_epochs=true steps the scheduler once per epoch: give updates_per_epoch=N/);
    // Epoch 5 of 10 holds for updates 15..17.
    expectClose(lrAt('timm.PolyLRScheduler:lr=1,t_initial=10,updates_per_epoch=3', [14, 15, 17, 18]), [Math.sqrt(0.6), Math.sqrt(0.5), Math.sqrt(0.5), Math.sqrt(0.4)]);
  });

  it('t_in_epochs (timm\'s default) against timm 1.0.29 run as train.py steps it (test/fixtures/configs/timm)', () => {
    const golden = JSON.parse(readFileSync('test/fixtures/configs/timm/t-in-epochs.golden.json', 'utf8')) as { cases: { name: string; lr: number[] }[] };
    const specs: Record<string, string> = {
      'cosine per epoch, warmup 3 epochs, cooldown 2': 'timm.CosineLRScheduler:lr=0.1,t_initial=20,lr_min=1e-6,warmup_t=3,warmup_lr_init=1e-5,cycle_decay=0.1,updates_per_epoch=5',
      'step per epoch, decay every 4 epochs': 'timm.StepLRScheduler:lr=0.1,decay_t=4,decay_rate=0.5,updates_per_epoch=3',
    };
    for (const c of golden.cases) {
      const actual = lrs(specs[c.name], c.lr.length);
      actual.forEach((v, i) => expect(Math.abs(v - c.lr[i]), `${c.name} update ${i}`).toBeLessThanOrEqual(1e-9 * c.lr[i]));
    }
  });

  it('an unknown parameter suggests the nearest', () => {
    expect(buildError('timm.CosineLRScheduler:t_initial=10,warmup_lr=0.1')).toMatch(/unknown parameter "warmup_lr" \(did you mean "warmup_lr_init"\?\)/);
  });

  it('a nonsensical value is one line naming it', () => {
    expect(buildError('timm.CosineLRScheduler:t_initial=0')).toMatch(/t_initial=0 is not allowed; t_initial must be a whole number > 0/);
    expect(buildError('timm.CosineLRScheduler:t_initial=10,warmup_prefix=maybe')).toMatch(/warmup_prefix="?maybe"? is not allowed; warmup_prefix must be true or false/);
    expect(buildError('timm.StepLRScheduler:lr=0.1')).toMatch(/missing parameter decay_t/);
  });
});

describe('cycle_mul < 1: timm raises where its shrinking cycles run out (fixtures/timm-raises, real timm)', () => {
  interface RaiseCase {
    symbol: string;
    t_initial: number;
    cycle_mul: number;
    warmup_t: number;
    warmup_prefix: boolean;
    cycle_limit: number;
    first_raising_t?: number;
    raises_in_init?: string;
  }
  const golden = JSON.parse(readFileSync(new URL('../fixtures/timm-raises/cycle-mul.json', import.meta.url), 'utf8')) as { timm: string; cases: RaiseCase[] };
  const specOf = (c: RaiseCase) =>
    `${c.symbol}:lr=0.1,t_initial=${c.t_initial},cycle_mul=${c.cycle_mul},warmup_t=${c.warmup_t},warmup_prefix=${c.warmup_prefix},cycle_limit=${c.cycle_limit}`;

  it.each(golden.cases.map((c) => [specOf(c), c] as const))(`%s as timm ${golden.timm}`, (spec, c) => {
    const timmSays = /timm raises "ValueError: math domain error" at t=\d+.*plot fewer steps, or give cycle_mul >= 1/;
    if (c.raises_in_init !== undefined) {
      expect(c.raises_in_init).toBe('math domain error');
      expect(buildError(spec, 1)).toMatch(timmSays);
      return;
    }
    const first = c.first_raising_t!;
    // A plot that stops before timm's first raising step draws; one that reaches it is refused, naming it.
    expect(lrs(spec, first).every(Number.isFinite)).toBe(true);
    const message = buildError(spec, first + 1);
    expect(message).toMatch(timmSays);
    expect(message).toContain(`at t=${first},`);
  });

  it('per epoch, the refusal comes at the epoch timm raises in', () => {
    const spec = 'timm.CosineLRScheduler:lr=0.1,t_initial=100,cycle_mul=0.5,updates_per_epoch=3';
    expect(lrs(spec, 600).every(Number.isFinite)).toBe(true);
    expect(buildError(spec, 601)).toContain('at t=200,');
  });
});
