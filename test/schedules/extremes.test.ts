/**
 * Extremes over ranges of many cycles: worked out from a few cycles, they must equal the min and max of
 * every step, and cost a bounded number of evaluations however many cycles the range holds.
 */
import { describe, expect, it } from 'vitest';
import { restarts } from '../../src/schedules/combinators/restarts.js';
import { MANY_PIECES, spreadIndices } from '../../src/schedules/extremes/spread.js';
import { schedule, type Schedule } from '../../src/schedules/schedule.js';
import { cosine } from '../../src/schedules/shapes/anneal.js';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { bruteExtremes } from '../support/extremes.js';

/** The schedule, with a count of the lr evaluations made through its cycles. */
function countedRestarts(spec: { first: number; mult?: number; decay?: number }): { s: Schedule; calls: () => number } {
  let calls = 0;
  const s = restarts({
    firstCycle: spec.first,
    cycleMult: spec.mult ?? 1,
    cycle: (k, length) => {
      const inner = cosine(Math.max(1e-4, 1e-3 * (spec.decay ?? 1) ** k), 1e-4, length);
      return schedule(
        (i) => {
          calls++;
          return inner.lr(i);
        },
        inner.horizon,
        undefined,
        (a, b) => {
          calls += 4;
          return inner.extremes?.(a, b);
        },
      );
    },
  });
  return { s, calls: () => calls };
}

describe('restarts over many cycles', () => {
  for (const spec of [{ first: 1 }, { first: 2 }, { first: 3, decay: 0.999 }, { first: 7, decay: 0.5 }, { first: 2, mult: 2 }]) {
    it(`equals the min and max of every step (${JSON.stringify(spec)})`, () => {
      const { s } = countedRestarts(spec);
      for (const [start, end] of [[0, 100_000], [13, 77_777], [99_999, 100_000], [5, 6 + 3 * MANY_PIECES]]) {
        expect(s.extremes?.(start, end), `${start}..${end}`).toEqual(bruteExtremes(s, start, end));
      }
    });
  }

  it('costs a bounded number of evaluations for a range of 1e12 steps over cycles of one step', () => {
    const { s, calls } = countedRestarts({ first: 2, decay: 0.9999 });
    const range = s.extremes?.(1, 1e12);
    expect(calls()).toBeLessThan(8 * (MANY_PIECES + 2));
    // Decaying peaks: the highest is in the first cycle the range touches, the lowest floor is min_lr.
    expect(range).toEqual([1e-4, s.lr(2)]);
  });

  it('for cosine-restarts:cycle=2 from the spec, at any step count', () => {
    const built = buildSchedule(catalog, parseTextSpec('cosine-restarts:cycle=2,cycle_decay=0.5,min_lr=1e-5') as never, 1e12).schedule;
    expect(built.extremes?.(0, 100_000)).toEqual(bruteExtremes(built, 0, 100_000));
    expect(built.extremes?.(1e12 - 1e5, 1e12)).toEqual([1e-5, 1e-5]);
  });
});

describe('spreadIndices', () => {
  it('lists every index when there are few, both ends and no repeats when there are many', () => {
    expect(spreadIndices(3, 7, 10)).toEqual([3, 4, 5, 6, 7]);
    const many = spreadIndices(10, 1e12, 5);
    expect(many).toHaveLength(5);
    expect(many[0]).toBe(10);
    expect(many[4]).toBe(1e12);
    for (let j = 1; j < many.length; j++) expect(many[j]).toBeGreaterThan(many[j - 1]);
    expect(spreadIndices(0, 5, 5)).toEqual([0, 1, 2, 3, 5]);
  });
});

describe('dialect extremes, exact against every step', () => {
  // Each must report extremes, and they must be the min and max of every step of the range: the cosines
  // of hf (with their rebound past num_training_steps, num_cycles waves, hard restarts whose teeth wrap
  // between steps), optax, keras and timm (its warmup laid over the cycles, k_decay,
  // the cycle limit), over ranges that cross warmups, horizons and many turns.
  const specs = [
    'hf.cosine:lr=1e-3,num_warmup_steps=7,num_training_steps=333',
    'hf.cosine:lr=1e-3,num_warmup_steps=0,num_training_steps=100,num_cycles=2.3',
    'hf.cosine_with_restarts:lr=1e-3,num_warmup_steps=5,num_training_steps=1000,num_cycles=7',
    'hf.cosine_with_restarts:lr=1e-3,num_warmup_steps=0,num_training_steps=997,num_cycles=3',
    'hf.cosine_with_min_lr:lr=1e-3,num_warmup_steps=3,num_training_steps=200,min_lr=1e-5',
    'optax.cosine_decay_schedule:init_value=0.1,decay_steps=1000,alpha=0.1,exponent=2',
    'optax.warmup_cosine_decay_schedule:init_value=0,peak_value=0.1,warmup_steps=10,decay_steps=1000,end_value=0.001',
    'keras.CosineDecay:initial_learning_rate=0.1,decay_steps=777,alpha=0.05,dtype=float64',
    'timm.CosineLRScheduler:lr=0.1,t_initial=2000,lr_min=1e-5,warmup_t=20,warmup_lr_init=1e-4',
    'timm.CosineLRScheduler:lr=0.1,t_initial=333,lr_min=1e-5,cycle_limit=4,cycle_decay=0.5,warmup_t=7,warmup_lr_init=1e-4,warmup_prefix=true',
    'timm.CosineLRScheduler:lr=0.1,t_initial=251,lr_min=1e-3,cycle_limit=20,k_decay=1.5',
    'timm.PolyLRScheduler:lr=0.1,t_initial=1000,power=2,lr_min=1e-5,warmup_t=3,warmup_lr_init=1e-4',
  ];
  for (const text of specs) {
    it(text, () => {
      const s = buildSchedule(catalog, parseTextSpec(text) as never, 3000).schedule;
      const ranges = [[0, 3000], [0, 1], [1, 2], [5, 6], [6, 340], [332, 334], [100, 2999], [999, 1001], [2500, 3000]];
      // Ranges from a fixed pseudo-random sequence: the same ones every run.
      let seed = 20261201;
      const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      for (let k = 0; k < 40; k++) {
        const a = Math.floor(next() * 3000);
        ranges.push([a, a + 1 + Math.floor(next() * (3000 - a))]);
      }
      for (const [start, end] of ranges) expect(s.extremes?.(start, end), `${start}..${end}`).toEqual(bruteExtremes(s, start, end));
    });
  }

  it('a range over more turns than it looks beside is left to sampling, not guessed', () => {
    const s = buildSchedule(catalog, parseTextSpec('hf.cosine:lr=1e-3,num_warmup_steps=0,num_training_steps=10') as never, 1e6).schedule;
    expect(s.extremes?.(0, 1e6)).toBeUndefined();
    expect(s.extremes?.(0, 2000)).toEqual(bruteExtremes(s, 0, 2000));
  });
});
