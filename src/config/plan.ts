/**
 * The training plan: the run's length in optimizer updates, updates per epoch and warmup, each derived
 * number recorded with its rule and the key it came from, and every assumption made on the way. Stack
 * readers derive with these helpers so that `lrviz resolve` can show the arithmetic exactly as it was done.
 */
import { LrvizError } from '../errors.js';
import { count as countForPeople } from '../text/numbers.js';
import type { ConfigNote, Derivation, PlanInputs } from './types.js';

/**
 * 6504 -> "6,504", as every report prints counts; a fraction exactly as JavaScript prints it (0.03), since a
 * rule shows the arithmetic as it was done, not rounded for reading.
 */
export function count(value: number): string {
  return Number.isInteger(value) ? countForPeople(value) : String(value);
}

/** Collects what a reader derives and assumes about one config. */
export class Plan {
  readonly derivations: Derivation[] = [];
  readonly assumptions: string[] = [];
  readonly notes: ConfigNote[] = [];

  constructor(
    /** The config's file name, for error messages. */
    readonly name: string,
    readonly inputs: PlanInputs,
  ) {}

  /** Records a derived number and returns it. */
  derive(what: string, value: number, rule: string, source: string): number {
    this.derivations.push({ what, value, rule, source });
    return value;
  }

  assume(text: string): void {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }

  note(note: ConfigNote): void {
    this.notes.push(note);
  }

  /**
   * LRV105: the config asks for no warmup, so the first update runs at the full learning rate (`lrName`);
   * `fix` is the stack's own key set to 1% of the run (`warmup` steps).
   */
  noWarmup(lrName: string, fix: (warmup: number) => string, updates: number): void {
    const warmup = Math.max(1, Math.round(updates * 0.01));
    this.note({ code: 'LRV105', message: `no warmup: the first update runs at the full ${lrName}`, fix: `${fix(warmup)} (1% of the run)` });
  }

  /** A one-line exit-2 error naming this config. */
  fail(message: string): never {
    throw new LrvizError(`${this.name}: ${message}`);
  }

  /** Data-parallel processes: --devices, else 1 (recorded as an assumption). */
  devices(): number {
    if (this.inputs.devices !== undefined) return this.inputs.devices;
    this.assume('1 data-parallel process (give --devices N for more)');
    return 1;
  }

  /** A flag's value overrides the config's key; says so. */
  overridden<T>(flag: string, given: T | undefined, key: string, fromConfig: T): T {
    if (given === undefined) return fromConfig;
    if (given !== fromConfig) this.assume(`${flag} ${given} overrides ${key}: ${fromConfig}`);
    return given;
  }

  /**
   * The training examples when the length depends on them: --dataset-size, else the one-line error that
   * says which flag to give (`trains 3 epochs: give --dataset-size ... or --steps-per-epoch`).
   */
  datasetSize(why: string): number {
    if (this.inputs.datasetSize !== undefined) return this.inputs.datasetSize;
    return this.fail(`${why}: give --dataset-size (training examples) or --steps-per-epoch`);
  }
}

/** a / b rounded up or down, for whole numbers. */
export function divide(a: number, b: number, round: 'up' | 'down'): number {
  return round === 'up' ? Math.ceil(a / b) : Math.floor(a / b);
}

/** `ceil(13,001 / 8)` or `floor(...)`. */
export function divisionRule(a: number | string, b: number | string, round: 'up' | 'down'): string {
  const show = (x: number | string) => (typeof x === 'number' ? count(x) : x);
  return `${round === 'up' ? 'ceil' : 'floor'}(${show(a)} / ${show(b)})`;
}
