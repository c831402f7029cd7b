import { LrvizError, shown } from '../errors.js';

/** What a parameter holds. Numbers unless a schedule says otherwise. */
export type ParamType = 'number' | 'integer' | 'boolean' | 'string' | 'numbers' | 'schedule' | 'schedules' | 'objects' | 'object' | 'number-or-schedule';

/** Values after reading: the JSON shape of each ParamType. */
export type ParamValue = number | boolean | string | number[] | SpecObject | SpecObject[] | Record<string, unknown>[] | Record<string, unknown>;

/** A spec as data: `{"type": NAME, ...parameters}`. */
export interface SpecObject {
  type: string;
  [key: string]: unknown;
}

export interface ParamDef {
  name: string;
  type: ParamType;
  /** One line for `lrviz list`. */
  doc: string;
  /**
   * Value when the user gives none. A function computes it from the other parameters and the plot
   * length; `defaultText` then says in words what it is. Absent: the parameter is required.
   */
  default?: ParamValue | ((given: Readonly<Record<string, ParamValue>>, steps: number) => ParamValue);
  defaultText?: string;
  /** Inclusive lower bound for numbers. */
  min?: number;
  /** Exclusive lower bound for numbers (e.g. lengths that must be > 0). */
  above?: number;
  /** Inclusive upper bound for numbers. */
  max?: number;
  /** Allowed strings. */
  choices?: readonly string[];
  /** Other names the parameter is accepted under (an alias is never listed as its own parameter). */
  aliases?: readonly string[];
  /**
   * The framework accepts this parameter but it never reaches the learning rate (a **kwargs that swallows
   * it): why, in one line. Giving it is allowed, as in the framework, and `lrviz check` warns about it.
   */
  noEffect?: string;
}

/** How `lrviz list` and errors show a default. */
export function describeDefault(def: ParamDef): string {
  if (def.defaultText !== undefined) return def.defaultText;
  if (def.default === undefined) return 'required';
  if (typeof def.default === 'function') return 'computed';
  return JSON.stringify(def.default);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number as a user writes it in a text spec: decimal or scientific, finite. Rejects what `Number()`
 * would quietly accept (hex, "", whitespace, "Infinity"). -0 reads as 0 so that no "-0" is ever printed.
 */
export function parseNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? 0 : value;
}

/** Checks one user-given value against its definition and returns it in its ParamType's shape. */
export function readParam(where: string, def: ParamDef, raw: unknown): ParamValue {
  const bad = (allowed: string): never => {
    // Text-spec values are strings: show them as typed, quoted only where they would not read as one token.
    const given = typeof raw === 'string' && /^[^\s,"=]+$/.test(raw) ? raw : shown(raw);
    throw new LrvizError(`${where}: ${def.name}=${given} is not allowed; ${def.name} must be ${allowed}`);
  };
  switch (def.type) {
    case 'number':
    case 'integer': {
      let value: number | undefined;
      if (typeof raw === 'number') value = Number.isFinite(raw) ? (raw === 0 ? 0 : raw) : undefined;
      else if (typeof raw === 'string') value = parseNumber(raw.trim());
      const integer = def.type === 'integer';
      if (value === undefined || (integer && !Number.isInteger(value))) bad(numberRange(def));
      const v = value as number;
      if ((def.min !== undefined && v < def.min) || (def.above !== undefined && v <= def.above) || (def.max !== undefined && v > def.max)) {
        bad(numberRange(def));
      }
      return v;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'True' || raw === '1') return true;
      if (raw === 'false' || raw === 'False' || raw === '0') return false;
      return bad('true or false');
    }
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad(def.choices ? `one of ${def.choices.join(', ')}` : 'a string');
      const value = String(raw);
      if (def.choices && !def.choices.includes(value)) return bad(`one of ${def.choices.join(', ')}`);
      return value;
    }
    case 'numbers': {
      const list = typeof raw === 'string' ? raw.split(/[;\s]+/).filter((s) => s !== '') : raw;
      if (!Array.isArray(list)) return bad('a list of numbers (JSON array, or separated by ";")');
      return list.map((item) => readParam(where, { ...def, type: 'number' }, item) as number);
    }
    case 'schedule': {
      if (!isSpecObject(raw)) return bad('a nested schedule {"type": ..., ...} (use the JSON form)');
      return raw as SpecObject;
    }
    case 'schedules': {
      if (!Array.isArray(raw) || raw.length === 0 || !raw.every(isSpecObject)) {
        return bad('a non-empty list of schedules [{"type": ...}, ...] (use the JSON form)');
      }
      return raw as SpecObject[];
    }
    case 'objects': {
      if (!Array.isArray(raw) || raw.length === 0 || !raw.every(isPlainObject)) return bad('a non-empty list of objects (use the JSON form)');
      return raw as Record<string, unknown>[];
    }
    case 'object': {
      if (!isPlainObject(raw)) return bad('a JSON object {...} (use the JSON form)');
      return raw;
    }
    case 'number-or-schedule': {
      // A framework that takes a number or a scheduler in one argument (paddle's LinearWarmup learning_rate).
      if (isPlainObject(raw)) return isSpecObject(raw) ? (raw as SpecObject) : bad('a number or a nested schedule {"type": ...}');
      return readParam(where, { ...def, type: 'number' }, raw);
    }
  }
}

function numberRange(def: ParamDef): string {
  const kind = def.type === 'integer' ? 'a whole number' : 'a finite number';
  const bounds: string[] = [];
  if (def.above !== undefined) bounds.push(`> ${def.above}`);
  if (def.min !== undefined) bounds.push(`>= ${def.min}`);
  if (def.max !== undefined) bounds.push(`<= ${def.max}`);
  return bounds.length ? `${kind} ${bounds.join(' and ')}` : kind;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSpecObject(value: unknown): boolean {
  return isPlainObject(value) && (typeof value.type === 'string' || typeof value.symbol === 'string');
}
