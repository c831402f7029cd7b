/**
 * The training plan: the run's length in optimizer updates, updates per epoch and warmup, each derived
 * number recorded with its rule and the key it came from, and every assumption made on the way. Stack
 * readers derive with these helpers so that `lrviz resolve` can show the arithmetic exactly as it was done.
 */
import { asFields, FieldError, type FieldNamer, type Words } from '../errors.js';
import { count as countForPeople } from '../text/numbers.js';
import type { ConfigNote, Derivation, PlanInputs, ResolveContext } from './types.js';

/**
 * Text a reader hands the plan: plain, or worded around the plan's fields (`datasetSize`, `devices`, ...)
 * when it tells the user what to give, so that each caller names them in its own terms.
 */
export type Wording = string | Words;

function wordedWith(text: Wording, name: FieldNamer): string {
  return typeof text === 'string' ? text : text(name);
}

/**
 * 6504 -> "6,504", as every report prints counts; a fraction exactly as JavaScript prints it (0.03), since a
 * rule shows the arithmetic as it was done, not rounded for reading.
 */
export function count(value: number): string {
  return Number.isInteger(value) ? countForPeople(value) : String(value);
}

/**
 * Collects what a reader derives and assumes about one config. What it records is worded with the field
 * names its caller handed in (the CLI: its flags); what it refuses is a FieldError, named by whoever prints it.
 */
export class Plan {
  readonly derivations: Derivation[] = [];
  readonly assumptions: string[] = [];
  readonly notes: ConfigNote[] = [];
  readonly inputs: PlanInputs;
  readonly #fieldName: FieldNamer;

  constructor(
    /** The config's file name, for error messages. */
    readonly name: string,
    context: Pick<ResolveContext, 'inputs' | 'fieldName'>,
  ) {
    this.inputs = context.inputs;
    this.#fieldName = context.fieldName ?? asFields;
  }

  /** The text with the plan's fields named as the caller names them. */
  worded(text: Wording): string {
    return wordedWith(text, this.#fieldName);
  }

  /** Records a derived number and returns it. */
  derive(what: string, value: number, rule: string, source: Wording): number {
    this.derivations.push({ what, value, rule, source: this.worded(source) });
    return value;
  }

  assume(text: Wording): void {
    const worded = this.worded(text);
    if (!this.assumptions.includes(worded)) this.assumptions.push(worded);
  }

  note(note: Omit<ConfigNote, 'fix'> & { fix: Wording }): void {
    this.notes.push({ ...note, fix: this.worded(note.fix) });
  }

  /**
   * LRV105: the config asks for no warmup, so the first update runs at the full learning rate (`lrName`);
   * `fix` is the stack's own key set to 1% of the run (`warmup` steps).
   */
  noWarmup(lrName: string, fix: (warmup: number) => string, updates: number): void {
    const warmup = Math.max(1, Math.round(updates * 0.01));
    this.note({ code: 'LRV105', message: `no warmup: the first update runs at the full ${lrName}`, fix: `${fix(warmup)} (1% of the run)` });
  }

  /** A one-line exit-2 error naming this config, its fields named by whoever prints it. */
  fail(message: Wording): never {
    throw new FieldError((name) => `${this.name}: ${wordedWith(message, name)}`);
  }

  /** Data-parallel processes: the `devices` given, else 1 (recorded as an assumption). */
  devices(): number {
    if (this.inputs.devices !== undefined) return this.inputs.devices;
    this.assume((name) => `1 data-parallel process (give ${name('devices')} N for more)`);
    return 1;
  }

  /** The caller's `field` (epochs, gradAccum), when given, overrides the config's `key`; says so. */
  overridden(field: 'epochs' | 'gradAccum', key: string, fromConfig: number): number {
    const given = this.inputs[field];
    if (given === undefined) return fromConfig;
    if (given !== fromConfig) this.assume((name) => `${name(field)} ${given} overrides ${key}: ${fromConfig}`);
    return given;
  }

  /**
   * The training examples when the length depends on them: the `datasetSize` given, else the one-line
   * error that says what to give (`trains 3 epochs: give datasetSize ... or stepsPerEpoch`).
   */
  datasetSize(why: string): number {
    return this.inputs.datasetSize ?? this.askForDatasetSize(why);
  }

  /** The one-line error for a length that depends on the dataset: `${why}: give datasetSize ... or stepsPerEpoch`. */
  askForDatasetSize(why: string): never {
    return this.fail((name) => `${why}: give ${name('datasetSize')} (training examples) or ${name('stepsPerEpoch')}`);
  }

  /** `updates/epoch` as given (`stepsPerEpoch`), overriding the stack's derivation. */
  givenStepsPerEpoch(what = 'updates/epoch', source: Wording = (name) => name('stepsPerEpoch')): number | undefined {
    const given = this.inputs.stepsPerEpoch;
    return given === undefined ? undefined : this.derive(what, given, 'given', source);
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
