/**
 * How often the scheduler is stepped, and how many rows a command computes: the flags `--stepped`,
 * `--steps-per-epoch`, `--epochs` and `--steps`, read the same way by plot, compare and check.
 */
import type { Command } from 'commander';
import { LrvizError, shown } from '../errors.js';
import { MAX_STEPS, parsePositiveInteger, parseSteps } from './flags.js';

export type SteppedUnit = 'batch' | 'epoch';

export interface SteppingFlags {
  steps?: string;
  epochs?: string;
  stepsPerEpoch?: string;
  stepped?: string;
  /** --dtype: how the run computes its schedule (loadSources reads it into the series' facts). */
  dtype?: string;
}

/** The rows of output and the scheduler's own step count, in one place. */
export interface RunLength {
  /** Rows of output: optimizer updates 0 .. rows-1. */
  readonly rows: number;
  /**
   * Steps the scheduler itself takes over the run (its default horizon): updates when stepped per batch,
   * epochs when stepped per epoch.
   */
  readonly schedulerSteps: number;
  readonly stepped: SteppedUnit;
  readonly stepsPerEpoch?: number;
  readonly epochs?: number;
}

/** The three flags, worded the same on every command that takes them. */
export function addSteppingOptions(command: Command): Command {
  return command
    .option('--stepped <unit>', 'how often the scheduler is stepped: batch (every update) or epoch (held for --steps-per-epoch updates)')
    .option('--steps-per-epoch <n>', 'optimizer updates per epoch (batches / gradient accumulation)')
    .option('--epochs <n>', 'epochs the run takes (with --steps-per-epoch)');
}

export function parseStepped(text: string | undefined): SteppedUnit {
  const value = text ?? 'batch';
  if (value !== 'batch' && value !== 'epoch') throw new LrvizError(`--stepped ${shown(value)} is not allowed; use batch or epoch`);
  return value;
}

/** `--steps-per-epoch`, when given. */
export function parseStepsPerEpoch(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parsePositiveInteger(text, '--steps-per-epoch', MAX_STEPS);
}

/** `--epochs E` with the `--steps-per-epoch S` it needs, E × S capped. */
export function parseEpochs(text: string, stepsPerEpoch: number | undefined): { epochs: number; stepsPerEpoch: number } {
  const epochs = parsePositiveInteger(text, '--epochs', MAX_STEPS);
  if (stepsPerEpoch === undefined) throw new LrvizError(`--epochs ${epochs} needs --steps-per-epoch S (optimizer updates per epoch) to know how many steps the run takes`);
  if (epochs * stepsPerEpoch > MAX_STEPS) throw new LrvizError(`--epochs ${epochs} × --steps-per-epoch ${stepsPerEpoch} is more than ${MAX_STEPS} steps`);
  return { epochs, stepsPerEpoch };
}

/**
 * plot's and compare's reading: rows from `--steps`, else epochs × steps per epoch, else `fallbackRows`.
 * `--steps` changes only the rows, never the scheduler's default horizon, which is the run's length.
 */
export function parseRunLength(flags: SteppingFlags, fallbackRows: number): RunLength {
  const stepped = parseStepped(flags.stepped);
  const stepsPerEpoch = parseStepsPerEpoch(flags.stepsPerEpoch);
  if (stepped === 'epoch' && stepsPerEpoch === undefined) {
    throw new LrvizError('--stepped epoch needs --steps-per-epoch N (optimizer updates per epoch): each epoch holds its value for N updates');
  }
  const epochs = flags.epochs === undefined ? undefined : parseEpochs(flags.epochs, stepsPerEpoch).epochs;
  const updates = epochs !== undefined && stepsPerEpoch !== undefined ? epochs * stepsPerEpoch : undefined;
  const rows = flags.steps !== undefined ? parseSteps(flags.steps) : (updates ?? fallbackRows);
  const known = { ...(stepsPerEpoch === undefined ? {} : { stepsPerEpoch }), ...(epochs === undefined ? {} : { epochs }) };
  if (stepped === 'epoch') return { rows, schedulerSteps: epochs ?? Math.ceil(rows / (stepsPerEpoch as number)), stepped, ...known };
  return { rows, schedulerSteps: updates ?? rows, stepped, ...known };
}
