import { LrvizError, shown } from '../errors.js';
import { parseNumber } from '../text/decimal.js';

/** Longest curve lrviz agrees to compute: far beyond any training run, well inside exact integers. */
export const MAX_STEPS = 1e12;

/** `--steps`: a positive whole number, written plainly or as 1e6. */
export function parseSteps(text: string, flag = '--steps'): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_STEPS) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${flag} must be a whole number from 1 to ${MAX_STEPS}`);
  }
  return value;
}

/** A positive whole number option (`--every`, `--width`, ...). */
export function parsePositiveInteger(text: string, flag: string, max = 1e9): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > max) {
    throw new LrvizError(`${flag} ${shown(text)} is not allowed; ${flag} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/** Fields whose flag is not their name in kebab case: the plan's `legacy` rules are asked for by --old-rule. */
const FLAGS_NAMED_OTHERWISE: Readonly<Record<string, string>> = { legacy: '--old-rule' };

/**
 * The flag that sets a field lower floors name in their messages (FieldError, a renderer's note, a
 * config's derivations and assumptions): the one place where `width` becomes `--width`, `logY` becomes
 * `--log-y` and `datasetSize` `--dataset-size`.
 */
export function flagOf(field: string): string {
  if (Object.hasOwn(FLAGS_NAMED_OTHERWISE, field)) return FLAGS_NAMED_OTHERWISE[field];
  return `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
