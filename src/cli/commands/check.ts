import type { Command } from 'commander';
import type { CatalogSource } from '../catalog-on-demand.js';
import { checkSchedule, CODES, exitStatus, formatJson, formatReport, summarize, type Code, type Training } from '../../check/index.js';
import { bySeverityThenStep, finding } from '../../check/finding.js';
import type { ResolvedConfig } from '../../config/types.js';
import { LrvizError, shown } from '../../errors.js';
import { plural } from '../../text/numbers.js';
import { writeStdout } from '../../io/write-output.js';
import { collect, examples } from '../help.js';
import { addPlanOptions, planInputs, type PlanFlags } from '../plan-flags.js';
import { parsePositiveInteger, parseSteps } from '../flags.js';
import { loadSources, seriesSources, sourcesOf, type Series, type SeriesSource, withPositionalSpecs } from '../series.js';
import { addSteppingOptions, parseEpochs, parseStepped, parseStepsPerEpoch } from '../stepping.js';
import { addDtypeOption } from '../dtype.js';
import { computesInFloat32, float32Twin } from '../float32-twin.js';

export interface CheckOptions extends PlanFlags {
  schedule: string[];
  config?: string[];
  sources?: SeriesSource[];
  steps?: string;
  trainSteps?: string;
  epochs?: string;
  stepsPerEpoch?: string;
  stepped?: string;
  gradAccum?: string;
  strict?: boolean;
  json?: boolean;
  ignore: string[];
}

export function registerCheck(program: Command, catalog: CatalogSource): void {
  const order = seriesSources();
  const command = program
    .command('check')
    .argument('[schedules...]', 'schedules, as with -s: lrviz check cosine-warmup')
    .description('find the schedule mistakes that really happen: wrong horizon, epochs vs steps, lr 0 at the first step, jumps, restarts')
    .option('-s, --schedule <spec>', 'a schedule: NAME:key=value,..., a JSON object, or @file.json (repeat to check several)', order.spec, [])
    .option('-c, --config <file>', 'a training config: the run length it implies is the training length (repeat; mixes with -s)', order.config, [])
    .option('-n, --steps <n>', 'optimizer updates the run takes (as in plot; with --config: overrides the length the config implies)')
    .option('--train-steps <n>', 'the same as --steps')
    .option('--strict', 'exit 1 on warnings too, not only on errors')
    .option('--json', 'machine-readable report for CI')
    .option('--ignore <codes>', 'leave out these findings, e.g. LRV006 or LRV006,LRV009 (repeatable)', collect, []);
  addSteppingOptions(command);
  addDtypeOption(command);
  addPlanOptions(command, { epochFlags: false })
    .addHelpText(
      'after',
      examples([
        'lrviz check -s paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_epoch=5 --train-steps 7820',
        'lrviz check -s torch.CosineAnnealingLR:lr=0.1,T_max=90 --epochs 90 --steps-per-epoch 391 --strict --json',
        'lrviz check -s cosine-warmup:lr=3e-4,warmup=500 --steps 10000',
        'lrviz check -s hf.cosine:lr=3e-4,num_warmup_steps=500,num_training_steps=10000 --steps 10000 --strict --ignore LRV006',
        'lrviz check --config training_args.json --dataset-size 52002 --devices 8',
      ]),
    )
    .addHelpText('after', '\nExit status: 0 nothing found (or infos only; warnings too without --strict), 1 errors (or warnings with --strict), 2 bad input.\n')
    .action(async (schedules: string[], options: CheckOptions) => {
      await check(catalog, withPositionalSpecs(schedules, options, order.sources));
    });
}

export async function check(catalog: CatalogSource, options: CheckOptions): Promise<void> {
  const sources = sourcesOf(options);
  const withConfig = sources.some((s) => s.kind === 'config');
  // Without a config the run's length comes from the flags; with one, from the config (--steps overrides).
  const flagged = withConfig ? undefined : parseTraining(options);
  const given = withConfig ? runLengthFlag(options) : undefined;
  const trainSteps = given === undefined ? undefined : parseSteps(given.text, given.flag);
  const { series } = await loadSources(catalog, sources, {
    flags: { ...options, steps: undefined },
    fallbackRows: 1000,
    rows: flagged?.schedulerSteps ?? trainSteps,
    inputs: () => planInputs(options),
    stack: options.stack,
  });
  const firstConfig = series.find((s) => s.config !== undefined)?.config;
  const trainingOf = (s: Series): Training => flagged ?? configTraining(s.config ?? (firstConfig as ResolvedConfig), trainSteps);
  // A float32 schedule is compared with itself rebuilt in float64, from the catalog that built it.
  const twins = await Promise.all(series.map(async (s) => (computesInFloat32(s) ? float32Twin(await catalog.forSpecs([s.resolved]), s) : undefined)));
  const results = series.map((s, k) => {
    const float32 = twins[k];
    const checked = checkSchedule({
      label: s.label,
      schedule: s.schedule,
      spec: s.resolved,
      training: trainingOf(s),
      definitionName: s.definition.name,
      ineffective: s.ineffective,
      ...(float32 === undefined ? {} : { float32 }),
    });
    return { ...checked, findings: [...configFindings(s.config), ...checked.findings].sort(bySeverityThenStep) };
  });
  const training = trainingOf(series[0]);
  const ignore = parseIgnore(options.ignore);
  const kept = results.map((r) => ({ ...r, findings: r.findings.filter((f) => !ignore.includes(f.code as Code)) }));
  const ignored = { codes: ignore, findings: results.reduce((n, r, k) => n + r.findings.length - kept[k].findings.length, 0) };
  const summary = summarize(kept);
  writeStdout(options.json ? formatJson(kept, summary, training, series.map((s) => s.resolved), ignored) : formatReport(kept, summary, training, ignored));
  if (exitStatus(summary, options.strict === true) !== 0) {
    const failing = summary.errors > 0 ? `${summary.errors} ${plural(summary.errors, 'error')}` : `${summary.warnings} ${plural(summary.warnings, 'warning')} (--strict)`;
    throw new LrvizError(`check failed: ${failing}`, 1);
  }
}

