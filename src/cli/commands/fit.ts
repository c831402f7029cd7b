import type { Command } from 'commander';
import { curveOf } from '../../curve/curve.js';
import { LrvizError, shown } from '../../errors.js';
import { fitLog, formatFit } from '../../fit/index.js';
import { writeStdout } from '../../io/write-output.js';
import { readLogFile } from '../../logs/index.js';
import { render } from '../../render/formats.js';
import type { CatalogSource } from '../catalog-on-demand.js';
import { schedule } from '../../schedules/schedule.js';
import { ensureFiniteReport } from '../../finite-report.js';
import { parseChartSize } from '../chart-size.js';
import { terminalColumns, wantsColor } from '../environment.js';
import { examples } from '../help.js';
import { parsePositiveInteger } from '../flags.js';

/** A chart walks every step; past this many it would keep the user waiting for a picture of a log. */
const MAX_CHART_STEPS = 5e7;

export interface FitOptions {
  json?: boolean;
  series?: string;
  width?: string;
  height?: string;
  chart: boolean;
}

export function registerFit(program: Command, catalog: CatalogSource): void {
  program
    .command('fit')
    .description('infer the schedule that produced logged learning rates: family, peak, warmup, horizon, floor, step offset')
    .argument('<log>', 'trainer_state.json, Lightning metrics.csv, TensorBoard/W&B scalar CSV, or step,lr CSV')
    .option('--series <k>', 'which logged learning rate to fit when the log holds several (1 = the first)', '1')
    .option('--json', 'machine-readable output')
    .option('-W, --width <n>', 'chart width in characters (default: the terminal width)')
    .option('-H, --height <n>', 'chart height in lines')
    .option('--no-chart', 'only the numbers')
    .addHelpText('after', examples(['lrviz fit trainer_state.json', 'lrviz fit metrics.csv --series 2', 'lrviz fit lr.csv --json']))
    .action(async (path: string, options: FitOptions) => {
      await fit(catalog, path, options);
    });
}

export async function fit(catalog: CatalogSource, path: string, options: FitOptions): Promise<void> {
  const runs = readLogFile(path, 'fit');
  const k = parsePositiveInteger(options.series ?? '1', '--series');
  if (k > runs.length) throw new LrvizError(`--series ${shown(options.series)} is not allowed; ${path} holds ${runs.length} learning-rate series`);
  const run = runs[k - 1];
  const result = fitLog(await catalog.all(), run);
  // The report is the numbers: the schedule is a function, and its parameters are in rendition.spec already.
  const { schedule: fitted, parameters: _parameters, ...reported } = result;
  ensureFiniteReport(reported, 'fit');
  if (options.json) {
    writeStdout(JSON.stringify({ log: { source: run.source, label: run.label, format: run.format, points: run.steps.length }, ...reported }, null, 2) + '\n');
    return;
  }
  let chart = '';
  const last = run.steps[run.steps.length - 1];
  const steps = Math.max(result.horizon ?? 0, Math.floor(last) + 1);
  if (options.chart && steps > MAX_CHART_STEPS) {
    chart = `(no chart: the schedule spans ${steps} steps; draw a part with lrviz plot -s ${result.rendition.spec} --steps N)\n`;
  } else if (options.chart) {
    // Drawn where the log sits: the fitted schedule shifted by the offset it found.
    const shifted = schedule((i) => fitted.lr(Math.max(0, i - result.offset)));
    const size = parseChartSize(options, true);
    const width = size.width ?? terminalColumns();
    const height = size.height;
    chart = String(
      await render('terminal', {
        curves: [curveOf(shifted, `fit: ${result.rendition.spec}`, steps)],
        logs: [run],
        width,
        height,
        every: 1,
        logY: false,
        color: wantsColor(),
        theme: 'light',
        scale: 1,
      }),
    );
  }
  writeStdout(formatFit(result, run).join('\n') + '\n' + (chart ? `\n${chart}` : ''));
}
