/**
 * lrviz's own schedules against their formulas, written out independently here, to 1e-12 relative.
 */
import { describe, expect, it } from 'vitest';
import { materialize, curveOf } from '../../src/curve/curve.js';
import { buildSchedule } from '../../src/notation/build.js';
import type { SpecObject } from '../../src/schedules/definition.js';
import { catalog } from '../../src/catalog.js';

function values(spec: SpecObject, steps: number): Float64Array {
  return materialize(curveOf(buildSchedule(catalog, spec, steps).schedule, 'test', steps));
}

function expectFormula(spec: SpecObject, steps: number, formula: (i: number) => number): void {
  const actual = values(spec, steps);
  for (let i = 0; i < steps; i++) {
    const expected = formula(i);
    if (Math.abs(actual[i] - expected) > 1e-12 * Math.abs(expected) + 1e-18) {
      expect.fail(`${JSON.stringify(spec)} step ${i}: got ${actual[i]}, expected ${expected}`);
    }
  }
}

const { cos, PI, sqrt, floor, min } = Math;

describe('built-in schedules follow their formulas', () => {
  it('constant', () => {
    expectFormula({ type: 'constant', lr: 0.3 }, 50, () => 0.3);
  });

  it('warmup: linear from start_lr to lr, then lr', () => {
    expectFormula({ type: 'warmup', lr: 0.2, warmup: 40, start_lr: 0.01 }, 100, (i) => (i < 40 ? 0.01 + (0.2 - 0.01) * (i / 40) : 0.2));
  });

  it('cosine: half a cosine to min_lr at total, then min_lr', () => {
    expectFormula({ type: 'cosine', lr: 3e-4, min_lr: 1e-5, total: 700 }, 1000, (i) =>
      i >= 700 ? 1e-5 : 1e-5 + (3e-4 - 1e-5) * (1 + cos((PI * i) / 700)) / 2,
    );
  });

  it('cosine: total defaults to --steps', () => {
    expectFormula({ type: 'cosine', lr: 0.1 }, 321, (i) => (0.1 * (1 + cos((PI * i) / 321))) / 2);
  });

  it('cosine-warmup: the ramp, then the cosine over total - warmup steps', () => {
    const [lr, warmup, total, minLr, startLr] = [0.5, 500, 800, 0.001, 0.05];
    expectFormula({ type: 'cosine-warmup', lr, warmup, total, min_lr: minLr, start_lr: startLr }, 1200, (i) => {
      if (i < warmup) return startLr + ((lr - startLr) * i) / warmup;
      if (i >= total) return minLr;
      return minLr + ((lr - minLr) * (1 + cos((PI * (i - warmup)) / (total - warmup)))) / 2;
    });
  });

  it('cosine-restarts: cycles growing by cycle_mult with peaks decaying by cycle_decay, after a warmup', () => {
    const [lr, cycle, mult, decay, minLr, warmup] = [0.1, 100, 2, 0.5, 0.001, 20];
    expectFormula({ type: 'cosine-restarts', lr, cycle, cycle_mult: mult, cycle_decay: decay, min_lr: minLr, warmup }, 1600, (i) => {
      if (i < warmup) return (lr * i) / warmup;
      let t = i - warmup;
      let k = 0;
      let length = cycle;
      while (t >= length) {
        t -= length;
        length *= mult;
        k++;
      }
      const peak = Math.max(minLr, lr * decay ** k);
      return minLr + ((peak - minLr) * (1 + cos((PI * t) / length))) / 2;
    });
  });

  it('cosine-restarts with cycle_mult 1 restarts every cycle steps at the same peak', () => {
    expectFormula({ type: 'cosine-restarts', lr: 0.1, cycle: 30 }, 200, (i) => (0.1 * (1 + cos((PI * (i % 30)) / 30))) / 2);
  });

  it('linear: warmup then straight to min_lr at total', () => {
    expectFormula({ type: 'linear', lr: 5e-5, warmup: 50, total: 500 }, 520, (i) =>
      i < 50 ? (5e-5 * i) / 50 : i >= 500 ? 0 : 5e-5 * (1 - (i - 50) / 450),
    );
  });

  it('wsd: warmup, stable, then the decay over the last `decay` steps', () => {
    const [lr, warmup, decay, total, minLr] = [1e-3, 100, 200, 1000, 1e-5];
    for (const shape of ['linear', 'cosine', '1-sqrt'] as const) {
      const ease = { linear: (p: number) => 1 - p, cosine: (p: number) => (1 + cos(PI * p)) / 2, '1-sqrt': (p: number) => 1 - sqrt(p) }[shape];
      expectFormula({ type: 'wsd', lr, warmup, decay, total, min_lr: minLr, decay_type: shape }, 1100, (i) => {
        if (i < warmup) return (lr * i) / warmup;
        if (i < total - decay) return lr;
        if (i >= total) return minLr;
        return minLr + (lr - minLr) * ease((i - (total - decay)) / decay);
      });
    }
  });

  it('step: gamma every step_size steps, or at milestones', () => {
    expectFormula({ type: 'step', lr: 0.1, step_size: 30, gamma: 0.5 }, 100, (i) => 0.1 * 0.5 ** floor(i / 30));
    expectFormula({ type: 'step', lr: 0.1, milestones: [10, 25], gamma: 0.1 }, 40, (i) => (i < 10 ? 0.1 : i < 25 ? 0.1 * 0.1 : 0.1 * 0.1 * 0.1));
  });

  it('exponential: smooth and staircase', () => {
    expectFormula({ type: 'exponential', lr: 0.1, decay_rate: 0.5, decay_steps: 20 }, 100, (i) => 0.1 * 0.5 ** (i / 20));
    expectFormula({ type: 'exponential', lr: 0.1, decay_rate: 0.5, decay_steps: 20, staircase: true }, 100, (i) => 0.1 * 0.5 ** floor(i / 20));
  });

  it('polynomial: (1 - progress)^power to min_lr', () => {
    expectFormula({ type: 'polynomial', lr: 0.01, power: 3, min_lr: 1e-4, total: 80 }, 100, (i) =>
      i >= 80 ? 1e-4 : 1e-4 + (0.01 - 1e-4) * (1 - i / 80) ** 3,
    );
  });

  it('inverse-sqrt: warmup then lr * sqrt(timescale / (i - warmup + timescale))', () => {
    expectFormula({ type: 'inverse-sqrt', lr: 1e-3, warmup: 100, timescale: 100 }, 1000, (i) => (i < 100 ? (1e-3 * i) / 100 : 1e-3 * sqrt(100 / (i - 100 + 100))));
  });

  it('one-cycle: up from lr/div over pct_start*total, down to lr/(div*final_div) at total', () => {
    const [lr, total, div, finalDiv] = [0.1, 1000, 25, 1e4];
    const rise = 300;
    const initial = lr / div;
    const final = initial / finalDiv;
    expectFormula({ type: 'one-cycle', lr, total }, 1100, (i) => {
      if (i < rise) return lr + ((initial - lr) * (1 + cos((PI * i) / rise))) / 2;
      const t = min(i - rise, total - rise);
      return final + ((lr - final) * (1 + cos((PI * t) / (total - rise)))) / 2;
    });
  });

  it('sequence and scale nest in JSON', () => {
    const spec = {
      type: 'sequence',
      parts: [{ type: 'warmup', lr: 0.1, warmup: 10 }, { type: 'scale', factor: 0.5, schedule: { type: 'cosine', lr: 0.1, total: 90 } }],
      boundaries: [10],
    };
    expectFormula(spec, 120, (i) => (i < 10 ? (0.1 * i) / 10 : i >= 100 ? 0 : (0.5 * 0.1 * (1 + cos((PI * (i - 10)) / 90))) / 2));
  });
});

describe('defaults that make "lrviz plot -s cosine-warmup" meaningful', () => {
  it('lr 1e-3, warmup a tenth of the horizon, total = --steps', () => {
    const built = buildSchedule(catalog, { type: 'cosine-warmup' }, 1000);
    expect(built.resolved).toMatchObject({ lr: 1e-3, warmup: 100, total: 1000, min_lr: 0, start_lr: 0 });
  });
});
