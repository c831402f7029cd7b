import type { Command } from 'commander';
import { LrvizError, shown } from '../errors.js';
import { parseNumber } from '../text/decimal.js';
import { LEGEND_PLACEMENTS, type LegendPlacement } from '../render/legend.js';
import type { Mark } from '../render/request.js';
import { stepLabel } from '../render/number-format.js';
import { warmupEnd } from '../curve/warmup-end.js';
import type { Curve } from '../curve/curve.js';
import { visible } from '../visible-text.js';
import type { Series } from './series.js';
import { parseStepsPerEpoch } from './stepping.js';

/** The flags that dress a figure, as commander gives them. */
export interface FigureFlags {
  legend?: string;
  ylim?: string;
  xlim?: string;
  xlabel?: string;
  ylabel?: string;
  x?: string;
  mark?: string;
}

/** What those flags ask of the renderers (RenderRequest fields). */
export interface FigureOptions {
  legend?: LegendPlacement;
  ylim?: readonly [number, number];
  xlim?: readonly [number, number];
  xlabel?: string;
  ylabel?: string;
  xUnit?: 'step' | 'epoch';
  stepsPerEpoch?: number;
  marks?: readonly Mark[];
  markEpochs?: boolean;
}

const MARK_KINDS = ['warmup', 'horizon', 'epochs'] as const;
type MarkKind = (typeof MARK_KINDS)[number];

/** Adds the figure flags to a command that draws pictures (plot, and fit and compare with -o). */
export function addFigureOptions(command: Command): Command {
  return command
    .option('--legend <where>', `pictures: where the legend goes: ${LEGEND_PLACEMENTS.join(', ')} (auto: none for one series, below for several)`)
    .option('--ylim <low,high>', 'learning-rate axis range, e.g. 0,1e-3 (on --log-y, low must be above 0)')
    .option('--xlim <low,high>', 'steps shown, e.g. 0,2000 (epochs with --x epochs); the curves are computed for that range')
    .option('--x <unit>', 'x axis in steps (default) or epochs (needs --steps-per-epoch, or a --config that knows it)')
    .option('--xlabel <text>', 'x axis title (default: step, or epoch)')
    .option('--ylabel <text>', 'learning-rate axis title (default: learning rate)')
    .option('--mark <what>', `thin rules at ${MARK_KINDS.join(', ')} (comma-separated): where each warmup ends, each horizon inside the run, epoch boundaries`);
}

/** What the figure flags need to know about the run: its length, the series drawn, an epoch's steps. */
export interface FigureContext {
  readonly logY: boolean;
  readonly steps: number;
  readonly curves: readonly Curve[];
  /** Each curve's horizon in updates, where its schedule has one. */
  readonly horizons: readonly (number | undefined)[];
  /** --steps-per-epoch, or what a --config says. */
  readonly stepsPerEpoch?: number;
}

/** The figure flags checked: one line naming the flag, the value and what is allowed when not. */
export function parseFigureOptions(flags: FigureFlags, context: FigureContext): FigureOptions {
  const options: FigureOptions = {};
  if (flags.legend !== undefined) {
    if (!(LEGEND_PLACEMENTS as readonly string[]).includes(flags.legend)) {
      throw new LrvizError(`--legend ${shown(flags.legend)} is not allowed; use one of ${LEGEND_PLACEMENTS.join(', ')}`);
    }
    options.legend = flags.legend as LegendPlacement;
  }
  if (flags.ylim !== undefined) options.ylim = parseLimits(flags.ylim, '--ylim', context.logY);
  const xUnit = parseXUnit(flags.x);
  const marks = flags.mark === undefined ? new Set<MarkKind>() : parseMarks(flags.mark);
  const spe = context.stepsPerEpoch;
  if (xUnit === 'epoch' && spe === undefined) throw new LrvizError('--x epochs needs --steps-per-epoch N (optimizer updates per epoch) to know where epochs begin');
  if (marks.has('epochs') && spe === undefined) throw new LrvizError('--mark epochs needs --steps-per-epoch N (optimizer updates per epoch) to know where epochs begin');
  if (spe !== undefined) options.stepsPerEpoch = spe;
  if (xUnit === 'epoch') options.xUnit = 'epoch';
  if (flags.xlim !== undefined) options.xlim = parseStepLimits(flags.xlim, xUnit === 'epoch' ? (spe as number) : 1, context.steps);
  if (flags.xlabel !== undefined) options.xlabel = visible(flags.xlabel);
  if (flags.ylabel !== undefined) options.ylabel = visible(flags.ylabel);
  if (marks.size > 0) options.marks = figureMarks(marks, context);
  if (marks.has('epochs')) options.markEpochs = true;
  return options;
}

