import { finding, type Finding } from '../finding.js';
import { count, rate } from '../../text/numbers.js';
import type { Schedule } from '../../schedules/schedule.js';

/** Steps compared one by one; past them only the last step is looked at (for a NaN that stays). */
const SCANNED = 1 << 20;
/** Steps a candidate length of the fix is compared over, and how far from the given length it looks. */
const FIX_SCANNED = 1 << 18;
const FIX_REACH = 12;
/** Float32 rounding stays far below this share of the rates around; a moved decision is a jump far above it. */
const MOVED = 1e-3;
const FLOOR = 1e-4;

/** A schedule that computes in float32 (keras, optax with dtype=float32) and what check compares it with. */
export interface Float32Twin {
  /** The same schedule in float64. */
  readonly float64: Schedule;
  /** The length whose float32 reciprocal decides where the steps fall, and the schedule with another value of it. */
  readonly length?: { readonly name: string; readonly value: number; with(value: number): { float32: Schedule; float64: Schedule } };
}

interface Differences {
  /** First step whose float32 lr is NaN where float64's is a number. */
  nanFrom?: number;
  /** Steps whose float32 lr jumps away from float64's (a discrete decision taken at another step). */
  moved: number[];
  movedCount: number;
  scanned: number;
}

function differences(float32: Schedule, float64: Schedule, steps: number, limit: number): Differences {
  const scanned = Math.min(steps, limit);
  const moved: number[] = [];
  let movedCount = 0;
  let scale = 0;
  for (let i = 0; i < scanned; i++) {
    const a = float32.lr(i);
    const b = float64.lr(i);
    if (Number.isNaN(a) && !Number.isNaN(b)) return { nanFrom: i, moved, movedCount, scanned };
    scale = Math.max(scale, Math.abs(b));
    // Relative to the rates here, down to a ten-thousandth of the peak: below that float32's own rounding
    // of a cosine near its floor would count, and a moved step moves nothing the run feels.
    if (Math.abs(a - b) > MOVED * Math.max(Math.abs(a), Math.abs(b), FLOOR * scale)) {
      movedCount++;
      if (moved.length < 4) moved.push(i);
    }
  }
  // A NaN from the end of a transition stays NaN: the last step finds one past the steps compared.
  if (scanned < steps && Number.isNaN(float32.lr(steps - 1)) && !Number.isNaN(float64.lr(steps - 1))) {
    let low = scanned;
    let high = steps - 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (Number.isNaN(float32.lr(mid))) high = mid;
      else low = mid + 1;
    }
    return { nanFrom: low, moved, movedCount, scanned };
  }
  return { moved, movedCount, scanned };
}

/** The nearest value of the length whose float32 run takes every step where float64 does, if one is near. */
function nearestCleanLength(twin: Float32Twin, steps: number): number | undefined {
  const length = twin.length;
  if (length === undefined || !Number.isInteger(length.value)) return undefined;
  for (let d = 1; d <= FIX_REACH; d++) {
    for (const value of [length.value - d, length.value + d]) {
      if (value < 1) continue;
      const { float32, float64 } = length.with(value);
      const found = differences(float32, float64, steps, FIX_SCANNED);
      if (found.nanFrom === undefined && found.movedCount === 0) return value;
    }
  }
  return undefined;
}

function fixFor(twin: Float32Twin, steps: number): string {
  const length = twin.length;
  const clean = nearestCleanLength(twin, steps);
  const within = steps > FIX_SCANNED ? ` over its first ${count(FIX_SCANNED)} steps` : '';
  if (length !== undefined && clean !== undefined) {
    return `change ${length.name}=${length.value} to ${length.name}=${clean}: the nearest length whose float32 steps fall where float64's do${within}`;
  }
  if (length === undefined) return 'change the decay length, or expect the float32 steps (lrviz draws them with dtype=float32)';
  return `keep ${length.name}=${length.value} and expect the float32 steps (lrviz draws them with dtype=float32), or change ${length.name}: no value within ${FIX_REACH} of it keeps every step${within}`;
}

/** Whose float32: "Keras" or "jax.jit", by the dialect's name. */
function whoseFloat32(definitionName: string | undefined): string {
  return definitionName?.startsWith('keras.') ? 'as a Keras train step computes it' : 'as jax.jit computes it';
}

/**
 * Where computing in float32, as the framework does, changes the run from what the formula says: a discrete
 * decision (a staircase drop, a restart, a cycle's length) taken a step from where float64 takes it, or a NaN
 * (a fractional power of `1 - step/T` rounded a hair below 0). Compares the two step by step over the
 * first 2^20 steps, as check samples (the last step too, for a NaN that stays); `nan` tells check to read the other rules
 * from the float64 values, since no rule can read a NaN.
 */
export function float32Rules(float32: Schedule, twin: Float32Twin, steps: number, definitionName?: string): { findings: Finding[]; nan: boolean } {
  const found = differences(float32, twin.float64, steps, SCANNED);
  const how = whoseFloat32(definitionName);
  const findings: Finding[] = [];
  // The same fix for both findings: worked out once, and only if one is made (it rebuilds the schedule).
  let fix: string | undefined;
  const fixText = (): string => (fix ??= fixFor(twin, steps));
  if (found.nanFrom !== undefined) {
    const step = found.nanFrom;
    const float64 = twin.float64.lr(step);
    findings.push(
      finding(
        'LRV015',
        step,
        { float64 },
        `in float32, ${how}, the learning rate is NaN from step ${count(step)} on (float64: ${rate(float64)}): 1 - step/length rounds below 0 and a fractional power of it is NaN; check's other findings read the float64 values`,
        fixText(),
      ),
    );
  }
  if (found.movedCount > 0) {
    const step = found.moved[0];
    const a = float32.lr(step);
    const b = twin.float64.lr(step);
    // Late: float32 still has float64's value from the step before; early: it already has the next one.
    const near = (other: number) => Math.abs(a - other) <= 0.01 * Math.max(Math.abs(a), Math.abs(b));
    const when = step > 0 && near(twin.float64.lr(step - 1)) ? 'a step late' : near(twin.float64.lr(step + 1)) ? 'a step early' : 'at another step';
    const others = found.movedCount > 1 ? ` (${count(found.movedCount)} steps in all: ${found.moved.map(count).join(', ')}${found.movedCount > found.moved.length ? ', ...' : ''})` : '';
    const within = found.scanned < steps ? `; the first ${count(found.scanned)} steps compared` : '';
    findings.push(
      finding(
        'LRV016',
        step,
        { float32: a, float64: b },
        `in float32, ${how}, the learning rate at step ${count(step)} is ${rate(a)} where float64 gives ${rate(b)}: a discrete step (a staircase drop, a restart) lands ${when}${others}${within}`,
        fixText(),
      ),
    );
  }
  return { findings, nan: found.nanFrom !== undefined };
}
