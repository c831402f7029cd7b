import { parseNumber } from '../notation/params.js';
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
 * Undefined when the rows are none of them.
 */
export function readCsvLog(rows: string[][], source: string): LoggedRun[] | undefined {
  if (rows.length === 0) return undefined;
  const header = rows[0].map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  if (header.length === 2 && header.every((h) => parseNumber(h) !== undefined)) {
    return [series(rows, 0, 0, 1, source, 'step,lr CSV (no header)', source)];
  }
  const stepColumn = findStepColumn(lower);
  if (stepColumn === -1) return undefined;

  // LearningRateMonitor also writes lr-<Optimizer>-momentum and -weight_decay when asked: not rates.
  const lightning = lower.flatMap((h, k) => (h.startsWith('lr-') && !/-(momentum|beta\d?|weight_decay)$/.test(h) ? [k] : []));
  if (lightning.length > 0) {
    return lightning.map((k) => series(rows, 1, stepColumn, k, source, 'PyTorch Lightning metrics.csv', lightning.length > 1 ? `${source} ${header[k]}` : source));
  }
  if (lower.length === 3 && lower[0] === 'wall time' && lower[1] === 'step' && lower[2] === 'value') {
    return [series(rows, 1, 1, 2, source, 'TensorBoard scalar CSV', source)];
  }
  // W&B exports a value column per run plus __MIN/__MAX companions when the panel smooths or groups.
  const wandb = lower.flatMap((h, k) => (k !== stepColumn && / - /.test(h) && !/__(min|max)$/.test(h) ? [k] : []));
  if (wandb.length > 0 && wandb.every((k) => /(^|[\s/_-])(lr|learning[_ ]?rate)([\s/_-]|$)/.test(lower[k]))) {
    return wandb.map((k) => series(rows, 1, stepColumn, k, source, 'W&B scalar CSV', wandb.length > 1 ? `${source} ${header[k]}` : source));
  }
  // tbparse and similar long-format exports: one row per (step, tag, value).
  const tag = lower.indexOf('tag');
  const value = lower.indexOf('value');
  if (tag !== -1 && value !== -1) {
    const tags = [...new Set(rows.slice(1).map((row) => (row[tag] ?? '').trim()))].filter((t) => LR_NAME.test(t.toLowerCase()));
    if (tags.length > 0) {
      return tags.map((t) =>
        series([rows[0], ...rows.slice(1).filter((row) => (row[tag] ?? '').trim() === t)], 1, stepColumn, value, source, 'TensorBoard long CSV (step,tag,value)', tags.length > 1 ? `${source} ${t}` : source),
      );
    }
  }
  const lrColumn = lower.findIndex((h, k) => k !== stepColumn && LR_NAME.test(h));
  if (lrColumn !== -1) return [series(rows, 1, stepColumn, lrColumn, source, 'step,lr CSV', source)];
  if (lower.length === 2 && lower[1] === 'value') return [series(rows, 1, stepColumn, 1, source, 'step,value CSV', source)];
  return undefined;
}

function findStepColumn(lower: string[]): number {
  for (const name of STEP_COLUMNS) {
    const k = lower.indexOf(name);
    if (k !== -1) return k;
  }
  return -1;
}

/** Lightning writes one row per logging call, so a row may leave the lr cell empty: those rows are skipped. */
function series(rows: string[][], from: number, stepColumn: number, valueColumn: number, source: string, format: string, label: string): LoggedRun {
  const pairs: [number, number][] = [];
  for (let r = from; r < rows.length; r++) {
    const step = parseNumber((rows[r][stepColumn] ?? '').trim());
    const value = parseNumber((rows[r][valueColumn] ?? '').trim());
    if (step !== undefined && value !== undefined) pairs.push([step, value]);
  }
  return { label, source, format, ...orderedPoints(pairs) };
}
