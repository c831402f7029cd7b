import { count, percent, rate } from '../text/numbers.js';
import type { CurveDifference } from './difference.js';
import type { LogComparison } from './log-offset.js';
import type { CurveStats } from './stats.js';
import { largest } from '../extent.js';

function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((h, c) => largest(rows.map((r) => r[c].length), h.length));
  const line = (cells: string[]): string => cells.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatStats(stats: readonly CurveStats[]): string[] {
  const every = stats.find((s) => s.comparedEvery !== undefined);
  const note = every?.comparedEvery
    ? [`(${count(every.steps)} steps: every ${count(every.comparedEvery)}th step is compared, and counts for the steps up to the next one)`]
    : [];
  return [...statsTable(stats), ...note];
}

function statsTable(stats: readonly CurveStats[]): string[] {
  return table(
    ['schedule', 'peak', 'at step', 'final', 'min', 'at step', 'mean', 'area (lr budget)', 'steps > peak/2'],
    stats.map((s) => [s.label, rate(s.peak), count(s.peakStep), rate(s.final), rate(s.min), count(s.minStep), rate(s.mean), rate(s.area), `${count(s.stepsAboveHalfPeak)} (${percent(s.stepsAboveHalfPeak / s.steps)})`]),
    [false, true, true, true, true, true, true, true, true],
  );
}

export function formatDifferences(differences: readonly CurveDifference[]): string[] {
  if (differences.length === 0) return [];
  return table(
    ['pair', 'max |a - b|', 'at step', 'max relative', 'at step', 'first parts at'],
    differences.map((d) => [
      `${d.a}  vs  ${d.b}`,
      rate(d.maxAbs),
      count(d.maxAbsStep),
      percent(d.maxRel),
      count(d.maxRelStep),
      d.firstPart === null ? 'never (identical)' : `step ${count(d.firstPart)}`,
    ]),
    [false, true, true, true, true, true],
  );
}

export function formatLogComparisons(comparisons: readonly LogComparison[]): string[] {
  return comparisons.flatMap((c) => {
    const shift =
      c.bestOffset === 0
        ? 'no step offset explains it better'
        : `shifted by ${c.bestOffset > 0 ? '+' : ''}${c.bestOffset} steps (the run ${c.bestOffset > 0 ? 'lags the plan, e.g. updates skipped by a loss scaler' : 'runs ahead of the plan'}), the RMS difference is ${percent(c.rmsShareAtOffset)} of the peak`;
    return [
      `logged ${c.log} vs planned ${c.plan}: ${count(c.points)} points`,
      `  largest difference ${rate(c.maxAbs)} at step ${count(c.maxAbsStep)} (${percent(c.maxRel)} relative); RMS ${percent(c.rmsShare)} of the peak`,
      `  ${shift}`,
    ];
  });
}
