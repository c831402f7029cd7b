/**
 * lrviz as a library: schedules (shapes and combinators), definitions of named schedules and the catalog
 * that holds lrviz's own and every framework's, the spec notation read against a catalog, curves and their
 * envelopes, and the renderers.
 */
export * from './schedules/index.js';
export {
  define,
  None,
  num,
  int,
  bool,
  choice,
  text,
  numbers,
  nestedSchedule,
  nestedSchedules,
  object,
  objects,
  numberOrSchedule,
  describeDefault,
  type Definition,
  type ScheduleDefinition,
  type BuildContext,
  type Param,
  type ParamDef,
  type ParamDecls,
  type ParamType,
  type ParamValue,
  type ParamValues,
  type SpecObject,
} from './schedules/definition.js';
export { Catalog } from './schedules/catalog.js';
export { catalog } from './catalog.js';
export { buildSchedule, type BuiltSchedule } from './notation/build.js';
export { parseSpecArgument, parseTextSpec, type ParsedSpec } from './notation/parse.js';
export { curveOf, curveFromValues, materialize, forEachChunk, type Curve } from './curve/curve.js';
export { envelopeOf, type Envelope } from './curve/envelope.js';
export { render, formatFromPath, type OutputFormat } from './render/formats.js';
export type { RenderRequest, Rendered } from './render/request.js';
export type { LoggedPoints } from './logs/points.js';
export { LrvizError } from './errors.js';

import { buildSchedule } from './notation/build.js';
import { parseTextSpec } from './notation/parse.js';
import { catalog as lrvizCatalog } from './catalog.js';
import type { Catalog } from './schedules/catalog.js';
import { curveOf, materialize } from './curve/curve.js';
import type { SpecObject } from './schedules/definition.js';

/**
 * The learning rates of a spec (text `NAME:key=value,...` or an object) for steps 0..steps-1, its name
 * looked up in lrviz's catalog unless another is given (`catalog.with(mine)`).
 *   lrValues('cosine-warmup:lr=3e-4,warmup=500', 10000)
 */
export function lrValues(spec: string | SpecObject, steps: number, catalog: Catalog = lrvizCatalog): Float64Array {
  const object = typeof spec === 'string' ? parseTextSpec(spec) : spec;
  return materialize(curveOf(buildSchedule(catalog, object, steps).schedule, String(object.type), steps));
}

// Diagnostics and logs: the same cores the compare, check and fit commands print.
export { checkSchedule, formatReport as formatCheckReport, CODES as CHECK_CODES, type Finding, type CheckedSchedule } from './check/index.js';
export { curveStats, curveDifference, compareLog, type CurveStats, type CurveDifference, type LogComparison } from './compare/index.js';
export { fitLog, formatFit, type LogFit } from './fit/index.js';
export { parseLog, readLogFile, readLoggedPoints, type LoggedRun } from './logs/index.js';
