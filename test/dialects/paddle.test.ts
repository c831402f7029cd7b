/**
 * paddle dialect beyond the golden files: symbols with no golden, paddle's quirks, and bad input.
 * Expected values are worked out by hand (Python float64) from PaddlePaddle python/paddle/optimizer/lr.py;
 * each case names the class and method it follows. Value i is `scheduler()` before the i-th `step()`.
 */
import { describe, expect, it } from 'vitest';
import { recursiveCosine, RECURSION_LIMIT } from '../../src/dialects/paddle-recursive-cosine.js';
import { lrviz } from '../support/cli.js';
import { buildError, expectClose, lrAt as at, lrs } from '../support/dialect.js';

describe('paddle.CosineWarmup (the seed tutorial: LinearWarmup around CosineAnnealingDecay)', () => {
  const seed = 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8';

  it('warms up for warmup_epoch (default 5) epochs, reaches 0 at 800, then climbs back to 0.5', () => {
    const values = lrs(seed, 7820);
    expect(values[0]).toBe(0);
    expect(values[500]).toBe(0.5);
    expect(values[800]).toBeLessThan(1e-15);
    // The tutorial trained 10 epochs of 782 batches: the cosine, planned for 300 steps, rebounds.
    expect(Math.max(...values.slice(801))).toBe(0.5);
    expect(values.indexOf(0.5, 801)).toBe(1100);
    expect(values[950]).toBeCloseTo(0.25, 12);
  });

  it('counts the inner cosine from its own epoch 0 at warmup_steps (LinearWarmup.get_lr: step(last_epoch - warmup_steps))', () => {
    // T_max = 100*(8-5) = 300: step 501 is the cosine's epoch 1.
    expectClose(at(seed, [499, 500, 501]), [0.499, 0.5, 0.25 * (1 + Math.cos(Math.PI / 300))]);
  });

  it('refuses epochs not above warmup_epoch, as CosineWarmup.__init__ asserts', () => {
    expect(buildError('paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=5')).toMatch(/epochs=5 .*warmup_epoch=5/);
  });
});

describe('paddle.CosineAnnealingDecay (CosineAnnealingDecay.get_lr, recursive)', () => {
  it('adds (1 - cos(pi/T_max))/2 at T_max + 1 where the ratio would divide by zero, then rises back', () => {
    expectClose(lrs('paddle.CosineAnnealingDecay:learning_rate=1,T_max=2', 6), [1, 0.5, 0, 0.49999999999999994, 1, 0.5000000000000001]);
  });

  it('oscillates between learning_rate and eta_min, by recursion', () => {
    expectClose(lrs('paddle.CosineAnnealingDecay:learning_rate=0.5,T_max=3,eta_min=0.1', 8), [
      0.5, 0.4, 0.20000000000000007, 0.1, 0.19999999999999998, 0.40000000000000024, 0.5000000000000003, 0.40000000000000036,
    ]);
  });

  it('is the recursion, which drifts from the closed form by ulps; past RECURSION_LIMIT it is the closed form', () => {
    const cosine = recursiveCosine(0.1, 0, 7);
    const drifted = Array.from({ length: 5000 }, (_, i) => i).filter((i) => cosine.lr(i) !== cosine.closedForm.lr(i));
    expect(drifted.length).toBeGreaterThan(0);
    for (const i of drifted) expect(Math.abs(cosine.lr(i) - cosine.closedForm.lr(i))).toBeLessThan(1e-12);
    expect(cosine.lr(RECURSION_LIMIT + 1)).toBe(cosine.closedForm.lr(RECURSION_LIMIT + 1));
  });

  it('gives the same values whatever order the steps are asked in', () => {
    const forward = recursiveCosine(0.3, 0.01, 13);
    const expected = Array.from({ length: 9000 }, (_, i) => forward.lr(i));
    const shuffled = recursiveCosine(0.3, 0.01, 13);
    for (const i of [8999, 17, 4096, 4095, 8192, 0, 5000, 12]) expect(shuffled.lr(i)).toBe(expected[i]);
  });
});

