import { curveOf, type Curve } from '../curve/curve.js';
import { LrvizError, prefixed } from '../errors.js';
import { buildSchedule, type BuiltSchedule } from '../notation/build.js';
import { parseSpecArgument, type ParsedSpec } from '../notation/parse.js';
import { perEpoch } from '../schedules/combinators/per-epoch.js';
import type { Catalog } from '../schedules/catalog.js';
import type { CatalogSource } from './catalog-on-demand.js';
import { flagOf, parseSteps } from './flags.js';
import { parseRunLength, parseStepped, parseStepsPerEpoch, type RunLength, type SteppingFlags } from './stepping.js';
import { parseDtype } from './dtype.js';
import type { RunFacts, SpecObject } from '../schedules/definition.js';
import type { Schedule } from '../schedules/schedule.js';
import type { PageSeries } from '../render/page/payload.js';
import { visible } from '../visible-text.js';
import type { PlanInputs, ResolvedConfig } from '../config/types.js';

export interface Series extends BuiltSchedule {
  label: string;
  curve: Curve;
  /** The config file the series was resolved from (--config), with its plan. */
  config?: ResolvedConfig;
}

function requireSchedules(count: number): void {
  if (count === 0) throw new LrvizError('no schedule given; add one with -s/--schedule, e.g. -s cosine-warmup (lrviz list shows them all)');
}

/** One series as the user asked for it: a `-s` spec or a `--config` file. */
export type SeriesSource = { kind: 'spec'; text: string } | { kind: 'config'; file: string };

/**
 * Commander keeps -s and --config in two lists; series follow the command line's order, so both options
 * also record into one shared list. Made per command registration, so per run.
 */
export function seriesSources(): { sources: SeriesSource[]; spec: (value: string, previous: string[]) => string[]; config: (value: string, previous: string[]) => string[] } {
  const sources: SeriesSource[] = [];
  return {
    sources,
    spec: (text, previous) => {
      sources.push({ kind: 'spec', text });
      return [...previous, text];
    },
    config: (file, previous) => {
      sources.push({ kind: 'config', file });
      return [...previous, file];
    },
  };
}

/** The sources a command's options name: in command-line order when recorded, else -s then --config. */
export function sourcesOf(options: { schedule: readonly string[]; config?: readonly string[]; sources?: readonly SeriesSource[] }): SeriesSource[] {
  if (options.sources !== undefined && options.sources.length === options.schedule.length + (options.config?.length ?? 0)) return [...options.sources];
  return [...options.schedule.map((text) => ({ kind: 'spec' as const, text })), ...(options.config ?? []).map((file) => ({ kind: 'config' as const, file }))];
}

export interface LoadedSeries {
  series: Series[];
  /** Rows of output: --steps, else the longest run a config implies, else the stepping flags' or the default. */
  steps: number;
}

/**
 * Every source in order, parsed and built before anything is drawn or written: one bad spec stops the
 * command with nothing produced. Labels default to what the user typed, made unique. Without --config
 * the stepping flags give the run's length (each schedule's default horizon too; stepped per epoch, each
 * is built over the scheduler's steps and held for the updates of each epoch). With one, the configs are
 * resolved first (the run lengths they imply decide the rows; the plan flags go to
 * them), then each source is built; the config code is loaded only when a config is named.
 */
export async function loadSources(
  catalogs: CatalogSource,
  sources: readonly SeriesSource[],
  options: { flags: SteppingFlags; fallbackRows: number; rows?: number; inputs: () => PlanInputs; stack?: string },
): Promise<LoadedSeries> {
  const configFiles = sources.filter((s): s is { kind: 'config'; file: string } => s.kind === 'config');
  const resolved = new Map<SeriesSource, ResolvedConfig>();
  let run: RunLength;
  if (configFiles.length === 0) {
    run = options.rows !== undefined ? givenRows(options.rows, options.flags) : parseRunLength(options.flags, options.fallbackRows);
  } else {
    if (options.flags.stepped !== undefined && options.flags.stepped !== 'batch') {
      throw new LrvizError('--stepped applies to -s schedules alone; a --config says itself how often its scheduler is stepped');
    }
    const { resolveConfigFile } = await import('../config/index.js');
    const inputs = options.inputs();
    for (const source of configFiles) resolved.set(source, await resolveConfigFile(source.file, { inputs, stack: options.stack, fieldName: flagOf }));
    let rows = options.rows ?? (options.flags.steps === undefined ? undefined : parseSteps(options.flags.steps));
    if (rows === undefined) {
      for (const config of resolved.values()) {
        if (config.updates === undefined) throw new LrvizError(`${fileName(config.file)}: the file does not say how long the run is; give --steps N (or --epochs with --steps-per-epoch)`);
        rows = Math.max(rows ?? 0, config.updates);
      }
    }
    run = { rows: rows as number, schedulerSteps: rows as number, stepped: 'batch', ...(inputs.stepsPerEpoch === undefined ? {} : { stepsPerEpoch: inputs.stepsPerEpoch }) };
  }
  // Read once, after the run's length (whose errors come first) and before any schedule is asked for.
  const dtype = parseDtype(options.flags.dtype);
  requireSchedules(sources.length);
  // Specs are parsed before anything is built: the catalog loads only the frameworks they name.
  const parsed = new Map<SeriesSource, ParsedSpec[]>();
  for (const source of sources) if (source.kind === 'spec') parsed.set(source, parseSpecArgument(source.text, '--schedule'));
  const catalog = await catalogs.forSpecs([...[...parsed.values()].flat().map((p) => p.spec), ...[...resolved.values()].map((c) => c.spec)]);
  const unique = labeller();
  const facts: RunFacts = dtype === undefined ? {} : { dtype };
  const series = sources.flatMap((source) => {
    const config = resolved.get(source);
    return config === undefined ? specSeries(catalog, parsed.get(source)!, run, facts, unique) : [configSeries(catalog, config, run.rows, unique, facts)];
  });
  return { series, steps: run.rows };
}

