import { finding, type Finding } from '../finding.js';
import { count, rate } from '../../text/numbers.js';
import type { Profile } from '../profile.js';

/** A learning rate below zero turns descent into ascent. */
export function negativeLr(p: Profile): Finding[] {
  if (!(p.low < 0)) return [];
  const j = p.values.findIndex((v) => v < 0);
  let step = j * p.stride;
  while (step > 0 && p.lr(step - 1) < 0) step--;
  return [
    finding('LRV012', step, { lr: p.lr(step) }, `the learning rate goes below zero at step ${count(step)} (${rate(p.lr(step))})`, 'check the end value (min_lr, eta_min, end_learning_rate) and the horizon: a decay evaluated past its end can overshoot'),
  ];
}

/**
 * A schedule that never changes although it is not a constant one (huggingface/transformers#15508: the
 * same value for the warmup's start and end keeps the rate flat).
 */
export function neverChanges(p: Profile, definitionName: string | undefined): Finding[] {
  // Sampled values can all fall on the same point of short cycles: only the exact range says flat.
  const [low, high] = p.range ?? [p.low, p.peak];
  if (p.steps < 2 || high !== low || /constant/i.test(definitionName ?? '')) return [];
  return [
    finding(
      'LRV011',
      0,
      { lr: p.peak, trainSteps: p.steps },
      `the learning rate is ${rate(p.peak)} at every one of the ${count(p.steps)} steps: this schedule never changes`,
      'check the values that set its range (start and end learning rates, warmup and decay lengths), or use constant if that is what you want',
    ),
  ];
}
