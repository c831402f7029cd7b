/**
 * keras dialect beyond the golden files: schedules with no golden, Keras's quirks, and bad input.
 * Expected values are worked out by hand (Python float64) from keras-team/keras
 * keras/src/optimizers/schedules/learning_rate_schedule.py; each case names the class it follows.
 * Value i is `schedule(i)`. These are the formulas in doubles, so every spec here says dtype=float64;
 * the float32 Keras really computes in (lrviz's default) is held to real Keras in float32.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { correctlyRoundedLog } from '../../src/dialects/python-math.js';
import { buildError, expectClose, lrAt } from '../support/dialect.js';

const at = (spec: string, steps: readonly number[]): number[] => lrAt(`${spec},dtype=float64`, steps);

describe('keras.CosineDecayRestarts (CosineDecayRestarts.__call__)', () => {
  const spec = 'keras.CosineDecayRestarts:initial_learning_rate=1,first_decay_steps=1,t_mul=3,m_mul=0.5,alpha=0.1';

  it('restarts at 1, 4, 13, 40 with m_mul^k of the cosine part; the floor alpha*lr is not decayed', () => {
    expectClose(at(spec, [0, 1, 3, 4, 12, 13, 39, 40, 120]), [1, 0.55, 0.21250000000000008, 0.325, 0.10678458016158532, 0.21250000000000002, 0.10038034237701571, 0.15625, 0.10002115133581854]);
  });

  it("locates the cycle by floor(log(...)/log(t_mul)): at 121 the quotient is 4.999..., so Keras gives the floor, not the restart's peak", () => {
    // An exact search would restart here at 0.9 * 0.5^5 + 0.1 = 0.128125.
    expectClose(at(spec, [121, 122]), [0.1, 0.12812382479484208]);
  });

  it('t_mul = 1: cycles of first_decay_steps', () => {
    expectClose(at('keras.CosineDecayRestarts:initial_learning_rate=0.1,first_decay_steps=10,t_mul=1,m_mul=0.5,alpha=0.2', [0, 5, 10, 20, 25]), [
      0.1, 0.06000000000000001, 0.06000000000000001, 0.04000000000000001, 0.030000000000000006,
    ]);
  });

  it('takes logs as Python does (correctly rounded), not as V8 does', () => {
    expect(correctlyRoundedLog(3)).toBe(1.0986122886681098);
    expect(correctlyRoundedLog(243)).toBe(5.493061443340548);
    expect(correctlyRoundedLog(0.1)).toBe(-2.3025850929940455);
    expect(correctlyRoundedLog(5e-324)).toBe(-744.4400719213812);
    expect(correctlyRoundedLog(1)).toBe(0);
  });
});

describe('keras.CosineDecay (CosineDecay.__call__)', () => {
  it('without warmup_target: cosine from initial_learning_rate to alpha times it, held after decay_steps', () => {
    expectClose(at('keras.CosineDecay:initial_learning_rate=0.1,decay_steps=10,alpha=0.1', [0, 5, 10, 15]), [0.1, 0.05500000000000001, 0.010000000000000002, 0.010000000000000002]);
  });

  it('ignores warmup_steps when warmup_target is None, as Keras does', () => {
    expectClose(at('keras.CosineDecay:initial_learning_rate=0.1,decay_steps=10,warmup_steps=5', [0, 5]), [0.1, 0.05]);
  });

  it('with warmup_target: linear warmup from initial_learning_rate, then the cosine from warmup_target', () => {
    expectClose(at('keras.CosineDecay:initial_learning_rate=0.02,decay_steps=10,warmup_target=0.1,warmup_steps=4', [0, 2, 4, 9, 14, 30]), [0.02, 0.06, 0.1, 0.05, 0, 0]);
  });
});

describe('keras decays with no golden file', () => {
  it('ExponentialDecay: initial * decay_rate^(step/decay_steps), floored with staircase', () => {
    expectClose(at('keras.ExponentialDecay:initial_learning_rate=0.1,decay_steps=10,decay_rate=0.5', [0, 5]), [0.1, 0.07071067811865477]);
    expectClose(at('keras.ExponentialDecay:initial_learning_rate=0.1,decay_steps=10,decay_rate=0.5,staircase=true', [9, 15]), [0.1, 0.05]);
  });

  it('PiecewiseConstantDecay: a step equal to a boundary keeps the value before it (step <= boundary)', () => {
    expect(at('keras.PiecewiseConstantDecay:boundaries=[3,6],values=[1,0.5,0.1]', [0, 1, 2, 3, 4, 5, 6, 7])).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.1]);
  });

  it('PolynomialDecay: end_learning_rate defaults to 0.0001; cycle stretches decay_steps to the next multiple', () => {
    expectClose(at('keras.PolynomialDecay:initial_learning_rate=0.1,decay_steps=4', [0, 2, 4, 9]), [0.1, 0.05005, 0.0001, 0.0001]);
    expectClose(at('keras.PolynomialDecay:initial_learning_rate=0.1,decay_steps=4,end_learning_rate=0.01,cycle=true', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [
      0.1, 0.0775, 0.05500000000000001, 0.0325, 0.01, 0.043750000000000004, 0.0325, 0.02125, 0.01, 0.0325,
    ]);
  });

  it('InverseTimeDecay: initial / (1 + decay_rate * step/decay_steps), floored with staircase (the docstring example)', () => {
    expectClose(at('keras.InverseTimeDecay:initial_learning_rate=0.1,decay_steps=1,decay_rate=0.5', [0, 1, 2, 3]), [0.1, 0.06666666666666667, 0.05, 0.04]);
    expectClose(at('keras.InverseTimeDecay:initial_learning_rate=0.1,decay_steps=2,decay_rate=0.5,staircase=true', [0, 1, 2, 3, 4]), [
      0.1, 0.1, 0.06666666666666667, 0.06666666666666667, 0.05,
    ]);
  });

  it('accepts the name every Keras config carries, without effect', () => {
    expect(at('keras.ExponentialDecay:initial_learning_rate=0.1,decay_steps=10,decay_rate=0.5,name=MyDecay', [0, 5])).toEqual(
      at('keras.ExponentialDecay:initial_learning_rate=0.1,decay_steps=10,decay_rate=0.5', [0, 5]),
    );
  });
});

describe('keras bad input', () => {
  it('names the nearest parameter for a misspelt one', () => {
    expect(buildError('keras.CosineDecay:initial_learning_rate=0.1,decay_steps=10,warmup_tartget=0.2')).toMatch(/did you mean "warmup_target"\?/);
  });

  it('refuses decay_steps <= 0, which Keras raises for, naming it', () => {
    expect(buildError('keras.CosineDecay:initial_learning_rate=0.1,decay_steps=0')).toMatch(/decay_steps=0 is not allowed; decay_steps must be a finite number > 0/);
  });

  it('refuses boundaries and values that do not fit, and boundaries out of order', () => {
    expect(buildError('keras.PiecewiseConstantDecay:boundaries=[3,6],values=[1,0.5]')).toMatch(/values has 2 entries; it needs one more than boundaries \(3\)/);
    expect(buildError('keras.PiecewiseConstantDecay:boundaries=[6,3],values=[1,0.5,0.1]')).toMatch(/boundaries=\[6,3\] must be strictly increasing/);
  });
});
