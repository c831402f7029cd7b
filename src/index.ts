/**
 * lrviz as a library: schedules (shapes and combinators), the spec language and its registry of named
 * and framework schedules, curves and their envelopes, and the renderers.
 */
export * from './schedules/index.js';
export { buildSchedule, type BuiltSchedule } from './spec/build.js';
export { parseSpecArgument, parseTextSpec, type ParsedSpec } from './spec/parse.js';
export { allDefinitions, lookup } from './spec/registry.js';
export * from './schedules/definition.js';
export { Catalog } from './schedules/catalog.js';
export { catalog } from './catalog.js';
export { curveOf, curveFromValues, materialize, forEachChunk, type Curve } from './curve/curve.js';
export { envelopeOf, type Envelope } from './curve/envelope.js';
export { render, formatFromPath, type OutputFormat } from './render/formats.js';
export type { RenderRequest, LoggedPoints, Rendered } from './render/request.js';
export { LrvizError } from './errors.js';

import { buildSchedule } from './spec/build.js';
import { parseTextSpec } from './spec/parse.js';
import { curveOf, materialize } from './curve/curve.js';
import type { SpecObject } from './schedules/definition.js';

/**
 * The learning rates of a spec (text `NAME:key=value,...` or an object) for steps 0..steps-1.
 *   lrValues('cosine-warmup:lr=3e-4,warmup=500', 10000)
 */
export function lrValues(spec: string | SpecObject, steps: number): Float64Array {
  const object = typeof spec === 'string' ? parseTextSpec(spec) : spec;
  return materialize(curveOf(buildSchedule(object, steps).schedule, String(object.type), steps));
}

// Diagnostics and logs: the same cores the compare, check and fit commands print.
export { checkSchedule, formatReport as formatCheckReport, CODES as CHECK_CODES, type Finding, type CheckedSchedule } from './check/index.js';
export { curveStats, curveDifference, compareLog, type CurveStats, type CurveDifference, type LogComparison } from './compare/index.js';
export { fitLog, formatFit, type LogFit } from './fit/index.js';
export { parseLog, readLogFile, readLoggedPoints, type LoggedRun } from './logs/index.js';
