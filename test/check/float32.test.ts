/**
 * check/rules/float32.ts: where computing in float32, as Keras and jax.jit do, moves a discrete step or
 * gives NaN. The float32 values are the dialects' own (held to real Keras and jax in
 * test/dialects/float32.test.ts); here, what check makes of them.
 */
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/check/index.js';
import { float32Rules } from '../../src/check/rules/float32.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { schedule } from '../../src/schedules/schedule.js';

const build = (text: string, steps: number, dtype?: 'float32' | 'float64') => buildSchedule(catalog, parseTextSpec(text), steps, 'schedule', dtype === undefined ? {} : { dtype }).schedule;

/** check's twin as the CLI builds it: the spec in float64, and with another length. */
function twin(text: string, steps: number, lengthName: string, lengthValue: number) {
  const withLength = (value: number) => text.replace(`${lengthName}=${lengthValue}`, `${lengthName}=${value}`);
  return {
    float64: build(`${text},dtype=float64`, steps),
    length: { name: lengthName, value: lengthValue, with: (value: number) => ({ float32: build(withLength(value), steps), float64: build(`${withLength(value)},dtype=float64`, steps) }) },
  };
}

describe('LRV016 float32-step-moved', () => {
  const late = 'keras.ExponentialDecay:initial_learning_rate=500,decay_steps=1906,decay_rate=0.5,staircase=true';

  it("finds Keras's staircase drop a step late at every boundary where f32(1/1906) rounds it down, with a length that avoids it", () => {
    const { findings, nan } = float32Rules(build(late, 20_000), twin(late, 20_000, 'decay_steps', 1906), 20_000, 'keras.ExponentialDecay');
    expect(nan).toBe(false);
    expect(findings.map((f) => [f.code, f.step, f.values])).toEqual([['LRV016', 1906, { float32: 500, float64: 250 }]]);
    expect(findings[0].message).toMatch(/as a Keras train step computes it, .* lands a step late \(10 steps in all: 1,906, 3,812, 5,718, 7,624, \.\.\.\)$/);
    expect(findings[0].fix).toBe("change decay_steps=1906 to decay_steps=1905: the nearest length whose float32 steps fall where float64's do");
    // The fix holds: 1905 takes every drop where float64 does.
    const fixed = late.replace('1906', '1905');
    expect(float32Rules(build(fixed, 20_000), twin(fixed, 20_000, 'decay_steps', 1905), 20_000).findings).toEqual([]);
  });

  it('finds a Keras restart a step early (t_mul=3: float64 rounds the cycle down at step 121, float32 does not)', () => {
    const spec = 'keras.CosineDecayRestarts:initial_learning_rate=1,first_decay_steps=1,t_mul=3';
    const [found] = float32Rules(build(spec, 200), twin(spec, 200, 'first_decay_steps', 1), 200, 'keras.CosineDecayRestarts').findings;
    expect([found.code, found.step, found.values.float32, found.values.float64]).toEqual(['LRV016', 121, 1, 0]);
    expect(found.message).toMatch(/lands a step early$/);
  });

  it('reports nothing where float32 only rounds', () => {
    for (const spec of ['keras.CosineDecay:initial_learning_rate=0.1,decay_steps=3910,alpha=0.1', 'keras.ExponentialDecay:initial_learning_rate=0.1,decay_steps=1000,decay_rate=0.96', 'keras.ExponentialDecay:initial_learning_rate=500,decay_steps=1024,decay_rate=0.5,staircase=true']) {
      expect(float32Rules(build(spec, 50_000), { float64: build(`${spec},dtype=float64`, 50_000) }, 50_000).findings).toEqual([]);
    }
  });
});

describe('LRV015 float32-nan', () => {
  for (const length of [10, 612, 3805, 90000]) {
    it(`optax.polynomial_schedule power 0.5 over ${length} steps: NaN from its end, and the other rules read float64`, () => {
      const spec = `optax.polynomial_schedule:init_value=1,end_value=0,power=0.5,transition_steps=${length},dtype=float32`;
      const steps = length + 100;
      const input = { label: 'p', schedule: build(spec, steps), training: { schedulerSteps: steps, stepped: 'batch' as const }, definitionName: 'optax.polynomial_schedule' };
      const found = checkSchedule({ ...input, float32: twin(spec.replace(',dtype=float32', ''), steps, 'transition_steps', length) }).findings;
      const nan = found.find((f) => f.code === 'LRV015')!;
      expect([nan.severity, nan.step, nan.values.float64]).toEqual(['error', length, 0]);
      expect(nan.message).toMatch(/as jax\.jit computes it, the learning rate is NaN from step [\d,]+ on/);
      expect(nan.fix).toMatch(/^change transition_steps=\d+ to transition_steps=\d+: the nearest length/);
      // Without the twin check cannot read a NaN at all, and says so as every command does.
      expect(() => checkSchedule(input)).toThrow(/NaN/);
    });
  }

  it('finds a NaN that starts past the steps it compares one by one, at its first step', () => {
    const nanFrom = 5_000_000;
    const float32 = schedule((i) => (i >= nanFrom ? NaN : 1));
    const { findings } = float32Rules(float32, { float64: schedule(() => 1) }, 6_000_000);
    expect(findings.map((f) => [f.code, f.step])).toEqual([['LRV015', nanFrom]]);
  });
});
