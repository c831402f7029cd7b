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

/** The statistics table; `numbered` puts each schedule's number first, for a pair table that names them so. */
export function formatStats(stats: readonly CurveStats[], numbered = false): string[] {
  const every = stats.find((s) => s.comparedEvery !== undefined);
  const note = every?.comparedEvery
    ? [`(${count(every.steps)} steps: every ${count(every.comparedEvery)}th step is compared, and counts for the steps up to the next one)`]
    : [];
  return [...statsTable(stats, numbered), ...note];
}

function statsTable(stats: readonly CurveStats[], numbered: boolean): string[] {
  return table(
    [numbered ? '# schedule' : 'schedule', 'peak', 'at step', 'final', 'min', 'at step', 'mean', 'area (lr budget)', 'steps > peak/2'],
    stats.map((s, k) => [numbered ? `#${k + 1} ${s.label}` : s.label, rate(s.peak), count(s.peakStep), rate(s.final), rate(s.min), count(s.minStep), rate(s.mean), rate(s.area), `${count(s.stepsAboveHalfPeak)} (${percent(s.stepsAboveHalfPeak / s.steps)})`]),
    [false, true, true, true, true, true, true, true, true],
  );
}

/** Labels shortened in the middle below this many characters stop saying which schedule they are. */
const SHORTEST_LABEL = 16;

/** The pair table's number columns, and the width they and their two-space gaps take. */
function differenceNumbers(differences: readonly CurveDifference[]): { header: string[]; rows: string[][]; width: number } {
  const header = ['max |a - b|', 'at step', 'max relative', 'at step', 'first parts at'];
  const rows = differences.map((d) => [
    rate(d.maxAbs),
    count(d.maxAbsStep),
    percent(d.maxRel),
    count(d.maxRelStep),
    d.firstPart === null ? 'never (identical)' : `step ${count(d.firstPart)}`,
  ]);
  return { header, rows, width: header.reduce((sum, h, c) => sum + 2 + Math.max(h.length, ...rows.map((r) => r[c].length)), 0) };
}

function shortened(label: string, width: number): string {
  if (label.length <= width) return label;
  const head = Math.ceil((width - 1) / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (width - 1 - head))}`;
}

/**
 * How the pair table names its schedules within `width` columns: in full when that fits, else each label
 * shortened in the middle (framework and symbol at the start, the last parameters at the end), else by
 * their numbers in the statistics table (`#1  vs  #2`), which then shows them.
 */
export function pairNaming(differences: readonly CurveDifference[], width: number | undefined): 'full' | 'shortened' | 'numbered' {
  if (width === undefined || differences.length === 0) return 'full';
  const room = width - differenceNumbers(differences).width;
  const longest = Math.max(...differences.map((d) => `${d.a}  vs  ${d.b}`.length));
  if (longest <= room) return 'full';
  return Math.floor((room - 6) / 2) >= SHORTEST_LABEL ? 'shortened' : 'numbered';
}

/** The pair table; with `width` (the terminal's columns) its rows fit in it (see pairNaming). */
export function formatDifferences(differences: readonly CurveDifference[], width?: number, labels: readonly string[] = []): string[] {
  if (differences.length === 0) return [];
  const naming = pairNaming(differences, width);
  const numbers = differenceNumbers(differences);
  const each = width === undefined ? Infinity : Math.floor((width - numbers.width - 6) / 2);
  const name = (label: string): string => (naming === 'numbered' ? `#${labels.indexOf(label) + 1}` : naming === 'shortened' ? shortened(label, each) : label);
  return table(
    ['pair', ...numbers.header],
    differences.map((d, k) => [`${name(d.a)}  vs  ${name(d.b)}`, ...numbers.rows[k]]),
    [false, true, true, true, true, true],
  );
}

export function formatLogComparisons(comparisons: readonly LogComparison[]): string[] {
  return comparisons.flatMap((c) => {
    const shift =
      c.bestOffset === 0
        ? 'no step offset explains it better'
        : `shifted by ${c.bestOffset > 0 ? '+' : ''}${c.bestOffset} step${Math.abs(c.bestOffset) === 1 ? '' : 's'} (the run ${c.bestOffset > 0 ? 'lags the plan, e.g. updates skipped by a loss scaler' : 'runs ahead of the plan'}), the RMS difference is ${percent(c.rmsShareAtOffset)} of the peak`;
    return [
      `logged ${c.log} vs planned ${c.plan}: ${count(c.points)} points`,
      `  largest difference ${rate(c.maxAbs)} at step ${count(c.maxAbsStep)} (${percent(c.maxRel)} relative); RMS ${percent(c.rmsShare)} of the peak`,
      `  ${shift}`,
    ];
  });
}