/**
 * Rows a command fixed itself (check's training length, counted in the scheduler's own steps): stepped per
 * update, --steps-per-epoch still tells a framework that counts epochs itself how long one is.
 */
function givenRows(rows: number, flags: SteppingFlags): RunLength {
  const stepsPerEpoch = parseStepped(flags.stepped) === 'batch' ? parseStepsPerEpoch(flags.stepsPerEpoch) : undefined;
  return { rows, schedulerSteps: rows, stepped: 'batch', ...(stepsPerEpoch === undefined ? {} : { stepsPerEpoch }) };
}

/** A config's series: its spec built over its own run, held per epoch when its scheduler steps per epoch. */
function configSeries(catalog: Catalog, config: ResolvedConfig, rows: number, unique: (wanted: string) => string, facts: RunFacts): Series {
  const rebuild: Rebuild = { schedulerSteps: config.stepped?.schedulerSteps ?? config.updates ?? rows, stepsPerEpoch: config.stepped?.stepsPerEpoch ?? 1, facts };
  let held: ReturnType<typeof buildHeld>;
  try {
    held = buildHeld(catalog, config.spec, rebuild);
  } catch (error) {
    if (error instanceof LrvizError) throw prefixed(fileName(config.file), error);
    throw error;
  }
  const { built, schedule } = held;
  const label = unique(visible(fileName(config.file)));
  return { ...built, schedule, label, curve: curveOf(schedule, label, rows, { spec: built.resolved, rebuild }), config };
}

/** Labels made unique in order of appearance: the second "cosine" is "cosine #2". */
function labeller(): (wanted: string) => string {
  const seen = new Map<string, number>();
  return (wanted) => {
    const count = (seen.get(wanted) ?? 0) + 1;
    seen.set(wanted, count);
    return count === 1 ? wanted : `${wanted} #${count}`;
  };
}

/** The series of one `-s` argument (an @file may hold several); labels default to what the user typed. */
function specSeries(catalog: Catalog, specs: readonly ParsedSpec[], run: RunLength, runFacts: RunFacts, unique: (wanted: string) => string): Series[] {
  const { rows, schedulerSteps } = run;
  const holdFor = run.stepped === 'epoch' ? (run.stepsPerEpoch ?? 1) : 1;
  // Held per epoch here, the schedule itself counts scheduler steps: only a per-update run tells it the epoch's length.
  const facts: RunFacts = { ...(run.stepped === 'batch' && run.stepsPerEpoch !== undefined ? { stepsPerEpoch: run.stepsPerEpoch } : {}), ...runFacts };
  const rebuild: Rebuild = { schedulerSteps, stepsPerEpoch: holdFor, facts };
  return specs.map(({ spec, source }) => {
    const { built, schedule } = buildHeld(catalog, spec, rebuild);
    const label = unique(visible(typeof spec.label === 'string' && spec.label !== '' ? spec.label : source));
    return { ...built, schedule, label, curve: curveOf(schedule, label, rows, { spec: built.resolved, rebuild }) };
  });
}

/**
 * How a series was built, kept with its curve (curve.meta.rebuild) so that check and the HTML page can
 * build it again: over the scheduler's steps, each held for an epoch's updates, with the run's facts.
 */
export type Rebuild = NonNullable<PageSeries['rebuild']>;

/** The spec built as `rebuild` says: the schedule as built, and held per epoch as the series draws it. */
export function buildHeld(catalog: Catalog, spec: SpecObject, rebuild: Rebuild): { built: BuiltSchedule; schedule: Schedule } {
  const built = buildSchedule(catalog, spec, rebuild.schedulerSteps, 'schedule', rebuild.facts);
  return { built, schedule: perEpoch(built.schedule, rebuild.stepsPerEpoch) };
}

function fileName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** `lrviz plot cosine-warmup`: specs given without -s come first, as if each had its -s. */
export function withPositionalSpecs<O extends { schedule: string[] }>(specs: readonly string[], options: O, sources: readonly SeriesSource[]): O & { sources: SeriesSource[] } {
  return { ...options, schedule: [...specs, ...options.schedule], sources: [...specs.map((text) => ({ kind: 'spec' as const, text })), ...sources] };
}
