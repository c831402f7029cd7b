import { LrvizError, shown } from '../errors.js';
import type { ParamDef, ParamValue, SpecObject } from '../schedules/definition.js';
import { isPlainObject } from '../json.js';
import { parseNumber } from '../text/decimal.js';

/** Checks one user-given value against its definition and returns it in its ParamType's shape. */
export function readParam(where: string, def: ParamDef, raw: unknown): ParamValue {
  const bad = (allowed: string): never => {
    // Text-spec values are strings: show them as typed, quoted only where they would not read as one token.
    const given = typeof raw === 'string' && raw.length <= 60 && /^[^\s,"=]+$/.test(raw) ? raw : shown(raw);
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

function isSpecObject(value: unknown): boolean {
  return isPlainObject(value) && (typeof value.type === 'string' || typeof value.symbol === 'string');
}
