import type { Schedule } from '../../src/schedules/schedule.js';

/** The lowest and highest lr over whole steps [start, end), visiting every one: what Schedule.extremes must equal. */
export function bruteExtremes(s: Schedule, start: number, end: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = start; i < end; i++) {
    const v = s.lr(i);
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return [low, high];
}
