/**
 * What a named schedule is, as a value: its name, its parameters (each with a type, a default and a line of
 * meaning), its formula line and the function that composes it from shapes and combinators. Builtins and
 * dialects export such values; a catalog (../catalog.ts) gathers them, and the notation that reads
 * `-s NAME:key=value` is handed that catalog. Nothing here parses text or knows about a command line.
 *
 * Declaring one: parameters are an ordered record of typed builders, declared once; `build` receives their
 * values typed from that record (`p.lr` is a number, `p.lrr` a compile error, `p.anneal` 'cos' | 'linear').
 *
 *   export const cosineWarmup = define({
 *     name: 'cosine-warmup',
 *     framework: 'torch',                          // omitted for lrviz's own schedules
 *     aliases: ['warmup-cosine'],
 *     summary: 'linear warmup to lr, then a cosine down to min_lr at total',
 *     formula: 'min_lr + (lr - min_lr) * (1 + cos(pi * i/total)) / 2',
 *     params: {
 *       lr: num({ min: 0, default: 1e-3, doc: 'peak learning rate', aliases: ['max_lr'] }),
 *       total: int({ above: 0, ...theRunsSteps, doc: 'horizon' }),
 *       min_lr: num({ min: 0, default: None, doc: 'floor; None: no floor' }),   // p.min_lr: number | undefined
 *       anneal: choice(['cos', 'linear'], { default: 'cos', doc: 'shape' }),
 *     },
 *     build: (p, ctx) => cosine(p.lr, p.min_lr ?? 0, p.total),
 *   });
 *
 * A parameter without `default` is required. `default: None` is the framework's `None`: the value is
 * undefined unless given. Where the framework's default is None but lrviz computes one (`total_steps`
 * from epochs), `acceptsNone: true` says so: `None`/`null` given then means the same as leaving it out. A `noEffect` parameter is accepted but never defaulted (undefined unless given).
 * A computed default says what it comes from in `defaultText`; a field of the run (the plot's `steps`, a
 * RunFacts field) is written in braces, `{steps}/10`, and named by whoever shows it (describeDefault).
 * A parameter declared once can be shared between definitions (`const lr = num({...})`, then `{ lr, ... }`)
 * and varied by spreading (`{ ...lr, doc: '...' }`).
 */
import { asFields, type FieldNamer, type Words } from '../errors.js';
import type { Schedule } from './schedule.js';

/** A schedule as data: `{"type": NAME, ...parameters}`, or `{"symbol": NAME, ...}` nested in a framework's own. */
export interface SpecObject {
  type: string;
  [key: string]: unknown;
}

/** What a parameter holds. The names are those `lrviz list --json` prints. */
export type ParamType = 'number' | 'integer' | 'boolean' | 'string' | 'numbers' | 'schedule' | 'schedules' | 'objects' | 'object' | 'number-or-schedule';

/** Values after reading: the JSON shape of each ParamType. */
export type ParamValue = number | boolean | string | number[] | SpecObject | SpecObject[] | Record<string, unknown>[] | Record<string, unknown>;

/** The parameters known so far when a default is computed: those the user gave, by name. */
export type GivenParams = Readonly<Record<string, ParamValue | undefined>>;

/**
 * What the caller knows about the run besides its length: `stepsPerEpoch` when the scheduler is stepped
 * every update (a framework that counts in epochs itself, timm's t_in_epochs, takes it from here).
 */
export interface RunFacts {
  readonly stepsPerEpoch?: number;
  /** The arithmetic the run computes its schedule in, for dialects whose framework can do either. */
  readonly dtype?: Dtype;
}

/** The float widths a framework may compute a schedule in. */
export type Dtype = 'float32' | 'float64';
export const DTYPES: readonly Dtype[] = ['float64', 'float32'];

/** A default computed from the other parameters and the plot's length; `defaultText` says it in words. */
export type ComputedDefault<T> = (given: GivenParams, steps: number, run: RunFacts) => T;

/** Python's `None` as a default: the parameter stays undefined unless the user gives it. */
export const None: unique symbol = Symbol('None');
export type None = typeof None;

/** Only for types: the value a parameter declaration yields, and whether it may be undefined. */
declare const valueOf: unique symbol;
declare const maybeUndefined: unique symbol;

