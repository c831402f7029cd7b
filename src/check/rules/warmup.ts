import { finding, type Finding } from '../finding.js';
import { count, percent, rate } from '../../text/numbers.js';
import type { Profile } from '../profile.js';
import { isPlainObject } from '../../json.js';
import type { SpecObject } from '../../schedules/definition.js';

/** A jump at the end of warmup smaller than this share of the peak is invisible in training. */
const JUMP_SHARE = 0.003;
/** ...and it must be this many times the step-to-step change on either side to be a jump, not a slope. */
const JUMP_RATIO = 10;

/** Parameters that set a schedule's value at step 0, in the frameworks' own names. */
const START_PARAMETERS = ['start_lr', 'warmup_start_lr', 'warmup_lr_init', 'init_value', 'initial_learning_rate', 'start_factor'];

/** The start parameter the schedule really reads (not one its framework swallows), looking into a sequence's first part. */
function startParameter(spec: SpecObject | undefined, ignored: readonly string[]): string | undefined {
  if (spec === undefined) return undefined;
  const own = START_PARAMETERS.find((name) => typeof spec[name] === 'number' && !ignored.includes(name));
  if (own !== undefined) return own;
  for (const key of ['parts', 'schedulers']) {
    const parts = spec[key];
    if (Array.isArray(parts) && isPlainObject(parts[0])) return startParameter(parts[0] as SpecObject, []);
  }
  return undefined;
}

/**
 * The first update at learning rate 0 (meta-pytorch/torchtune#2010, deepspeedai/DeepSpeed#5287,
 * tinygrad/tinygrad#10981, huggingface/transformers#34754): a warmup that starts at 0 spends its first
 * update changing nothing, and a scheduler stepped per epoch spends the whole first epoch. A warning when
 * the schedule has a parameter that lifts the start; an info when its framework has none (HF's warmups are
 * step / num_warmup_steps): a standard config then cannot avoid it and a CI gate should not fail on it.
 */
export function firstStepZero(p: Profile, ignored: readonly string[] = []): Finding[] {
  if (p.lr(0) !== 0 || !(p.peak > 0)) return [];
  let zeros = 1;
  while (zeros < p.steps && p.lr(zeros) === 0 && zeros < 1e6) zeros++;
  const perEpoch = p.training.stepped === 'epoch';
  const what = perEpoch
    ? `the first ${zeros === 1 ? 'epoch' : `${count(zeros)} epochs`}${p.training.stepsPerEpoch ? ` (${count(zeros * p.training.stepsPerEpoch)} updates)` : ''} train${zeros === 1 ? 's' : ''} at learning rate 0`
    : `the first ${zeros === 1 ? 'update runs' : `${count(zeros)} updates run`} at learning rate 0`;
  const next = p.lr(zeros);
  const start = startParameter(p.spec, ignored);
  const fix =
    start === undefined
      ? `nothing to change in the config: ${typeof p.spec?.type === 'string' ? p.spec.type : 'this schedule'} has no parameter for its value at step 0; to train from the first update, write the warmup yourself from (step + 1)`
      : start === 'start_factor'
        ? `set start_factor above 0 (e.g. start_factor=${rate(next / p.peak)}, the second update's share of the peak)`
        : `set ${start} above 0 (e.g. ${start}=${rate(next)}, the second update's lr)`;
  return [
    finding(
      'LRV006',
      0,
      { lr: 0, stepsAtZero: zeros, nextLr: next },
      `${what} and change${zeros === 1 && !perEpoch ? 's' : ''} nothing; the next value is ${rate(next)}`,
      fix,
      // A whole epoch at 0 matters even when the framework leaves no choice.
      start === undefined && !perEpoch ? 'info' : 'warning',
    ),
  ];
}

const UNDERNEATH_FIX = 'start the decay where the warmup ends: timm warmup_prefix=True (then t_initial = total - warmup), or a join of warmup and decay';

/** A straight ramp up to (not including) its last step: equal increments at its start, middle and end. */
function linearRamp(p: Profile, end: number): boolean {
  const rise = (k: number): number => p.lr(k + 1) - p.lr(k);
  const reference = rise(end - 2);
  return [0, Math.floor((end - 2) / 2)].every((k) => Math.abs(rise(k) - reference) <= 0.01 * Math.abs(reference));
}

