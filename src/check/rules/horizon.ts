import { finding, type Finding } from '../finding.js';
import { count, percent, rate } from '../../text/numbers.js';
import { integerPairFor } from '../integer-pair.js';
import { parameterProduct, parametersEqualTo, type Profile } from '../profile.js';

/** A rise past the horizon smaller than this share of the schedule's range is rounding, not a rebound. */
const REBOUND = 0.05;
/** Holding the end value for less than this share of the run is not worth a warning. */
const FLOOR_SHARE = 0.02;
/** The decay counts as finished when the last value is within this share of the range from the end value. */
const UNFINISHED = 0.05;

/** "change T_max=90 to 35190", "change step_each_epoch=100, epochs=8 (800 steps) to step_each_epoch=782, epochs=10", or in words. */
function changeHorizon(p: Profile, horizon: number): string {
  const product = parameterProduct(p.spec, horizon);
  if (product !== undefined) {
    const [[nameA, a], [nameB, b]] = product;
    const { stepsPerEpoch, epochs } = p.training;
    const known = stepsPerEpoch !== undefined && epochs !== undefined && Number.isInteger(epochs) ? ([stepsPerEpoch, epochs] as const) : undefined;
    const [x, y] = integerPairFor(p.steps, [a, b], known);
    return `change ${nameA}=${a}, ${nameB}=${b} (${count(horizon)} steps) to ${nameA}=${x}, ${nameB}=${y} (${count(p.steps)} steps)`;
  }
  const named = parametersEqualTo(p.spec, horizon);
  const which = named.length === 0 ? 'set the horizon (total steps, T_max, num_training_steps, decay_steps) to' : `change ${named.join(' / ')} to`;
  return `${which} ${p.steps}`;
}

/**
 * timm's cycles stop after cycle_limit (default 1) and hold lr_min: the end is the cycle count, not one
 * length. "raise cycle_limit=1 to 15 (15 cycles of t_initial=3910), or t_initial=3910 to 58650 (one cycle)".
 */
function cycleLimitFix(p: Profile): string | undefined {
  const spec = p.spec;
  if (spec === undefined || typeof spec.cycle_limit !== 'number' || typeof spec.t_initial !== 'number') return undefined;
  const tInitial = spec.t_initial;
  const mul = typeof spec.cycle_mul === 'number' ? spec.cycle_mul : 1;
  const prefix = spec.warmup_prefix === true && typeof spec.warmup_t === 'number' ? spec.warmup_t : 0;
  const cycled = p.steps - prefix;
  let cycles = 0;
  let covered = 0;
  // cycle_mul < 1 may never cover the run: then only t_initial can.
  while (covered < cycled && cycles < 1e4) covered += tInitial * mul ** cycles++;
  const raiseLimit = covered >= cycled && cycles > spec.cycle_limit ? `raise cycle_limit=${spec.cycle_limit} to ${cycles} (${cycles} cycles from t_initial=${tInitial}${mul === 1 ? '' : `, cycle_mul=${mul}`}), or ` : '';
  const oneCycle = mul === 1 ? cycled / spec.cycle_limit : cycled * (mul - 1) / (mul ** spec.cycle_limit - 1);
  return `${raiseLimit}raise t_initial=${tInitial} to ${Math.ceil(oneCycle)} so its ${spec.cycle_limit === 1 ? 'cycle spans' : 'cycles span'} the whole run`;
}

function horizonFix(p: Profile, horizon: number): string {
  return cycleLimitFix(p) ?? `${changeHorizon(p, horizon)} so the decay spans the whole run, or train ${count(horizon)} steps`;
}

/**
 * The horizon against the training length (Tencent-Hunyuan/UniRL#223, ivadomed/ivadomed#57, the seed
 * tutorial's 800-step CosineWarmup trained 7,820 steps; wandb/senpai#1065 for the floor; diffusers#4387
 * and senpai#965 for a decay that never finishes).
 */
export function horizonRules(p: Profile): Finding[] {
  const horizon = p.horizon;
  if (horizon === undefined) return [];
  const range = p.peak - p.low;
  if (horizon < p.steps - 1) {
    const atHorizon = p.lr(horizon);
    let maxAfter = -Infinity;
    let minAfter = Infinity;
    const from = Math.ceil(horizon / p.stride);
    for (let j = from; j < p.values.length; j++) {
      const v = p.values[j];
      if (v > maxAfter) maxAfter = v;
      if (v < minAfter) minAfter = v;
    }
    // The first time it gets back up, not the largest value: torch's recursive cosine peaks every 2 T_max
    // with rounding noise deciding which peak is a few ulps the highest.
    let maxStep = horizon;
    for (let j = from; j < p.values.length; j++) {
      if (p.values[j] >= maxAfter - 1e-9 * Math.max(range, Math.abs(maxAfter))) {
        maxStep = j * p.stride;
        break;
      }
    }
    if (maxAfter - atHorizon > REBOUND * range) {
      return [
        finding(
          'LRV001',
          horizon,
          { horizon, trainSteps: p.steps, lrAtHorizon: atHorizon, maxAfterHorizon: maxAfter, maxAfterHorizonStep: maxStep },
          `the schedule ends at step ${count(horizon)} but training runs ${count(p.steps)} steps: past step ${count(horizon)} the learning rate climbs back from ${rate(atHorizon)} to ${rate(maxAfter)} (step ${count(maxStep)})`,
          horizonFix(p, horizon),
        ),
      ];
    }
    const held = p.steps - horizon;
    // Only a floor reached by decaying counts: torch ConstantLR or a LinearLR warmup end at their full lr.
    let lowAfterPeak = Infinity;
    for (let j = Math.floor(p.peakStep / p.stride); j < p.values.length; j++) lowAfterPeak = Math.min(lowAfterPeak, p.values[j]);
    const decayedInto = atHorizon <= lowAfterPeak + 1e-12 * Math.abs(p.peak) && atHorizon < p.peak * (1 - 1e-9);
    if (decayedInto && maxAfter - minAfter <= 1e-12 * Math.max(Math.abs(p.peak), 1e-300) && held / p.steps >= FLOOR_SHARE) {
      return [
        finding(
          'LRV002',
          horizon,
          { horizon, trainSteps: p.steps, floor: atHorizon, stepsAtFloor: held },
          `the schedule reaches its end value ${rate(atHorizon)} at step ${count(horizon)} and holds it for the last ${count(held)} steps (${percent(held / p.steps)} of training)`,
          horizonFix(p, horizon),
        ),
      ];
    }
    return [];
  }
  if (horizon > p.steps * 1.02) {
    const end = p.lr(horizon);
    const span = p.peak - end;
    if (span > 0 && p.final - end > UNFINISHED * span) {
      return [
        finding(
          'LRV003',
          p.steps - 1,
          { horizon, trainSteps: p.steps, finalLr: p.final, peak: p.peak, lrAtHorizon: end },
          `training ends at step ${count(p.steps)} with learning rate ${rate(p.final)}, ${percent((p.final - end) / span)} of the way from ${rate(end)} to the peak ${rate(p.peak)}: the decay would only finish at step ${count(horizon)}`,
          `${changeHorizon(p, horizon)} (count optimizer updates: divide by gradient accumulation), or train ${count(horizon)} steps`,
        ),
      ];
    }
  }
  return [];
}