/** One parameter as declared, without its name (the key it is declared under is its name). */
export interface Param<T extends ParamValue = ParamValue, Optional extends boolean = boolean> {
  readonly type: ParamType;
  /** One line for `lrviz list`. */
  readonly doc: string;
  /** Value when the user gives none; absent: the parameter is required. */
  readonly default?: T | None | ComputedDefault<T>;
  /**
   * The default in words, where printing the value would not say it (computed, or unused). A field of the
   * run it comes from is written in braces (`{steps}/10`, `{dtype}, else float32`): see describeDefault.
   */
  readonly defaultText?: string;
  /** Inclusive lower bound for numbers. */
  readonly min?: number;
  /** Exclusive lower bound for numbers (e.g. lengths that must be > 0). */
  readonly above?: number;
  /** Inclusive upper bound for numbers. */
  readonly max?: number;
  /** Allowed strings. */
  readonly choices?: readonly string[];
  /** Other names the parameter is accepted under (an alias is never listed as its own parameter). */
  readonly aliases?: readonly string[];
  /** The framework's own default is None: `None` or `null` given means the same as leaving it out. */
  readonly acceptsNone?: true;
  /**
   * The framework accepts this parameter but it never reaches the learning rate (a **kwargs that swallows
   * it): why, in one line. Giving it is allowed, as in the framework, and `lrviz check` warns about it.
   */
  readonly noEffect?: string;
  readonly [valueOf]?: T;
  readonly [maybeUndefined]?: Optional;
}

/** A parameter with its name, as the notation, `lrviz list` and `check` see it. */
export type ParamDef = Param & { readonly name: string };

/** Parameters as declared: an ordered record from name to declaration. */
export type ParamDecls = Readonly<Record<string, Param>>;

/** The values `build` receives for a declaration: each parameter's type, undefined where it may be absent. */
export type ParamValues<P extends ParamDecls> = {
  readonly [K in keyof P]: P[K] extends Param<infer T, infer Optional> ? (true extends Optional ? T | undefined : T) : never;
};

export interface BuildContext {
  /** Length of the plot in steps: the default horizon of schedules that take one. */
  readonly steps: number;
  /** Names this schedule in error messages, e.g. `schedule "cosine-warmup"`. */
  readonly where: string;
  /**
   * A one-line error about this schedule's parameters. Words when it names a field of the run (`steps`, a
   * RunFacts field such as `stepsPerEpoch`), so that each caller names that field its own way.
   */
  fail(message: string | Words): never;
  /**
   * Builds a schedule nested in this one (a part of a sequence, a framework's inner scheduler). A nested
   * object may name itself by `symbol` instead of `type`; `framework` then says whose symbol it is.
   */
  nested(spec: SpecObject, path: string, framework?: string): Schedule;
}

/** A named schedule as its author declares it, parameters typed. */
export interface Definition<P extends ParamDecls> {
  /** `cosine-warmup`, or `framework.Symbol` for a dialect. */
  readonly name: string;
  /** Undefined for lrviz's own schedules; `torch`, `hf`, ... for dialects. */
  readonly framework?: string;
  /** Other names it answers to. */
  readonly aliases?: readonly string[];
  /** One line on what it does. */
  readonly summary: string;
  /** The formula, in the notation of `lrviz list`. */
  readonly formula?: string;
  readonly params: P;
  build(p: ParamValues<P>, ctx: BuildContext): Schedule;
}

/** A named schedule as a catalog holds it: parameters in order, each with its name. */
export interface ScheduleDefinition {
  readonly name: string;
  readonly framework?: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly formula?: string;
  readonly params: readonly ParamDef[];
  /** `values` holds every parameter checked and defaulted, by name (absent ones undefined). */
  build(values: Readonly<Record<string, ParamValue | undefined>>, ctx: BuildContext): Schedule;
}

/** A definition as a value the catalog can hold; its parameters keep the order they are declared in. */
export function define<const P extends ParamDecls>(definition: Definition<P>): ScheduleDefinition {
  const { params, build, ...rest } = definition;
  return {
    ...rest,
    params: Object.entries(params).map(([name, param]) => ({ name, ...param })),
    build,
  };
}

// Builders: one per kind of value. Each returns a plain declaration; `default: None` or `noEffect` makes the
// value possibly undefined.

