import { LrvizError } from '../errors.js';
import { fillValues, type Schedule } from '../schedules/schedule.js';

/**
 * A learning-rate curve: the value at each of `steps` optimizer updates, with a label. Renderers take
 * curves, never schedules. Values are produced on demand, in order, chunk by chunk, so that a curve of
 * 1e9 steps costs no more memory than one of 1e3: `materialize` when the whole array is wanted.
 */
export interface Curve {
  readonly label: string;
  readonly steps: number;
  /** Fills `out` with the values of steps start, start+1, ..., start+out.length-1. */
  fill(start: number, out: Float64Array): void;
  /**
   * Optional: the smallest and largest value of steps start..end-1 without computing each of them, when
   * the curve can tell (see Schedule.extremes); undefined otherwise.
   */
  extremes?(start: number, end: number): readonly [number, number] | undefined;
  /**
   * Optional: the value at one step, as `fill` would give it, without the cost of filling a one-value
   * array: what sampling every k-th step of 1e10 (compare, exports with --every) calls a million times.
   */
  at?(step: number): number;
  /** Anything a renderer may print alongside (the resolved spec, for JSON). Never read for drawing. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The one refusal of a learning rate that is not a finite number, whichever command met it. */
export function notFinite(label: string, step: number, value: number, spec?: unknown): LrvizError {
  // A NaN computed in float32 is the framework's own (keras, optax under jit): say so, and how to see the formula.
  const float32 = Number.isNaN(value) && typeof spec === 'object' && spec !== null && (spec as { dtype?: unknown }).dtype === 'float32';
  const why = float32 ? 'computed in float32 as the framework does (dtype=float64 gives the formula in doubles; check says where and how to avoid it)' : 'check its parameters';
  return new LrvizError(`schedule ${JSON.stringify(label)}: the learning rate at step ${step} is ${value}, not a finite number; ${why}`);
}

/**
 * The curve of a schedule over steps 0..steps-1. A value that is not finite (an overflowing exponential,
 * say) is an error naming the step, not a NaN in someone's CSV.
 */
export function curveOf(schedule: Schedule, label: string, steps: number, meta?: Record<string, unknown>): Curve {
  return {
    label,
    steps,
    meta,
    fill(start, out) {
      fillValues(schedule, start, out);
      for (let j = 0; j < out.length; j++) {
        const value = out[j];
        if (!Number.isFinite(value)) throw notFinite(label, start + j, value, meta?.spec);
        // -0 would print as "0" in CSV but "-0" elsewhere; one zero is enough.
        if (value === 0) out[j] = 0;
      }
    },
    at(step) {
      // lr agrees with fill exactly (Schedule.fill's contract).
      const value = schedule.lr(step);
      if (!Number.isFinite(value)) throw notFinite(label, step, value);
      return value === 0 ? 0 : value;
    },
    extremes(start, end) {
      const range = schedule.extremes?.(start, end);
      // Not finite: let `fill` find the step and say which.
      if (range === undefined || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) return undefined;
      return [range[0] === 0 ? 0 : range[0], range[1] === 0 ? 0 : range[1]];
    },
  };
}

/** A curve over values already computed (a logged run, a test's expectation). */
export function curveFromValues(label: string, values: Float64Array | readonly number[], meta?: Record<string, unknown>): Curve {
  const array = values instanceof Float64Array ? values : Float64Array.from(values);
  return {
    label,
    steps: array.length,
    meta,
    fill(start, out) {
      out.set(array.subarray(start, start + out.length));
    },
  };
}

/** Chunk length for walking a curve: large enough to amortise calls, small enough to stay in cache. */
export const CHUNK = 1 << 14;

/** Walks a curve in chunks; the callback gets the first step of the chunk and its values (reused buffer). */
export function forEachChunk(curve: Curve, visit: (start: number, values: Float64Array) => void, chunk = CHUNK): void {
  const buffer = new Float64Array(Math.min(chunk, Math.max(curve.steps, 1)));
  for (let start = 0; start < curve.steps; start += buffer.length) {
    const values = start + buffer.length <= curve.steps ? buffer : buffer.subarray(0, curve.steps - start);
    curve.fill(start, values);
    visit(start, values);
  }
}

/** Above this --every, kept steps are computed one by one rather than walked to. */
const WALK_BETWEEN_KEPT = 64;

/**
 * Walks curves side by side for exports that keep every k-th step: blocks of kept steps only, values[k][j]
 * being curve k at step start + j * every (reused buffers). Steps in between are computed only when that is
 * cheaper than asking for each kept step alone, so `--every 1e9` costs one value per kept step, not 1e9.
 */
export function* keptStepBlocks(curves: readonly Curve[], every: number): Generator<{ start: number; values: Float64Array[] }> {
  const steps = curves.length > 0 ? curves[0].steps : 0;
  // Buffers for all curves stay within about 16 chunks: thousands of series get shorter blocks, not
  // thousands of chunk-long buffers.
  const stepsPerBlock = Math.max(256, Math.floor((CHUNK * 16) / Math.max(16, curves.length)));
  const kept = Math.ceil(steps / every);
  // A block walks stepsPerBlock steps when kept steps are close, or holds stepsPerBlock kept steps computed
  // one by one when they are far apart (not a block of 27 for every 9,537th step of 1e10).
  const walks = every <= WALK_BETWEEN_KEPT;
  const perBlock = walks ? Math.max(1, Math.floor(stepsPerBlock / every)) : stepsPerBlock;
  const walked = walks ? perBlock * every : 0;
  const buffers = curves.map(() => new Float64Array(Math.min(walked || perBlock, Math.max(steps, 1))));
  const one = new Float64Array(1);
  for (let first = 0; first < kept; first += perBlock) {
    const start = first * every;
    const count = Math.min(perBlock, kept - first);
    const values = buffers.map((buffer, k) => {
      if (walked > 0) {
        const view = buffer.subarray(0, Math.min(walked, steps - start));
        curves[k].fill(start, view);
        // Kept steps to the front, in place: the j-th kept value sits at j * every >= j.
        for (let j = 1; j < count; j++) view[j] = view[j * every];
        return view.subarray(0, count);
      }
      const curve = curves[k];
      if (curve.at !== undefined) for (let j = 0; j < count; j++) buffer[j] = curve.at(start + j * every);
      else {
        for (let j = 0; j < count; j++) {
          curve.fill(start + j * every, one);
          buffer[j] = one[0];
        }
      }
      return buffer.subarray(0, count);
    });
    yield { start, values };
  }
}

/** Every value of the curve in one array. */
export function materialize(curve: Curve): Float64Array {
  const values = new Float64Array(curve.steps);
  curve.fill(0, values);
  return values;
}

/**
 * Throws the error `fill` would throw for the first step that is not finite, before anything is written:
 * a stream on stdout cannot be taken back, so a refusal 65,537 rows in would leave a cut-short CSV behind.
 * A curve that knows its extremes answers at once; any other is walked over the steps the stream keeps,
 * as the stream will walk it, which costs what writing its rows costs anyway (`--every 1e9` over 1e12
 * steps: a thousand values, not 1e12).
 */
export function ensureFinite(curves: readonly Curve[], every = 1): void {
  for (const curve of curves) {
    if (curve.steps > 0 && curve.extremes?.(0, curve.steps) !== undefined) continue;
    for (const block of keptStepBlocks([curve], every)) void block;
  }
}