/** `--ignore LRV006,LRV009` (repeatable): codes check knows, in the order given, each once. */
export function parseIgnore(values: readonly string[] = []): Code[] {
  const codes: Code[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const code = part.trim().toUpperCase();
      if (!Object.hasOwn(CODES, code)) {
        throw new LrvizError(`--ignore ${shown(part.trim())} is not allowed; use check's codes, e.g. LRV006 or LRV006,LRV009 (${Object.keys(CODES).join(', ')})`);
      }
      if (!codes.includes(code as Code)) codes.push(code as Code);
    }
  }
  return codes;
}

/** A config's plan as check's training: its length in updates, and its epochs when it counts them. */
function configTraining(config: ResolvedConfig, trainSteps: number | undefined): Training {
  const schedulerSteps = trainSteps ?? config.updates;
  if (schedulerSteps === undefined) throw new LrvizError(`${config.file}: the file does not say how long the run is; give --steps N`);
  return {
    schedulerSteps,
    stepped: 'batch',
    ...(config.stepsPerEpoch === undefined ? {} : { stepsPerEpoch: config.stepsPerEpoch, epochs: schedulerSteps / config.stepsPerEpoch }),
    ...(config.gradientAccumulation === undefined ? {} : { gradientAccumulation: config.gradientAccumulation }),
  };
}

/** What the config showed before any learning rate was computed, as findings. */
function configFindings(config: ResolvedConfig | undefined) {
  return (config?.notes ?? []).map((note) => {
    // A reader's code that check does not know is lrviz's own mistake, never something to pass off under another name.
    if (!Object.hasOwn(CODES, note.code)) throw new Error(`config note with unknown check code ${note.code}`);
    const code = note.code as Code;
    return finding(code, note.step ?? 0, { ...(note.values ?? {}) }, note.message, note.fix);
  });
}

/** The run's length in the unit the scheduler is stepped in; epochs and steps per epoch kept when known. */
export function parseTraining(options: Pick<CheckOptions, 'steps' | 'trainSteps' | 'epochs' | 'stepsPerEpoch' | 'stepped' | 'gradAccum'>): Training {
  const stepped = parseStepped(options.stepped);
  const accumulation = options.gradAccum === undefined ? {} : { gradientAccumulation: parsePositiveInteger(options.gradAccum, '--grad-accum', 1e6) };
  const given = runLengthFlag(options);
  return { ...lengthOf({ ...options, trainSteps: given?.text, stepped }, given?.flag ?? '--steps'), ...accumulation };
}

/** --steps as in plot, or --train-steps, check's older name for it: the one given, with its name; both is an error. */
function runLengthFlag(options: Pick<CheckOptions, 'steps' | 'trainSteps'>): { text: string; flag: string } | undefined {
  if (options.steps !== undefined && options.trainSteps !== undefined) throw new LrvizError('give the run length once: --steps and --train-steps are the same flag');
  if (options.trainSteps !== undefined) return { text: options.trainSteps, flag: '--train-steps' };
  return options.steps === undefined ? undefined : { text: options.steps, flag: '--steps' };
}

function lengthOf(options: Pick<CheckOptions, 'trainSteps' | 'epochs' | 'stepsPerEpoch'> & { stepped: Training['stepped'] }, flag: string): Training {
  const stepsPerEpoch = parseStepsPerEpoch(options.stepsPerEpoch);
  if (options.trainSteps !== undefined) {
    if (options.epochs !== undefined) throw new LrvizError(`give either ${flag} or --epochs with --steps-per-epoch, not both`);
    const steps = parseSteps(options.trainSteps, flag);
    if (options.stepped === 'epoch') {
      // As plot reads it: the run's updates, the scheduler stepped once every --steps-per-epoch of them.
      if (stepsPerEpoch === undefined) throw new LrvizError(`--stepped epoch with ${flag} needs --steps-per-epoch N (optimizer updates per epoch)`);
      return { schedulerSteps: Math.ceil(steps / stepsPerEpoch), stepped: 'epoch', stepsPerEpoch, epochs: steps / stepsPerEpoch };
    }
    return { schedulerSteps: steps, stepped: 'batch', ...(stepsPerEpoch === undefined ? {} : { stepsPerEpoch, epochs: steps / stepsPerEpoch }) };
  }
  if (options.epochs === undefined) {
    throw new LrvizError('check needs the training length: --steps N, or --epochs E with --steps-per-epoch S');
  }
  const run = parseEpochs(options.epochs, stepsPerEpoch);
  return { schedulerSteps: options.stepped === 'epoch' ? run.epochs : run.epochs * run.stepsPerEpoch, stepped: options.stepped, ...run };
}
