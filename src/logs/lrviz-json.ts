import { isPlainObject } from '../json.js';
import { loggedLabel, pointsOf, type LoggedRun } from './points.js';

export const LRVIZ_JSON = 'lrviz plot JSON';
export const LRVIZ_VEGA_LITE = 'lrviz vega-lite spec';

/**
 * The JSON lrviz itself writes, read back so that `plot -o d.json` feeds `fit d.json` and `--log d.json`:
 *   `--format json`     `{"steps", "every", "series": [{"label", "values": [...]}]}`, values[j] at step j*every
 *                       (a series may carry its own `steps` list when it is not sampled on that grid)
 *   `--format vl.json`  the layers' `data.values`: `{"series", "step", "lr"}` rows (lines and logged points)
 * One run per series. Undefined when the JSON is neither.
 */
export function readLrvizJson(json: unknown, source: string): LoggedRun[] | undefined {
  return plotJson(json, source) ?? vegaLiteSpec(json, source);
}

function plotJson(json: unknown, source: string): LoggedRun[] | undefined {
  if (!isPlainObject(json) || !Array.isArray(json.series) || json.series.length === 0) return undefined;
  const every = typeof json.every === 'number' && json.every > 0 ? json.every : 1;
  const runs: LoggedRun[] = [];
  for (const entry of json.series) {
    if (!isPlainObject(entry) || !Array.isArray(entry.values)) return undefined;
    const values = entry.values;
    const steps = Array.isArray(entry.steps) && entry.steps.length === values.length ? entry.steps : undefined;
    const pairs = values.map((value, j): [number, number] => [steps === undefined ? j * every : Number(steps[j]), typeof value === 'number' ? value : NaN]);
    runs.push(run(pairs, entry.label, source, LRVIZ_JSON, json.series.length));
  }
  return runs;
}

function vegaLiteSpec(json: unknown, source: string): LoggedRun[] | undefined {
  if (!isPlainObject(json) || typeof json.$schema !== 'string' || !/\/vega-lite\//.test(json.$schema)) return undefined;
  const layers = Array.isArray(json.layer) ? json.layer : [json];
  // Every layer with rows of (series, step, lr): the lines and the logged points; rules of --mark have none.
  const withData = layers.filter((layer) => isPlainObject(layer) && isPlainObject(layer.data) && Array.isArray(layer.data.values));
  if (withData.length === 0) return undefined;
  const bySeries = new Map<string, [number, number][]>();
  for (const row of withData.flatMap((layer) => (layer as { data: { values: unknown[] } }).data.values)) {
    if (!isPlainObject(row) || typeof row.step !== 'number' || typeof row.lr !== 'number') continue;
    const name = typeof row.series === 'string' ? row.series : '';
    if (!bySeries.has(name)) bySeries.set(name, []);
    bySeries.get(name)!.push([row.step, row.lr]);
  }
  if (bySeries.size === 0) return undefined;
  return [...bySeries].map(([name, pairs]) => run(pairs, name, source, LRVIZ_VEGA_LITE, bySeries.size));
}

/** Labelled like every other log: the file alone, or the file and the series when it holds several. */
function run(pairs: [number, number][], label: unknown, source: string, format: string, count: number): LoggedRun {
  const name = typeof label === 'string' && label !== '' ? loggedLabel(label) : undefined;
  return { label: count > 1 && name !== undefined ? `${source} ${name}` : source, source, format, ...pointsOf(pairs.map((p) => p[0]), pairs.map((p) => p[1])) };
}