interface Common<T> {
  readonly doc: string;
  readonly default?: T | None | ComputedDefault<T>;
  readonly defaultText?: string;
  readonly aliases?: readonly string[];
  readonly acceptsNone?: true;
  readonly noEffect?: string;
}

interface Bounds {
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
}

/** Whether a declaration leaves its value undefined when not given. */
type MayBeAbsent<O> = O extends { default: None } ? true : O extends { noEffect: string } ? true : false;

/** The run's length as a parameter's default (most horizons take it): spread into a declaration. */
export const theRunsSteps = { default: ((_given, steps) => steps) as ComputedDefault<number>, defaultText: '{steps}' } as const;

/** A finite number, within the bounds given. */
export function num<const O extends Common<number> & Bounds>(options: O): Param<number, MayBeAbsent<O>> {
  return { type: 'number', ...options };
}

/** A whole number, within the bounds given. */
export function int<const O extends Common<number> & Bounds>(options: O): Param<number, MayBeAbsent<O>> {
  return { type: 'integer', ...options };
}

/** true or false (text: true/True/1, false/False/0). */
export function bool<const O extends Common<boolean>>(options: O): Param<boolean, MayBeAbsent<O>> {
  return { type: 'boolean', ...options };
}

/** One of a fixed set of words; the value is typed as that set. */
export function choice<const C extends string, const O extends Common<C>>(choices: readonly C[], options: O): Param<C, MayBeAbsent<O>> {
  return { type: 'string', choices, ...options };
}

/** Any string (a name that does not change the values, such as an op name). */
export function text<const O extends Common<string>>(options: O): Param<string, MayBeAbsent<O>> {
  return { type: 'string', ...options };
}

/** A list of numbers (JSON array, or separated by ";" in text), each within the bounds given. */
export function numbers<const O extends Common<number[]> & Bounds>(options: O): Param<number[], MayBeAbsent<O>> {
  return { type: 'numbers', ...options };
}

/** A schedule nested in this one, as data; `ctx.nested` builds it. */
export function nestedSchedule<const O extends Common<SpecObject>>(options: O): Param<SpecObject, MayBeAbsent<O>> {
  return { type: 'schedule', ...options };
}

/** A non-empty list of nested schedules, as data. */
export function nestedSchedules<const O extends Common<SpecObject[]>>(options: O): Param<SpecObject[], MayBeAbsent<O>> {
  return { type: 'schedules', ...options };
}

/** A JSON object of the framework's own shape (optax's boundaries_and_scales). */
export function object<const O extends Common<Record<string, unknown>>>(options: O): Param<Record<string, unknown>, MayBeAbsent<O>> {
  return { type: 'object', ...options };
}

/** A non-empty list of JSON objects (optax's cosine_kwargs). */
export function objects<const O extends Common<Record<string, unknown>[]>>(options: O): Param<Record<string, unknown>[], MayBeAbsent<O>> {
  return { type: 'objects', ...options };
}

/** A number or a nested schedule in one argument (paddle's LinearWarmup learning_rate). */
export function numberOrSchedule<const O extends Common<number | SpecObject> & Bounds>(options: O): Param<number | SpecObject, MayBeAbsent<O>> {
  return { type: 'number-or-schedule', ...options };
}

/** Whether `None`/`null` may be given for the parameter, meaning the same as leaving it out. */
export function acceptsNone(param: Param): boolean {
  return param.default === None || param.acceptsNone === true;
}

/** A field of the run in a defaultText: `{steps}`, `{stepsPerEpoch}`, `{dtype}`. */
const RUN_FIELD = /\{(\w+)\}/g;

/**
 * How `lrviz list` and errors show a default, with the run's fields named by `name`: `steps/10` to the
 * library, `--steps/10` on the command line.
 */
export function describeDefault(param: Param, name: FieldNamer = asFields): string {
  if (param.defaultText !== undefined) return param.defaultText.replace(RUN_FIELD, (_braced, field: string) => name(field));
  if (param.default === undefined) return 'required';
  if (param.default === None) return 'None';
  if (typeof param.default === 'function') return 'computed';
  return JSON.stringify(param.default);
}

/** A number among the given parameters, for computed defaults (undefined when not given). */
export function givenNumber(given: GivenParams, name: string): number | undefined {
  const value = given[name];
  return typeof value === 'number' ? value : undefined;
}
