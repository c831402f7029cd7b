import { finding, type Finding } from '../finding.js';
import { count, percent, plural, rate } from '../../text/numbers.js';
import type { Profile } from '../profile.js';

/** A one-step rise of more than this share of the peak, after the warmup, is a restart. */
const RESTART_SHARE = 0.1;
/** Training that ends with the lr more than this share of the way up its cycle ends mid-cycle. */
const MID_CYCLE = 0.1;

/**
 * Restarts pinned to their exact step: the first ones, which the finding names, and the last ones, which
 * tell how the run ends. The others keep the sampled step they were found at, so that a run of a million
 * restarts (cycles of two steps over 1e12 steps) costs what the finding reports, not a bisection each.
 */
const PINNED_FIRST = 6;
const PINNED_LAST = 3;

/**
 * Steps where the learning rate jumps back up, found on the profile; the first PINNED_FIRST and the last
 * PINNED_LAST pinned to the exact step, the others at the sampled step after the jump.
 */
export function restartSteps(p: Profile): number[] {
  const candidates: number[] = [];
  const threshold = RESTART_SHARE * p.peak;
  let hasDecayed = false;
  for (let j = 1; j < p.values.length; j++) {
    if (p.values[j] < p.values[j - 1]) hasDecayed = true;
    const rise = p.values[j] - p.values[j - 1];
    if (!hasDecayed || rise <= threshold) continue;
    // A coarse smooth curve (a cosine of 1.5 cycles over 60 steps) also rises fast; a restart rises at once,
    // out of a fall or a flat.
    const before = j >= 2 ? p.values[j - 1] - p.values[j - 2] : 0;
    const after = j + 1 < p.values.length ? p.values[j + 1] - p.values[j] : 0;
    if (before > rise / 3 || after > rise / 3) continue;
    candidates.push(j);
  }
  return candidates.map((j, k) => (k < PINNED_FIRST || k >= candidates.length - PINNED_LAST ? pinned(p, j) : j * p.stride));
}

/** The biggest one-step rise between profile samples j - 1 and j: bisect on the half that holds more of the rise. */
function pinned(p: Profile, j: number): number {
  let low = (j - 1) * p.stride;
  let high = j * p.stride;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (p.lr(mid) - p.lr(low) >= p.lr(high) - p.lr(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * Warm restarts (pytorch/pytorch#62640): training that stops in the middle of a cycle ends at a high
 * learning rate, and whether restart peaks decay is easy to get wrong in either direction.
 */
export function restartRules(p: Profile): Finding[] {
  const restarts = restartSteps(p);
  if (restarts.length === 0) return [];
  const starts = [p.peakStep <= restarts[0] ? p.peakStep : 0, ...restarts];
  const findings: Finding[] = [];
  const last = starts[starts.length - 1];
  const previousLength = last - starts[starts.length - 2];
  const growth = starts.length >= 3 ? previousLength / (starts[starts.length - 2] - starts[starts.length - 3]) : 1;
  const expectedEnd = Math.round(last + previousLength * growth);
  const floor = p.lr(last - 1);
  const cyclePeak = p.lr(last);
  const upCycle = cyclePeak > floor ? (p.final - floor) / (cyclePeak - floor) : 0;
  if (upCycle > MID_CYCLE && expectedEnd > p.steps) {
    findings.push(
      finding(
        'LRV008',
        p.steps - 1,
        { cycleStart: last, expectedCycleEnd: expectedEnd, finalLr: p.final, cyclePeak, cycleFloor: floor },
        `training ends ${count(p.steps - last)} steps into the cycle that restarted at step ${count(last)} (it would end near step ${count(expectedEnd)}), with the learning rate still at ${rate(p.final)}, ${percent(upCycle)} of the way from the cycle's floor ${rate(floor)} to its peak ${rate(cyclePeak)}`,
        `end training at a cycle boundary (step ${count(last)} or ${count(expectedEnd)}), or choose cycle lengths that add up to the ${count(p.steps)} steps`,
      ),
    );
  }
  // The peaks of the pinned restarts: a restart left at its sampled step is not at its peak.
  const pinnedStarts = starts.length <= PINNED_FIRST + PINNED_LAST + 1 ? starts : [...starts.slice(0, PINNED_FIRST + 1), ...starts.slice(-PINNED_LAST)];
  const peaks = pinnedStarts.map((s) => p.lr(s));
  const constant = peaks.every((v) => Math.abs(v - peaks[0]) <= 1e-9 * Math.abs(peaks[0]));
  const shown = peaks.slice(0, 6).map(rate).join(', ') + (starts.length > 6 ? ', ...' : '');
  findings.push(
    finding(
      'LRV009',
      restarts[0],
      { restarts: restarts.length, firstPeak: peaks[0], lastPeak: peaks[peaks.length - 1] },
      constant
        ? `${restarts.length} ${plural(restarts.length, 'restart')} (first at step ${count(restarts[0])}), each back to the full peak ${rate(peaks[0])}: the peaks do not decay`
        : `${restarts.length} ${plural(restarts.length, 'restart')} (first at step ${count(restarts[0])}) with decaying peaks ${shown}`,
      constant
        ? 'if the peaks should shrink, use a restarts schedule with a decay (lrviz cosine-restarts cycle_decay, timm cycle_decay); torch CosineAnnealingWarmRestarts has none'
        : 'if every cycle should restart at the full peak, set the decay to 1 (cycle_decay=1)',
    ),
  );
  return findings;
}
