/**
 * Which steps of a column to compute when the curve cannot tell the column's extremes and the column holds
 * more steps than a chart can afford: runs of consecutive steps spread over the column, the first run at
 * its first step and the last ending at its last step (a monotone column is then exact), the others at
 * positions stepped by the golden ratio so that a periodic schedule (a restart every 2 steps, say) is not
 * seen at one phase only, as evenly spaced samples would be.
 */

/** Consecutive steps in a run: enough to see a short cycle's shape, a peak and the step after it. */
export const SAMPLE_RUN = 16;

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * The first step of each run for a column [start, end) that holds more than `runs` * SAMPLE_RUN steps,
 * in increasing order. Runs may touch or overlap: they only ever add steps to look at.
 */
export function sampleRunStarts(start: number, end: number, runs: number): number[] {
  const count = Math.max(2, runs);
  const last = end - SAMPLE_RUN;
  const slot = (last - start) / (count - 1);
  const starts: number[] = [start];
  for (let r = 1; r < count - 1; r++) {
    // Somewhere around the r-th of evenly spaced positions, moved by the fractional part of r times the
    // golden ratio: spread over the column, never in step with a period.
    const jitter = (r * GOLDEN) % 1;
    starts.push(Math.min(last, Math.max(start, start + Math.floor((r + jitter - 0.5) * slot))));
  }
  starts.push(last);
  return starts;
}
