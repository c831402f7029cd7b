import { parseNumber } from '../text/decimal.js';
import { StringRow, type CsvRow } from './csv-row.js';
import { loggedLabel, PointsBuilder, type ExpectedPoints, type LoggedRun } from './points.js';

/** Column names that hold the optimizer step, in order of preference. */
const STEP_COLUMNS = ['step', 'global_step', 'trainer/global_step', '_step', 'iteration', 'iter', 'steps'];
/** A column that holds a learning rate: `lr`, `learning_rate`, `train/lr`, `trainer/learning_rate`, ... */
const LR_NAME = /(^|[\s/_-])(lr|learning[_ ]?rate|learningrate)$/;

/** A CSV log being read row by row after its first row: rows go in, the series come out at the end. */
export interface CsvLogReader {
  add(row: CsvRow): void;
  /** The series, or undefined when the rows turned out not to be a log of that kind. */
  finish(): LoggedRun[] | undefined;
}

/**
 * The CSV learning-rate logs lrviz reads, told apart by their first row (`expected` sizes each series'
 * arrays, see PointsBuilder):
 *   PyTorch Lightning metrics.csv   `lr-<Optimizer>[/pg<k>]` columns (LearningRateMonitor) and `step`
 *   TensorBoard scalar export       `Wall time,Step,Value`
 *   W&B panel export                `Step,<run> - <metric>[,__MIN,__MAX]`
 *   plain                           a step column and an lr column, or two numeric columns without a header
 *   lrviz's own CSV                 `step,<label>[,<label>...]`: every column after the step is a series
 *   any two numeric columns         `<anything>,<anything>`: step and lr, whatever the header says
 * Undefined when the first row fits none of them.
 */
export function csvLogReader(first: CsvRow, source: string, expected?: ExpectedPoints): CsvLogReader | undefined {
  const header = Array.from({ length: first.length }, (_, k) => first.text(k).trim());
  const lower = header.map((h) => h.toLowerCase());
  if (header.length === 2 && header.every((h) => parseNumber(h) !== undefined)) {
    const only = collector(0, 1, source, 'step,lr CSV (no header)', source, expected);
    only.add(first);
    return collect([only]);
  }
  const stepColumn = findStepColumn(lower);
  if (stepColumn === -1) return header.length === 2 ? collectNumeric(0, header, source, expected) : undefined;

  // LearningRateMonitor also writes lr-<Optimizer>-momentum and -weight_decay when asked: not rates.
  const lightning = lower.flatMap((h, k) => (h.startsWith('lr-') && !/-(momentum|beta\d?|weight_decay)$/.test(h) ? [k] : []));
  if (lightning.length > 0) {
    return collect(lightning.map((k) => collector(stepColumn, k, source, 'PyTorch Lightning metrics.csv', lightning.length > 1 ? `${source} ${header[k]}` : source, expected)));
  }
  if (lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value') {
    return collect([collector(1, 2, source, 'TensorBoard scalar CSV', source, expected)]);
  }
  // W&B exports a value column per run plus __MIN/__MAX companions when the panel smooths or groups.
  const wandb = lower.flatMap((h, k) => (k !== stepColumn && / - /.test(h) && !/__(min|max)$/.test(h) ? [k] : []));
  if (wandb.length > 0 && wandb.every((k) => /(^|[\s/_-])(lr|learning[_ ]?rate)([\s/_-]|$)/.test(lower[k]))) {
    return collect(wandb.map((k) => collector(stepColumn, k, source, 'W&B scalar CSV', wandb.length > 1 ? `${source} ${header[k]}` : source, expected)));
  }
  // tbparse and similar long-format exports: one row per (step, tag, value).
  const tag = lower.indexOf('tag');
  const value = lower.indexOf('value');
  if (tag !== -1 && value !== -1) return collectByTag(stepColumn, tag, value, source);
  const lrColumn = lower.findIndex((h, k) => k !== stepColumn && LR_NAME.test(h));
  if (lrColumn !== -1) return collect([collector(stepColumn, lrColumn, source, 'step,lr CSV', source, expected)]);
  if (lower.length === 2 && lower[1] === 'value') return collect([collector(stepColumn, 1, source, 'step,value CSV', source, expected)]);
  // What `lrviz plot -o x.csv` writes: the step, then one column per series headed by its label.
  if (stepColumn === 0 || header.length === 2) return collectNumeric(stepColumn, header, source, expected);
  return undefined;
}