function parseXUnit(text: string | undefined): 'step' | 'epoch' {
  if (text === undefined || text === 'step' || text === 'steps') return 'step';
  if (text === 'epoch' || text === 'epochs') return 'epoch';
  throw new LrvizError(`--x ${shown(text)} is not allowed; use steps or epochs`);
}

function parseMarks(text: string): Set<MarkKind> {
  const kinds = new Set<MarkKind>();
  for (const part of text.split(',')) {
    const word = part.trim();
    const kind = word === 'epoch' ? 'epochs' : word;
    if (!(MARK_KINDS as readonly string[]).includes(kind)) throw new LrvizError(`--mark ${shown(text)} is not allowed; use any of ${MARK_KINDS.join(', ')}, comma-separated, e.g. --mark warmup,horizon`);
    kinds.add(kind as MarkKind);
  }
  return kinds;
}

/**
 * Where each warmup ends (read from the curve: the first step at its peak, whatever the schedule calls
 * its warmup) and each horizon that falls inside the run; the same step named once. A warmup's mark
 * belongs to its curve (whose warmup, when there are several), unless curves share the step.
 */
function figureMarks(kinds: ReadonlySet<MarkKind>, context: FigureContext): Mark[] {
  const marks: Mark[] = [];
  const add = (kind: Mark['kind'], step: number | undefined, curve?: number) => {
    if (step === undefined || !(step > 0 && step < context.steps)) return;
    const same = marks.findIndex((mark) => mark.kind === kind && mark.step === step);
    const text = `${kind === 'warmup' ? 'warmup ends' : 'horizon'} ${stepLabel(step)}`;
    if (same >= 0) marks[same] = { kind, step, text };
    else marks.push({ kind, step, text, ...(curve === undefined ? {} : { curve }) });
  };
  if (kinds.has('warmup')) context.curves.forEach((curve, k) => add('warmup', warmupEnd(curve), context.curves.length > 1 ? k : undefined));
  if (kinds.has('horizon')) for (const horizon of context.horizons) add('horizon', horizon);
  return marks;
}

/** `--xlim LOW,HIGH` in the axis' unit, as steps: 0 <= LOW < HIGH, LOW inside the run. */
function parseStepLimits(text: string, unitSteps: number, steps: number): [number, number] {
  const unit = unitSteps === 1 ? 'steps' : 'epochs';
  const [low, high] = parseLimits(text, '--xlim', false, unitSteps === 1 ? '0,2000' : '0,10');
  const allowed = `--xlim takes LOW,HIGH in ${unit}, 0 <= LOW < HIGH, LOW before the run's end (${unitSteps === 1 ? steps : +(steps / unitSteps).toPrecision(6)} ${unit})`;
  if (low < 0 || low * unitSteps >= steps) throw new LrvizError(`--xlim ${shown(text)} is not allowed; ${allowed}`);
  return [low * unitSteps, high * unitSteps];
}

/** `LOW,HIGH`: two finite numbers, LOW below HIGH (and above 0 on a log axis). */
export function parseLimits(text: string, flag: string, positive: boolean, example = positive ? '1e-6,1e-2' : '0,1e-3'): [number, number] {
  const parts = text.split(',');
  const [low, high] = parts.map((part) => parseNumber(part.trim()));
  const allowed = `${flag} takes LOW,HIGH, two numbers with LOW below HIGH${positive ? ' and LOW above 0 (the axis is logarithmic)' : ''}, e.g. ${flag} ${example}`;
  if (parts.length !== 2 || low === undefined || high === undefined || !(low < high) || (positive && !(low > 0))) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${allowed}`);
  }
  return [low, high];
}

/** What the figure flags need: the run's length, its curves and horizons, an epoch's steps if known. */
export function figureContext(options: { logY?: boolean; stepsPerEpoch?: string }, series: readonly Series[], steps: number): FigureContext {
  const stepsPerEpoch = parseStepsPerEpoch(options.stepsPerEpoch) ?? series.find((s) => s.config?.stepsPerEpoch !== undefined)?.config?.stepsPerEpoch;
  return { logY: options.logY === true, steps, curves: series.map((s) => s.curve), horizons: series.map((s) => s.schedule.horizon), stepsPerEpoch };
}
