import { fillValues, schedule, withCycleStarts, type Schedule } from '../schedule.js';

/** The same schedule multiplied by a constant factor (a peak decayed per restart, a base lr times a factor). */
export function scale(inner: Schedule, factor: number): Schedule {
  const scaled = schedule(
    (i) => factor * inner.lr(i),
    inner.horizon,
    (start, out) => {
      fillValues(inner, start, out);
      for (let j = 0; j < out.length; j++) out[j] *= factor;
    },
    (start, end) => {
      // Multiplying by a constant keeps the order of values (reverses it for a negative factor).
      const range = inner.extremes?.(start, end);
      if (range === undefined) return undefined;
      const [a, b] = [factor * range[0], factor * range[1]];
      return a <= b ? [a, b] : [b, a];
    },
  );
  // Cycles begin where they did; a factor of 0 flattens them away.
  return inner.cycleStarts === undefined || factor === 0 ? scaled : withCycleStarts(scaled, inner.cycleStarts);
}
