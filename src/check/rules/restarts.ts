import { finding, type Finding } from '../finding.js';
import { count, percent, plural, rate } from '../../text/numbers.js';
import type { Profile } from '../profile.js';
import { NO_CYCLE_STARTS, type CycleStarts } from '../../schedules/schedule.js';

/** A one-step rise of more than this share of the peak, after the warmup, is a restart. */
const RESTART_SHARE = 0.1;
/** Training that ends with the lr more than this share of the way up its cycle ends mid-cycle. */
const MID_CYCLE = 0.1;

/**
 * Restarts pinned to their exact step: the first ones, which the finding names, and the last ones, which
 * tell how the run ends. The others are only counted, so that a run of a million restarts (cycles of two
 * steps over 1e12 steps) costs what the finding reports, not a bisection each.
 */
const PINNED_FIRST = 6;
const PINNED_LAST = 3;

/**
 * Between samples a stride apart, a rise in the samples is a restart only if the step it is pinned to is
 * one: a schedule that climbs back within fewer steps than the stride (torch's recursive cosine of
 * T_max=100 sampled every 954 steps) rises and falls from sample to sample without ever rising 10% in
 * one step. Up to this many such rises are each pinned and tested; past it only the ones the finding
 * names, and the others are counted as restarts only if every one tested was one.
 */
const TESTED_AT_MOST = 4096;

/**
 * The run's restarts. A schedule that knows where its cycles begin says so exactly, whatever the sampling
 * stride (cycles of two steps over 1e12 steps); its word is taken when each restart it names is a rise
 * at once as the rule defines one (torch's recursive cosine names the start of each period, a restart
 * only for T_max = 1). Otherwise they are found on the profile and pinned to the exact step by
 * bisection, where they must hold as the rule defines them (see TESTED_AT_MOST).
 */
function restartSteps(p: Profile): CycleStarts {
  const threshold = RESTART_SHARE * (p.range?.[1] ?? p.peak);
  const known = p.stride > 1 ? p.cycleStarts?.(1, p.steps, Math.max(PINNED_FIRST, PINNED_LAST)) : undefined;
  if (known !== undefined && known.count > 0 && [...known.first, ...known.last].every((s) => risesAtOnce(p.lr, Infinity, s, threshold))) {
    return { count: known.count, first: known.first.slice(0, PINNED_FIRST), last: known.last.slice(-PINNED_LAST) };
  }
  // Every step sampled: the values are the schedule's, and past the run's last step the schedule goes on.
  const sampled = (j: number): number => (j < p.values.length ? p.values[j] : p.lr(j * p.stride));
  const candidates: number[] = [];
  let hasDecayed = false;
  for (let j = 1; j < p.values.length; j++) {
    if (p.values[j] < p.values[j - 1]) hasDecayed = true;
    if (hasDecayed && risesAtOnce(sampled, p.stride === 1 ? Infinity : p.values.length, j, threshold)) candidates.push(j);
  }
  if (p.stride === 1) return namedRestarts(candidates);
  const restartAt = (j: number): number | undefined => {
    const step = pinned(p, j);
    return risesAtOnce(p.lr, Infinity, step, threshold) ? step : undefined;
  };
  if (candidates.length <= TESTED_AT_MOST) return namedRestarts(candidates.map(restartAt).filter((s): s is number => s !== undefined));
  const named = [...candidates.slice(0, PINNED_FIRST), ...candidates.slice(-PINNED_LAST)].map(restartAt);
  if (named.some((s) => s === undefined)) return NO_CYCLE_STARTS;
  return { count: candidates.length, first: named.slice(0, PINNED_FIRST) as number[], last: named.slice(PINNED_FIRST) as number[] };
}

/**
 * Whether value j of `at` (0 <= j < length) rises above the threshold from the one before, out of a fall or
 * a flat: a coarse smooth curve (a cosine of 1.5 cycles over 60 steps) also rises fast, a restart at once.
 * Where `at` is the schedule (length Infinity), a rise at the run's last step is judged by the step after
 * it, which the schedule defines: torch's recursive cosine of T_max=2 climbing over two steps is not a
 * restart because the run stops between them. Samples a stride apart end at the last one.
 */
function risesAtOnce(at: (j: number) => number, length: number, j: number, threshold: number): boolean {
  const rise = at(j) - at(j - 1);
  if (!(rise > threshold)) return false;
  const before = j >= 2 ? at(j - 1) - at(j - 2) : 0;
  const after = j + 1 < length ? at(j + 1) - at(j) : 0;
  return before <= rise / 3 && after <= rise / 3;
}

/** Restarts at these exact steps, in order: the count and the ones the finding names. */
function namedRestarts(steps: readonly number[]): CycleStarts {
  return { count: steps.length, first: steps.slice(0, PINNED_FIRST), last: steps.slice(Math.max(PINNED_FIRST, steps.length - PINNED_LAST)) };
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
  if (restarts.count === 0) return [];
  const firstRestart = restarts.first[0];
  // The cycle starts known exactly, in order: the peak (or step 0) before the first restart, the first
  // restarts, and the last ones when there are more than those (three in a row, for the last cycle's growth).
  const tail = restarts.last.filter((s) => s > restarts.first[restarts.first.length - 1]);
  const starts = [p.peakStep <= firstRestart ? p.peakStep : 0, ...restarts.first, ...tail];
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
        `training ends ${count(p.steps - last)} ${plural(p.steps - last, 'step')} into the cycle that restarted at step ${count(last)} (it would end near step ${count(expectedEnd)}), with the learning rate still at ${rate(p.final)}, ${percent(upCycle)} of the way from the cycle's floor ${rate(floor)} to its peak ${rate(cyclePeak)}`,
        `end training at a cycle boundary (step ${count(last)} or ${count(expectedEnd)}), or choose cycle lengths that add up to the ${count(p.steps)} steps`,
      ),
    );
  }
  const peaks = starts.map((s) => p.lr(s));
  const constant = peaks.every((v) => Math.abs(v - peaks[0]) <= 1e-9 * Math.abs(peaks[0]));
  const shown = peaks.slice(0, 6).map(rate).join(', ') + (restarts.count + 1 > 6 ? ', ...' : '');
  findings.push(
    finding(
      'LRV009',
      firstRestart,
      { restarts: restarts.count, firstPeak: peaks[0], lastPeak: peaks[peaks.length - 1] },
      constant
        ? `${count(restarts.count)} ${plural(restarts.count, 'restart')} (first at step ${count(firstRestart)}), each back to the full peak ${rate(peaks[0])}: the peaks do not decay`
        : `${count(restarts.count)} ${plural(restarts.count, 'restart')} (first at step ${count(firstRestart)}) with decaying peaks ${shown}`,
      constant
        ? 'if the peaks should shrink, use a restarts schedule with a decay (lrviz cosine-restarts cycle_decay, timm cycle_decay); torch CosineAnnealingWarmRestarts has none'
        : 'if every cycle should restart at the full peak, set the decay to 1 (cycle_decay=1)',
    ),
  );
  return findings;
}