describe('paddle.LinearWarmup (LinearWarmup.get_lr)', () => {
  it('holds a numeric learning_rate (not end_lr) after the warmup', () => {
    expectClose(lrs('paddle.LinearWarmup:learning_rate=0.2,warmup_steps=4,start_lr=0,end_lr=0.4', 6), [0, 0.1, 0.2, 0.30000000000000004, 0.2, 0.2]);
  });

  it('evaluates a nested CosineAnnealingDecay in closed form (LRScheduler.step(epoch) takes _get_closed_form_lr)', () => {
    const spec = { type: 'paddle.LinearWarmup', learning_rate: { symbol: 'CosineAnnealingDecay', learning_rate: 0.1, T_max: 7 }, warmup_steps: 3, start_lr: 0, end_lr: 0.1 };
    const closed = recursiveCosine(0.1, 0, 7).closedForm;
    const values = lrs(spec, 3000);
    for (let i = 3; i < 3000; i++) expect(values[i]).toBe(closed.lr(i - 3));
  });

  it('accepts the nested scheduler by "type" too', () => {
    const bySymbol = lrs({ type: 'paddle.LinearWarmup', learning_rate: { symbol: 'ExponentialDecay', learning_rate: 0.4, gamma: 0.5 }, warmup_steps: 2, start_lr: 0, end_lr: 0.4 }, 5);
    const byType = lrs({ type: 'paddle.LinearWarmup', learning_rate: { type: 'paddle.ExponentialDecay', learning_rate: 0.4, gamma: 0.5 }, warmup_steps: 2, start_lr: 0, end_lr: 0.4 }, 5);
    expect(byType).toEqual(bySymbol);
    expectClose(bySymbol, [0, 0.2, 0.4, 0.2, 0.1]);
  });

  it('refuses end_lr not above start_lr, as LinearWarmup.__init__ asserts', () => {
    expect(buildError('paddle.LinearWarmup:learning_rate=0.1,warmup_steps=5,start_lr=0.2,end_lr=0.1')).toMatch(/end_lr=0\.1 is not above start_lr=0\.2/);
  });

  it('refuses a learning_rate that is neither a number nor a scheduler', () => {
    expect(buildError({ type: 'paddle.LinearWarmup', learning_rate: { lr: 1 }, warmup_steps: 5, start_lr: 0, end_lr: 0.1 })).toMatch(/learning_rate=.* must be a number or a nested schedule/);
  });
});

describe('paddle decays with no golden file', () => {
  it('ExponentialDecay: learning_rate * gamma^epoch (ExponentialDecay.get_lr)', () => {
    expectClose(lrs('paddle.ExponentialDecay:learning_rate=0.5,gamma=0.9', 4), [0.5, 0.45, 0.405, 0.36450000000000005]);
  });

  it('NaturalExpDecay: learning_rate * exp(-gamma * epoch) (NaturalExpDecay.get_lr)', () => {
    expectClose(lrs('paddle.NaturalExpDecay:learning_rate=0.5,gamma=0.1', 4), [0.5, 0.45241870901797976, 0.4093653765389909, 0.37040911034085894]);
  });

  it('InverseTimeDecay: learning_rate / (1 + gamma * epoch) (InverseTimeDecay.get_lr)', () => {
    expectClose(lrs('paddle.InverseTimeDecay:learning_rate=0.5,gamma=0.1', 4), [0.5, 0.45454545454545453, 0.4166666666666667, 0.3846153846153846]);
  });

  it('PolynomialDecay: end_lr defaults to 0.0001, held after decay_steps (PolynomialDecay.get_lr)', () => {
    expectClose(lrs('paddle.PolynomialDecay:learning_rate=0.5,decay_steps=4', 7), [0.5, 0.375025, 0.25005, 0.125075, 0.0001, 0.0001, 0.0001]);
  });

  it('PolynomialDecay cycle=true stretches decay_steps to the next multiple: a jump half way back, not a restart', () => {
    expectClose(lrs('paddle.PolynomialDecay:learning_rate=0.5,decay_steps=4,end_lr=0.1,cycle=true', 10), [
      0.5, 0.4, 0.30000000000000004, 0.2, 0.1, 0.25, 0.2, 0.15000000000000002, 0.1, 0.2,
    ]);
  });

  it('PiecewiseDecay: a step equal to a boundary takes the next value (PiecewiseDecay.get_lr: epoch < boundaries[i])', () => {
    expect(lrs('paddle.PiecewiseDecay:boundaries=[3,6],values=[0.1,0.2,0.3]', 8)).toEqual([0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3]);
  });

  it('NoamDecay: 0 at step 0, peak learning_rate * (d_model * warmup_steps)^-0.5 at warmup_steps (NoamDecay.get_lr)', () => {
    // The docstring's example: d_model=0.01, warmup_steps=100; learning_rate defaults to 1.
    expectClose(at('paddle.NoamDecay:d_model=0.01,warmup_steps=100', [0, 1, 50, 100, 400]), [0, 0.01, 0.5, 1, 0.5]);
  });
});

