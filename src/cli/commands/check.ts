import type { Command } from 'commander';
import type { Catalog } from '../../schedules/catalog.js';
import { checkSchedule, exitStatus, formatJson, formatReport, summarize, type Training } from '../../check/index.js';
import { LrvizError } from '../../errors.js';
import { writeStdout } from '../../io/write-output.js';
import { collect, examples } from '../help.js';
import { loadSeries, parsePositiveInteger, parseSteps } from '../series.js';
import { addSteppingOptions, parseEpochs, parseStepped, parseStepsPerEpoch } from '../stepping.js';

export interface CheckOptions {
  schedule: string[];
  trainSteps?: string;
  epochs?: string;
  stepsPerEpoch?: string;
  stepped?: string;
  gradAccum?: string;
  strict?: boolean;
  json?: boolean;
}

export function registerCheck(program: Command, catalog: Catalog): void {
  const command = program
    .command('check')
    .description('find the schedule mistakes that really happen: wrong horizon, epochs vs steps, lr 0 at the first step, jumps, restarts')
    .option('-s, --schedule <spec>', 'a schedule: NAME:key=value,..., a JSON object, or @file.json (repeat to check several)', collect, [])
    .option('--train-steps <n>', 'optimizer updates the run takes')
    .option('--grad-accum <k>', 'micro-batches per optimizer update (gradient accumulation); steps above count optimizer updates')
    .option('--strict', 'exit 1 on warnings too, not only on errors')
    .option('--json', 'machine-readable report for CI');
  addSteppingOptions(command)
    .addHelpText(
      'after',
      examples([
        'lrviz check -s paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_epoch=5 --train-steps 7820',
        'lrviz check -s torch.CosineAnnealingLR:lr=0.1,T_max=90 --epochs 90 --steps-per-epoch 391 --strict --json',
        'lrviz check -s cosine-warmup:lr=3e-4,warmup=500 --train-steps 10000',
      ]),
    )
    .addHelpText('after', '\nExit status: 0 nothing found (or infos only; warnings too without --strict), 1 errors (or warnings with --strict), 2 bad input.\n')
    .action((options: CheckOptions) => {
      check(catalog, options);
    });
}

export function check(catalog: Catalog, options: CheckOptions): void {
  const training = parseTraining(options);
  const series = loadSeries(catalog, options.schedule, training.schedulerSteps);
  const results = series.map((s) =>
    checkSchedule({ label: s.label, schedule: s.schedule, spec: s.resolved, training, definitionName: s.definition.name, ineffective: s.ineffective }),
  );
  const summary = summarize(results);
  writeStdout(options.json ? formatJson(results, summary, training, series.map((s) => s.resolved)) : formatReport(results, summary, training));
  if (exitStatus(summary, options.strict === true) !== 0) {
    const failing = summary.errors > 0 ? `${summary.errors} error${summary.errors === 1 ? '' : 's'}` : `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} (--strict)`;
    throw new LrvizError(`check failed: ${failing}`, 1);
  }
}

/** The run's length in the unit the scheduler is stepped in; epochs and steps per epoch kept when known. */
export function parseTraining(options: Pick<CheckOptions, 'trainSteps' | 'epochs' | 'stepsPerEpoch' | 'stepped' | 'gradAccum'>): Training {
  const stepped = parseStepped(options.stepped);
  const accumulation = options.gradAccum === undefined ? {} : { gradientAccumulation: parsePositiveInteger(options.gradAccum, '--grad-accum', 1e6) };
  return { ...lengthOf({ ...options, stepped }), ...accumulation };
}

function lengthOf(options: Pick<CheckOptions, 'trainSteps' | 'epochs' | 'stepsPerEpoch'> & { stepped: Training['stepped'] }): Training {
  const stepsPerEpoch = parseStepsPerEpoch(options.stepsPerEpoch);
  if (options.trainSteps !== undefined) {
    if (options.epochs !== undefined) throw new LrvizError('give either --train-steps or --epochs with --steps-per-epoch, not both');
    const steps = parseSteps(options.trainSteps, '--train-steps');
    if (options.stepped === 'epoch') throw new LrvizError('--stepped epoch needs the run in epochs: give --epochs and --steps-per-epoch instead of --train-steps');
    return { schedulerSteps: steps, stepped: 'batch', ...(stepsPerEpoch === undefined ? {} : { stepsPerEpoch, epochs: steps / stepsPerEpoch }) };
  }
  if (options.epochs === undefined) {
    throw new LrvizError('check needs the training length: --train-steps N, or --epochs E with --steps-per-epoch S');
  }
  const run = parseEpochs(options.epochs, stepsPerEpoch);
  return { schedulerSteps: options.stepped === 'epoch' ? run.epochs : run.epochs * run.stepsPerEpoch, stepped: options.stepped, ...run };
}
