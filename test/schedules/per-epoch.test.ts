/**
 * perEpoch: a scheduler stepped once per epoch, seen per update. Every update of epoch e takes value e.
 */
import { describe, expect, it } from 'vitest';
import { perEpoch } from '../../src/schedules/combinators/per-epoch.js';
import { schedule } from '../../src/schedules/schedule.js';
import { buildSchedule } from '../../src/notation/build.js';
import { catalog } from '../../src/catalog.js';

const inner = buildSchedule(catalog, { type: 'torch.CosineAnnealingWarmRestarts', lr: 0.1, T_0: 3, T_mult: 2 }, 40).schedule;

describe('perEpoch', () => {
  it('holds the value of epoch floor(i / N) for every update i', () => {
    const held = perEpoch(inner, 7);
    for (let i = 0; i < 7 * 30; i++) expect(held.lr(i)).toBe(inner.lr(Math.floor(i / 7)));
  });

  it('its fast path fills what lr says, from any start and for any length', () => {
    const held = perEpoch(inner, 5);
    for (const [start, length] of [[0, 1], [0, 100], [3, 4], [4, 11], [97, 53]]) {
      const out = new Float64Array(length);
      held.fill!(start, out);
      expect([...out]).toEqual(Array.from({ length }, (_, j) => held.lr(start + j)));
    }
  });

  it('its extremes are the min and max of lr over the range, with and without the inner fast path', () => {
    const bare = schedule((e) => Math.sin(e));
    for (const held of [perEpoch(inner, 5), perEpoch(bare, 5)]) {
      for (const [start, end] of [[0, 1], [0, 100], [3, 4], [4, 11], [97, 153]]) {
        const values = Array.from({ length: end - start }, (_, j) => held.lr(start + j));
        expect(held.extremes!(start, end)).toEqual([Math.min(...values), Math.max(...values)]);
      }
    }
  });

  it('counts the horizon in updates, and is the schedule itself for one update an epoch', () => {
    const decay = buildSchedule(catalog, { type: 'torch.CosineAnnealingLR', lr: 0.1, T_max: 90 }, 90).schedule;
    expect(perEpoch(decay, 391).horizon).toBe(decay.horizon === undefined ? undefined : decay.horizon * 391);
    expect(perEpoch(decay, 1)).toBe(decay);
    expect(() => perEpoch(decay, 0)).toThrow(RangeError);
  });
});
