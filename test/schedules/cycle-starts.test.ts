/**
 * Where cycles begin, as a schedule made of cycles tells it (Schedule.cycleStarts): worked out from the
 * cycle lengths, it must name exactly the steps where the learning rate jumps back up, counted over
 * every step of the range, through warmups, resumed runs and per-epoch stepping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { perEpoch } from '../../src/schedules/combinators/per-epoch.js';
import type { Schedule } from '../../src/schedules/schedule.js';

const build = (text: string, steps = 1e12): Schedule => buildSchedule(catalog, parseTextSpec(text) as never, steps).schedule;

/**
 * Every step in [start, end) where the rate rises, past a warmup of `warmup` steps: in these cosine cycles
 * (two steps or longer, peaks above the floor), only a cycle's first step does.
 */
function rises(s: Schedule, start: number, end: number, warmup = 0): number[] {
  const found: number[] = [];
  for (let i = Math.max(warmup + 1, start); i < end; i++) if (s.lr(i) > s.lr(i - 1)) found.push(i);
  return found;
}

const SPECS: [string, number][] = [
  ['cosine-restarts:cycle=2', 0],
  ['cosine-restarts:cycle=3,cycle_decay=0.999,min_lr=1e-5', 0],
  ['cosine-restarts:cycle=5,cycle_mult=2,warmup=7', 7],
  ['torch.CosineAnnealingWarmRestarts:T_0=3', 0],
  ['torch.CosineAnnealingWarmRestarts:T_0=4,T_mult=3,last_epoch=5', 0],
  ['paddle.CosineAnnealingWarmRestarts:learning_rate=0.1,T_0=6,T_mult=2', 0],
];

describe('cycle starts', () => {
  for (const [text, warmup] of SPECS) {
    it(`are the steps where ${text} rises, over any range`, () => {
      const s = build(text);
      expect(s.cycleStarts).toBeDefined();
      fc.assert(
        fc.property(fc.nat(3000), fc.nat(3000), fc.integer({ min: 1, max: 5 }), (a, length, keep) => {
          const expected = rises(s, a, a + length, warmup);
          const told = s.cycleStarts!(a, a + length, keep);
          expect(told?.count).toBe(expected.length);
          expect(told?.first).toEqual(expected.slice(0, keep));
          expect(told?.last).toEqual(expected.slice(-keep).slice(0, Math.min(keep, expected.length)));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('are counted in epochs and placed at the epoch\'s first update when the scheduler steps per epoch', () => {
    const s = perEpoch(build('torch.CosineAnnealingWarmRestarts:T_0=3,T_mult=2'), 7);
    expect(s.cycleStarts!(0, 5000, 4)).toEqual({ count: rises(s, 0, 5000).length, first: rises(s, 0, 5000).slice(0, 4), last: rises(s, 0, 5000).slice(-4) });
    expect(s.cycleStarts!(22, 23, 4)).toEqual({ count: 0, first: [], last: [] });
  });

  it('cost what they report over 1e12 steps of two-step cycles: 5e11 restarts, the last at step 1e12 - 2', () => {
    const told = build('cosine-restarts:cycle=2').cycleStarts!(1, 1e12, 3);
    expect(told).toEqual({ count: 5e11 - 1, first: [2, 4, 6], last: [1e12 - 6, 1e12 - 4, 1e12 - 2] });
  });

  it('are not told for cycles that begin between whole steps', () => {
    expect(build('cosine-restarts:cycle=2.5').cycleStarts).toBeUndefined();
    expect(build('cosine-restarts:cycle=2,cycle_mult=1.5').cycleStarts).toBeUndefined();
  });
});