describe('paddle.OneCycleLR (OneCycleLR.__init__ / get_lr)', () => {
  it('cos, two phases: phases end at the unrounded phase_pct*total_steps - 1 and total_steps - 1', () => {
    expectClose(at('paddle.OneCycleLR:max_learning_rate=1,total_steps=100', [0, 10, 29, 30, 64, 99, 100]), [
      0.040000000000000036, 0.29516394846410077, 1, 0.9994965836173303, 0.50005, 0.0001, 0.0006034163826697155,
    ]);
  });

  it('linear, three phases: back to the initial lr at 2*phase_pct*total_steps - 2, and past it at total_steps', () => {
    expectClose(at('paddle.OneCycleLR:max_learning_rate=1,total_steps=100,anneal_strategy=linear,three_phase=true', [0, 14, 29, 44, 58, 59, 99, 100]), [
      0.04, 0.503448275862069, 1, 0.503448275862069, 0.040000000000000036, 0.039026829268292686, 0.00010000000000000286, -0.0008731707317073123,
    ]);
  });

  it('raises past total_steps, as paddle does, in one line', () => {
    expect(buildError('paddle.OneCycleLR:max_learning_rate=1,total_steps=10', 12)).toMatch(/step 11 is past total_steps=10/);
    const cli = lrviz(['plot', '-s', 'paddle.OneCycleLR:max_learning_rate=1,total_steps=10', '--steps', '20', '-o', '-', '--format', 'csv']);
    expect(cli.status).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/total_steps=10/);
  });

  it('refuses phase_pct >= 0.5 with three_phase', () => {
    expect(buildError('paddle.OneCycleLR:max_learning_rate=1,total_steps=100,phase_pct=0.5,three_phase=true')).toMatch(/phase_pct=0.5/);
  });
});

describe('paddle bad input', () => {
  it('names the nearest parameter for a misspelt one', () => {
    expect(buildError('paddle.CosineAnnealingDecay:learning_rate=0.1,T_maxx=10')).toMatch(/unknown parameter "T_maxx" \(did you mean "T_max"\?\)/);
  });

  it('refuses gamma >= 1 for ExponentialDecay, naming it', () => {
    expect(buildError('paddle.ExponentialDecay:learning_rate=0.1,gamma=1.5')).toMatch(/gamma=1\.5 is not below 1/);
  });

  it('refuses a T_max that is not a positive whole number, naming it', () => {
    expect(buildError('paddle.CosineAnnealingDecay:learning_rate=0.1,T_max=2.5')).toMatch(/T_max=2\.5 is not allowed; T_max must be a whole number > 0/);
  });

  it('has no defaults where paddle has none', () => {
    expect(buildError('paddle.CosineAnnealingDecay:learning_rate=0.1')).toMatch(/missing parameter T_max/);
  });
});

/**
 * The five classes added from python/paddle/optimizer/lr.py (PaddlePaddle/Paddle 00816fcb21ade6ad4425774b0e989c8098c6d324),
 * against the source's own step-by-step arithmetic re-stated here (get_lr and step as written, not a closed form).
 */
