import { LrvizError } from './errors.js';

/**
 * The path of the first number in a report (plain objects and arrays) that is not finite, or undefined.
 * A report must never print NaN, Infinity or JSON's null for one: where sums and ratios of extreme but
 * finite rates overflow, the command refuses in one line instead.
 */
export function firstNonFinite(report: unknown): { path: string; value: number } | undefined {
  const pending: [unknown, string][] = [[report, '']];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return { path, value: item };
    } else if (Array.isArray(item)) {
      for (let k = item.length - 1; k >= 0; k--) pending.push([item[k], `${path}[${k}]`]);
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      for (let k = entries.length - 1; k >= 0; k--) pending.push([entries[k][1], path === '' ? entries[k][0] : `${path}.${entries[k][0]}`]);
    }
  }
  return undefined;
}

/** Refuses a report holding a number that is not finite, naming where it is. */
export function ensureFiniteReport(report: unknown, command: string): void {
  const bad = firstNonFinite(report);
  if (bad !== undefined) {
    throw new LrvizError(
      `${command}: ${bad.path} comes out as ${bad.value}: the learning rates are too extreme to summarise in doubles (sums or ratios overflow); check the schedule's parameters and the log's values`,
    );
  }
}
