/**
 * Reading typed values out of a parsed config: every wrong type is one line naming the file and the key.
 * Configs hold numbers as numbers, as strings ("2e-5" from PyYAML-era files) or as "auto" (DeepSpeed):
 * each reader says which it accepts.
 */
import { parseNumber } from '../text/decimal.js';
import { LrvizError, shown } from '../errors.js';

export type ConfigObject = Record<string, unknown>;

export function isObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads keys of one object (`scheduler.params` of ds_config.json), errors naming `file: path.key`. */
export class Keys {
  constructor(
    readonly name: string,
    readonly object: ConfigObject,
    /** Dotted path of this object inside the file, '' at the top. */
    readonly path = '',
  ) {}

  where(key: string): string {
    return `${this.name}: ${this.path === '' ? key : `${this.path}.${key}`}`;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.object, key) && this.object[key] !== null && this.object[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.has(key) ? this.object[key] : undefined;
  }

  /** A number (or a numeric string); `fallback` when the key is absent or null. */
  number(key: string, fallback?: number): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? parseNumber(value.trim()) : undefined;
    if (parsed === undefined || !Number.isFinite(parsed)) throw new LrvizError(`${this.where(key)} is ${shown(value)}; expected a number`);
    return parsed;
  }

  /** A number that must be present. */
  required(key: string): number {
    const value = this.number(key);
    if (value === undefined) throw new LrvizError(`${this.where(key)} is missing; the schedule needs it`);
    return value;
  }

  integer(key: string, fallback?: number): number | undefined {
    const value = this.number(key, fallback);
    if (value !== undefined && !Number.isInteger(value)) throw new LrvizError(`${this.where(key)} is ${value}; expected a whole number`);
    return value;
  }

  string(key: string, fallback?: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'string') throw new LrvizError(`${this.where(key)} is ${shown(value)}; expected a string`);
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'True') return true;
    if (value === 'false' || value === 'False') return false;
    throw new LrvizError(`${this.where(key)} is ${shown(value)}; expected true or false`);
  }

  /** A nested object; undefined when absent. */
  child(key: string): Keys | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isObject(value)) throw new LrvizError(`${this.where(key)} is ${shown(value)}; expected an object`);
    return new Keys(this.name, value, this.path === '' ? key : `${this.path}.${key}`);
  }
}