/** Where the initial strictly rising stretch ends: the last step of the ramp (0 when there is none). */
function rampEnd(p: Profile): number {
  let j = 0;
  while (j + 1 < p.values.length && p.values[j + 1] > p.values[j]) j++;
  // With sampled values the turn lies within the last stride: walk it exactly.
  let step = j * p.stride;
  const limit = Math.min(p.steps - 1, (j + 1) * p.stride);
  while (step < limit && p.lr(step + 1) > p.lr(step)) step++;
  return step;
}

/**
 * A jump where warmup hands over to the decay: timm's CosineLRScheduler without warmup_prefix decays from
 * step 0 underneath the warmup, so the learning rate drops when the warmup ends (microsoft/Swin-Transformer#277,
 * huggingface/pytorch-image-models#1242, #2312); a warmup aimed at a different value than the decay's start
 * jumps up. Also a warmup that outlasts the run (marin-community/marin#3086).
 */
export function warmupRules(p: Profile): Finding[] {
  const end = rampEnd(p);
  if (end < 2) return [];
  const start = p.lr(0);
  const top = p.lr(end);
  if (end >= p.steps - 1) {
    return [
      finding(
        'LRV010',
        end,
        { warmupStart: start, finalLr: top, trainSteps: p.steps },
        `the learning rate is still rising when training ends: warmup from ${rate(start)} has reached only ${rate(top)} by step ${count(end)}`,
        `shorten the warmup well below the ${count(p.steps)} training steps (a few percent of them is usual)`,
      ),
    ];
  }
  const findings: Finding[] = [];
  const lastRise = top - p.lr(end - 1);
  const riseBefore = p.lr(end - 1) - p.lr(end - 2);
  if (lastRise > JUMP_SHARE * p.peak && lastRise > JUMP_RATIO * riseBefore) {
    findings.push(
      finding(
        'LRV007',
        end,
        { before: p.lr(end - 1), after: top, jump: lastRise, peak: p.peak },
        `the warmup ends at ${rate(p.lr(end - 1))} and the learning rate jumps up to ${rate(top)} at step ${count(end)} (${percent(lastRise / p.peak)} of the peak in one step)`,
        'make the warmup end at the value the decay starts from (warmup target = peak lr)',
      ),
    );
  }
  const next = p.lr(end + 1);
  const drop = top - next;
  let slopeAfter = 0;
  for (let k = end + 1; k < Math.min(p.steps - 1, end + 51); k++) slopeAfter = Math.max(slopeAfter, Math.abs(p.lr(k + 1) - p.lr(k)));
  if (drop > JUMP_SHARE * p.peak && drop > JUMP_RATIO * Math.max(slopeAfter, lastRise)) {
    findings.push(
      finding(
        'LRV007',
        end + 1,
        { before: top, after: next, jump: -drop, peak: p.peak },
        `the learning rate drops from ${rate(top)} to ${rate(next)} where the warmup ends (step ${count(end + 1)}, ${percent(drop / p.peak)} of the peak in one step): the decay started underneath the warmup`,
        UNDERNEATH_FIX,
      ),
    );
    return findings;
  }
  // The same mistake with a short warmup: no drop, but a straight ramp that bends before it arrives,
  // because the decay underneath has already fallen below where the ramp was heading.
  const heading = p.lr(end - 1) + riseBefore;
  const shortfall = heading - top;
  if (linearRamp(p, end) && lastRise < 0.9 * riseBefore && shortfall > JUMP_SHARE * p.peak && next < top) {
    findings.push(
      finding(
        'LRV007',
        end,
        { before: p.lr(end - 1), after: top, jump: -shortfall, peak: p.peak },
        `the warmup bends at step ${count(end)}: its ramp was heading for ${rate(heading)} but the learning rate is ${rate(top)} there and falls after (${percent(shortfall / heading)} short): the decay started underneath the warmup`,
        UNDERNEATH_FIX,
      ),
    );
  }
  return findings;
}