describe('paddle.StepDecay, MultiStepDecay, LinearLR, CyclicLR, CosineAnnealingWarmRestarts', () => {
  /** LRScheduler: __init__ calls step(); value i is last_lr after i + 1 calls, as `scheduler()` reads it. */
  function run(steps: number, getLr: (lastEpoch: number, lastLr: number) => number, base: number): number[] {
    const values: number[] = [];
    let lastLr = base;
    for (let epoch = 0; epoch < steps; epoch++) {
      lastLr = getLr(epoch, lastLr);
      values.push(lastLr);
    }
    return values;
  }
  const within1e9 = (actual: number[], expected: number[]): void => {
    expect(actual.length).toBe(expected.length);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `step ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(1e-9 * Math.abs(expected[i]) + 1e-18));
  };

  it('StepDecay.get_lr: base_lr * gamma ** (last_epoch // step_size)', () => {
    within1e9(lrs('paddle.StepDecay:learning_rate=0.5,step_size=5,gamma=0.8', 40), run(40, (e) => 0.5 * 0.8 ** Math.floor(e / 5), 0.5));
    expect(buildError('paddle.StepDecay:learning_rate=0.5,step_size=5,gamma=1')).toMatch(/gamma=1 is not below 1/);
  });

  it('MultiStepDecay.get_lr: gamma ** (index of the first milestone above last_epoch)', () => {
    const milestones = [2, 4, 6];
    const getLr = (e: number): number => {
      for (let i = 0; i < milestones.length; i++) if (e < milestones[i]) return 0.5 * 0.8 ** i;
      return 0.5 * 0.8 ** milestones.length;
    };
    within1e9(lrs('paddle.MultiStepDecay:learning_rate=0.5,milestones=[2,4,6],gamma=0.8', 12), run(12, getLr, 0.5));
    expect(buildError('paddle.MultiStepDecay:learning_rate=0.5,milestones=[4,2]')).toMatch(/strictly increasing/);
  });

  it('LinearLR.get_lr: the recursive factor, then last_lr held past total_steps', () => {
    const [total, start, end] = [5, 1 / 3, 1];
    const getLr = (e: number, last: number): number => {
      if (e === 0) return 0.5 * start;
      if (e > total) return last;
      return last * (1 + (end - start) / (total * start + (e - 1) * (end - start)));
    };
    within1e9(lrs('paddle.LinearLR:learning_rate=0.5,total_steps=5', 12), run(12, getLr, 0.5));
    within1e9(lrs('paddle.LinearLR:learning_rate=0.1,total_steps=300,start_factor=0.01,end_factor=0.5', 400), run(400, (e, last) => (e === 0 ? 0.1 * 0.01 : e > 300 ? last : last * (1 + 0.49 / (300 * 0.01 + (e - 1) * 0.49))), 0.1));
  });

  it('CyclicLR.get_lr: float floor division for the cycle, triangular2 halving, exp_range per iteration', () => {
    const cyclicLr = (base: number, max: number, up: number, down: number, scale: (cycle: number, t: number) => number) => (t: number): number => {
      const size = up + down;
      const cycle = 1 + Math.floor(t / size);
      const pct = 1.0 + t / size - cycle;
      const stepUp = up / size;
      const factor = pct <= stepUp ? pct / stepUp : (1 - pct) / (1 - stepUp);
      return base + (max - base) * factor * scale(cycle, t);
    };
    within1e9(lrs('paddle.CyclicLR:base_learning_rate=0.5,max_learning_rate=1.0,step_size_up=15,step_size_down=5', 100), run(100, cyclicLr(0.5, 1, 15, 5, () => 1), 0.5));
    within1e9(lrs('paddle.CyclicLR:base_learning_rate=0.1,max_learning_rate=1.0,step_size_up=3,mode=triangular2', 40), run(40, cyclicLr(0.1, 1, 3, 3, (c) => 1 / 2.0 ** (c - 1)), 0.1));
    within1e9(lrs('paddle.CyclicLR:base_learning_rate=0.1,max_learning_rate=1.0,step_size_up=4,step_size_down=2,mode=exp_range,exp_gamma=0.97', 60), run(60, cyclicLr(0.1, 1, 4, 2, (_c, t) => 0.97 ** t), 0.1));
  });

  it('CosineAnnealingWarmRestarts.step: T_cur counts up and restarts at T_i, which grows by T_mult', () => {
    const [T0, mult, etaMin, base] = [3, 2, 0.01, 0.5];
    const expected: number[] = [];
    let [tCur, tI] = [0, T0];
    for (let i = 0; i < 50; i++) {
      if (i > 0) {
        tCur += 1;
        if (tCur >= tI) {
          tCur -= tI;
          tI *= mult;
        }
      }
      expected.push(etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2);
    }
    within1e9(lrs('paddle.CosineAnnealingWarmRestarts:learning_rate=0.5,T_0=3,T_mult=2,eta_min=0.01', 50), expected);
  });
});
