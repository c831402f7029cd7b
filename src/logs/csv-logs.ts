import { parseNumber } from '../text/decimal.js';
import { orderedPoints, type LoggedRun } from './points.js';

/** Column names that hold the optimizer step, in order of preference. */
const STEP_COLUMNS = ['step', 'global_step', 'trainer/global_step', '_step', 'iteration', 'iter', 'steps'];
/** A column that holds a learning rate: `lr`, `learning_rate`, `train/lr`, `trainer/learning_rate`, ... */
const LR_NAME = /(^|[\s/_-])(lr|learning[_ ]?rate|learningrate)$/;

/**
 * The CSV learning-rate logs lrviz reads, told apart by their header:
 *   PyTorch Lightning metrics.csv   `lr-<Optimizer>[/pg<k>]` columns (LearningRateMonitor) and `step`
 *   TensorBoard scalar export       `Wall time,Step,Value`
 *   W&B panel export                `Step,<run> - <metric>[,__MIN,__MAX]`
 *   plain                           a step column and an lr column, or two numeric columns without a header
 *   lrviz's own CSV                 `step,<label>[,<label>...]`: every column after the step is a series
 *   any two numeric columns         `<anything>,<anything>`: step and lr, whatever the header says
 * Undefined when the rows are none of them.
 */
export function readCsvLog(rows: Iterable<string[]>, source: string): LoggedRun[] | undefined {
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return undefined;
  const rest: Iterable<string[]> = { [Symbol.iterator]: () => iterator };
  const header = first.value.map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  if (header.length === 2 && header.every((h) => parseNumber(h) !== undefined)) {
    const only = collector(0, 1, source, 'step,lr CSV (no header)', source);
    only.add(first.value);
    return collect(rest, [only]);
  }
  const stepColumn = findStepColumn(lower);
  if (stepColumn === -1) return header.length === 2 ? collectNumeric(rest, 0, header, source) : undefined;

  // LearningRateMonitor also writes lr-<Optimizer>-momentum and -weight_decay when asked: not rates.
  const lightning = lower.flatMap((h, k) => (h.startsWith('lr-') && !/-(momentum|beta\d?|weight_decay)$/.test(h) ? [k] : []));
  if (lightning.length > 0) {
    return collect(
      rest,
      lightning.map((k) => collector(stepColumn, k, source, 'PyTorch Lightning metrics.csv', lightning.length > 1 ? `${source} ${header[k]}` : source)),
    );
  }
  if (lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value') {
    return collect(rest, [collector(1, 2, source, 'TensorBoard scalar CSV', source)]);
  }
  // W&B exports a value column per run plus __MIN/__MAX companions when the panel smooths or groups.
  const wandb = lower.flatMap((h, k) => (k !== stepColumn && / - /.test(h) && !/__(min|max)$/.test(h) ? [k] : []));
  if (wandb.length > 0 && wandb.every((k) => /(^|[\s/_-])(lr|learning[_ ]?rate)([\s/_-]|$)/.test(lower[k]))) {
    return collect(
      rest,
      wandb.map((k) => collector(stepColumn, k, source, 'W&B scalar CSV', wandb.length > 1 ? `${source} ${header[k]}` : source)),
    );
  }
  // tbparse and similar long-format exports: one row per (step, tag, value).
  const tag = lower.indexOf('tag');
  const value = lower.indexOf('value');
  if (tag !== -1 && value !== -1) return collectByTag(rest, stepColumn, tag, value, source);
  const lrColumn = lower.findIndex((h, k) => k !== stepColumn && LR_NAME.test(h));
  if (lrColumn !== -1) return collect(rest, [collector(stepColumn, lrColumn, source, 'step,lr CSV', source)]);
  if (lower.length === 2 && lower[1] === 'value') return collect(rest, [collector(stepColumn, 1, source, 'step,value CSV', source)]);
  // What `lrviz plot -o x.csv` writes: the step, then one column per series headed by its label.
  if (stepColumn === 0 || header.length === 2) return collectNumeric(rest, stepColumn, header, source);
  return undefined;
}

/**
 * A table of numbers (a cell may be empty where a series has no value): the step column and a series for
 * every other column, labelled by its header. Undefined at the first cell that is not a number, or when a
 * column holds none.
 */
function collectNumeric(rows: Iterable<string[]>, stepColumn: number, header: readonly string[], source: string): LoggedRun[] | undefined {
  if (header.length < 2) return undefined;
  const valueColumns = header.flatMap((_, k) => (k === stepColumn ? [] : [k]));
  const format = stepColumn === 0 && header[0].toLowerCase() === 'step' ? 'step,series CSV (lrviz plot)' : 'two-column CSV (read as step,lr)';
  const collectors = valueColumns.map((k) => collector(stepColumn, k, source, format, valueColumns.length > 1 ? `${source} ${header[k]}` : source));
  const seen = new Array<boolean>(header.length).fill(false);
  for (const row of rows) {
    if (row.length !== header.length) return undefined;
    for (let k = 0; k < row.length; k++) {
      const cell = row[k].trim();
      if (cell === '') continue;
      if (parseNumber(cell) === undefined) return undefined;
      seen[k] = true;
    }
    for (const c of collectors) c.add(row);
  }
  return seen.every(Boolean) ? collectors.map((c) => c.run()) : undefined;
}

function findStepColumn(lower: string[]): number {
  for (const name of STEP_COLUMNS) {
    const k = lower.indexOf(name);
    if (k !== -1) return k;
  }
  return -1;
}

/**
 * One logged series being read: its (step, lr) pairs gathered row by row as plain doubles (a few bytes a
 * row, so a 1e7-row log fits in some hundreds of MB). Lightning writes one row per logging call, so a row
 * may leave the lr cell empty: those rows are skipped.
 */
interface Collector {
  add(row: readonly string[]): void;
  run(): LoggedRun;
}

function collector(stepColumn: number, valueColumn: number, source: string, format: string, label: string): Collector {
  const steps: number[] = [];
  const values: number[] = [];
  return {
    add(row) {
      const step = parseNumber((row[stepColumn] ?? '').trim());
      const value = parseNumber((row[valueColumn] ?? '').trim());
      if (step !== undefined && value !== undefined) {
        steps.push(step);
        values.push(value);
      }
    },
    run: () => ({ label, source, format, ...orderedPoints(steps, values) }),
  };
}

function collect(rows: Iterable<string[]>, collectors: Collector[]): LoggedRun[] {
  for (const row of rows) for (const c of collectors) c.add(row);
  return collectors.map((c) => c.run());
}

/** Long format: a series for each tag that names a learning rate, in the order the tags first appear. */
function collectByTag(rows: Iterable<string[]>, stepColumn: number, tagColumn: number, valueColumn: number, source: string): LoggedRun[] | undefined {
  const byTag = new Map<string, Collector>();
  const format = 'TensorBoard long CSV (step,tag,value)';
  for (const row of rows) {
    const t = (row[tagColumn] ?? '').trim();
    let c = byTag.get(t);
    if (c === undefined) {
      if (!LR_NAME.test(t.toLowerCase())) continue;
      c = collector(stepColumn, valueColumn, source, format, t);
      byTag.set(t, c);
    }
    c.add(row);
  }
  if (byTag.size === 0) return undefined;
  const runs = [...byTag.values()].map((c) => c.run());
  return runs.map((run) => ({ ...run, label: byTag.size > 1 ? `${source} ${run.label}` : source }));
}
