import { finding, type Finding } from '../finding.js';
import { count, percent, rate } from '../../render/number-format.js';
import { parametersEqualTo, type Profile } from '../profile.js';

/** A rise past the horizon smaller than this share of the schedule's range is rounding, not a rebound. */
const REBOUND = 0.05;
/** Holding the end value for less than this share of the run is not worth a warning. */
const FLOOR_SHARE = 0.02;
/** The decay counts as finished when the last value is within this share of the range from the end value. */
const UNFINISHED = 0.05;

/** "change T_max=90 to 35190", "change epochs=8 × step_each_epoch=100 (= 800) to make 7820", or in words. */
function changeHorizon(p: Profile, horizon: number): string {
  const named = parametersEqualTo(p.spec, horizon);
  const product = named.length === 1 && named[0].includes(' × ');
  const which =
    named.length === 0 ? 'set the horizon (total steps, T_max, num_training_steps, decay_steps) to' : product ? `change ${named[0]} (= ${count(horizon)}) to make` : `change ${named.join(' / ')} to`;
  return `${which} ${p.steps}`;
}

function horizonFix(p: Profile, horizon: number): string {
  return `${changeHorizon(p, horizon)} so the decay spans the whole run, or train ${count(horizon)} steps`;
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
    let maxStep = horizon;
    let minAfter = Infinity;
    const from = Math.ceil(horizon / p.stride);
    for (let j = from; j < p.values.length; j++) {
      const v = p.values[j];
      if (v > maxAfter) {
        maxAfter = v;
        maxStep = j * p.stride;
      }
      if (v < minAfter) minAfter = v;
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