/** The log in rows of text (a CSV already in memory); undefined when it is none of the kinds above. */
export function readCsvLog(rows: Iterable<string[]>, source: string): LoggedRun[] | undefined {
  let reader: CsvLogReader | undefined;
  for (const cells of rows) {
    const row = new StringRow(cells);
    if (reader !== undefined) reader.add(row);
    else if ((reader = csvLogReader(row, source)) === undefined) return undefined;
  }
  return reader?.finish();
}

/**
 * A table of numbers (a cell may be empty where a series has no value): the step column and a series for
 * every other column, labelled by its header. Undefined at the first cell that is not a number, or when a
 * column holds none.
 */
function collectNumeric(stepColumn: number, header: readonly string[], source: string, expected?: ExpectedPoints): CsvLogReader | undefined {
  if (header.length < 2) return undefined;
  const valueColumns = header.flatMap((_, k) => (k === stepColumn ? [] : [k]));
  const format = stepColumn === 0 && header[0].toLowerCase() === 'step' ? 'step,series CSV (lrviz plot)' : 'two-column CSV (read as step,lr)';
  const labels = valueColumns.map((k) => (valueColumns.length > 1 ? `${source} ${loggedLabel(header[k])}` : source));
  const builders = valueColumns.map(() => new PointsBuilder(expected));
  const seen = new Array<boolean>(header.length).fill(false);
  let failed = false;
  return {
    add(row) {
      if (failed) return;
      if (row.length !== header.length) {
        failed = true;
        return;
      }
      const step = row.number(stepColumn);
      if (step !== undefined) seen[stepColumn] = true;
      else if (!row.blank(stepColumn)) failed = true;
      valueColumns.forEach((k, j) => {
        const value = row.number(k);
        if (value === undefined) {
          if (!row.blank(k)) failed = true;
          return;
        }
        seen[k] = true;
        if (step !== undefined) builders[j].add(step, value);
      });
    },
    finish() {
      if (failed || !seen.every(Boolean)) return undefined;
      return builders.map((points, j) => ({ label: labels[j], source, format, ...points.finish() }));
    },
  };
}

function findStepColumn(lower: string[]): number {
  for (const name of STEP_COLUMNS) {
    const k = lower.indexOf(name);
    if (k !== -1) return k;
  }
  return -1;
}

/**
 * One logged series being read: its (step, lr) pairs gathered row by row into typed arrays. Lightning
 * writes one row per logging call, so a row may leave the lr cell empty: those rows are skipped.
 */
interface Collector {
  add(row: CsvRow): void;
  run(): LoggedRun;
}

function collector(stepColumn: number, valueColumn: number, source: string, format: string, label: string, expected?: ExpectedPoints): Collector {
  const points = new PointsBuilder(expected);
  return {
    add(row) {
      const step = row.number(stepColumn);
      if (step === undefined) return;
      const value = row.number(valueColumn);
      if (value !== undefined) points.add(step, value);
    },
    run: () => ({ label, source, format, ...points.finish() }),
  };
}

function collect(collectors: Collector[]): CsvLogReader {
  return {
    add(row) {
      for (const c of collectors) c.add(row);
    },
    finish: () => collectors.map((c) => c.run()),
  };
}

/** Long format: a series for each tag that names a learning rate, in the order the tags first appear. */
function collectByTag(stepColumn: number, tagColumn: number, valueColumn: number, source: string): CsvLogReader {
  const byTag = new Map<string, Collector | undefined>();
  const format = 'TensorBoard long CSV (step,tag,value)';
  return {
    add(row) {
      const t = row.text(tagColumn).trim();
      let c = byTag.get(t);
      if (c === undefined) {
        if (byTag.has(t)) return;
        c = LR_NAME.test(t.toLowerCase()) ? collector(stepColumn, valueColumn, source, format, t) : undefined;
        byTag.set(t, c);
        if (c === undefined) return;
      }
      c.add(row);
    },
    finish() {
      const runs = [...byTag.values()].flatMap((c) => (c === undefined ? [] : [c.run()]));
      if (runs.length === 0) return undefined;
      return runs.map((run) => ({ ...run, label: runs.length > 1 ? `${source} ${run.label}` : source }));
    },
  };
}
