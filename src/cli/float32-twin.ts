/**
 * What `check` compares a float32 schedule with (check/rules/float32.ts): the same spec rebuilt in float64,
 * and, for the fix, rebuilt with another value of the length whose float32 reciprocal decides its steps.
 * Rebuilt the way the series was built (its scheduler steps, epoch hold and command-line facts).
 */
import type { Float32Twin } from '../check/rules/float32.js';
import { FLOAT32_LENGTHS } from '../dialects/dtype.js';
import type { Catalog } from '../schedules/catalog.js';
import type { Dtype, SpecObject } from '../schedules/definition.js';
import type { Schedule } from '../schedules/schedule.js';
import { buildHeld, type Rebuild, type Series } from './series.js';

function rebuildOf(series: Series): Rebuild | undefined {
  return series.curve.meta?.rebuild as Rebuild | undefined;
}

/** Whether anything in the series computes in float32: its own dtype, or --dtype for the ones nested in it. */
export function computesInFloat32(series: Series): boolean {
  const rebuild = rebuildOf(series);
  return rebuild !== undefined && (series.resolved.dtype === 'float32' || rebuild.facts?.dtype === 'float32');
}

/** Undefined when nothing in the series computes in float32. */
export function float32Twin(catalog: Catalog, series: Series): Float32Twin | undefined {
  const rebuild = rebuildOf(series);
  if (rebuild === undefined || !computesInFloat32(series)) return undefined;
  // Parameters left at None are undefined in the resolved spec: leave them out, as the user did.
  const spec = Object.fromEntries(Object.entries(series.resolved).filter(([, value]) => value !== undefined)) as SpecObject;
  const facts = rebuild.facts ?? {};
  const build = (changed: SpecObject, dtype: Dtype): Schedule => {
    // The spec's own dtype and the flag's, for schedules nested in it, both switched.
    const typed = dtype === 'float64' && 'dtype' in changed ? { ...changed, dtype } : changed;
    const run = dtype === 'float64' ? { ...facts, dtype } : facts;
    return buildHeld(catalog, typed, { ...rebuild, facts: run }).schedule;
  };
  const name = FLOAT32_LENGTHS.find((n) => typeof spec[n] === 'number');
  const length =
    name === undefined
      ? undefined
      : {
          name,
          value: spec[name] as number,
          with: (value: number) => {
            const changed = { ...spec, [name]: value };
            return { float32: build(changed, 'float32'), float64: build(changed, 'float64') };
          },
        };
  return { float64: build(spec, 'float64'), ...(length === undefined ? {} : { length }) };
}
