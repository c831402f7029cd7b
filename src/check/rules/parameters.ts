import { finding, type Finding } from '../finding.js';
import { count, rate } from '../../text/numbers.js';

export interface Ineffective {
  readonly name: string;
  readonly value: unknown;
  readonly why: string;
}

/** Parameters whose silent loss leaves a different warmup than the one written. */
const WARMUP_PARAMETER = /warmup|start_lr|end_lr/;
/** The warmup is walked a step at a time to say what it really is; past this many steps it is only "longer". */
const MAX_WALK = 1_000_000;

/**
 * The warmup the schedule really runs: from step 0 as long as the lr rises, in words ("500 steps, from 0 to
 * 0.5"). Undefined when it does not rise at all.
 */
export function warmupReallyRun(lr: (step: number) => number, steps: number): string | undefined {
  const limit = Math.min(steps - 1, MAX_WALK);
  let end = 0;
  while (end < limit && lr(end + 1) > lr(end)) end++;
  if (end === 0) return undefined;
  const length = end === MAX_WALK ? `more than ${count(MAX_WALK)} steps` : `${count(end)} steps`;
  return `${length}, from ${rate(lr(0))} to ${rate(lr(end))}`;
}

function shownValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * LRV014: a parameter the framework accepts and silently drops. The seed tutorial passes
 * warmup_steps=20 to a CosineWarmup whose **kwargs swallows it: the reader expects a 20-step warmup and
 * trains with a 500-step one, which the finding states.
 */
export function ignoredParameters(ineffective: readonly Ineffective[], lr?: (step: number) => number, steps = 0): Finding[] {
  const effective = lr !== undefined && ineffective.some((i) => WARMUP_PARAMETER.test(i.name)) ? warmupReallyRun(lr, steps) : undefined;
  return ineffective.map(({ name, value, why }) =>
    finding(
      'LRV014',
      0,
      typeof value === 'number' ? { [name]: value } : {},
      `${name}=${shownValue(value)} has no effect: ${why}${effective !== undefined && WARMUP_PARAMETER.test(name) ? `; the warmup really runs ${effective}` : ''}`,
      `drop ${name}; change the parameters the schedule really reads (lrviz list shows them)`,
    ),
  );
}

/**
 * The same finding as one line for `plot`, which draws the schedule without a word otherwise:
 * "warmup_steps=20, start_lr=0, end_lr=0.5 have no effect (...); the warmup really runs 500 steps, from 0 to 0.5".
 */
export function ignoredParametersNote(label: string, ineffective: readonly Ineffective[], lr: (step: number) => number, steps: number): string | undefined {
  if (ineffective.length === 0) return undefined;
  const names = ineffective.map(({ name, value }) => `${name}=${shownValue(value)}`).join(', ');
  const reasons = [...new Set(ineffective.map((i) => i.why))].join('; ');
  const effective = ineffective.some((i) => WARMUP_PARAMETER.test(i.name)) ? warmupReallyRun(lr, steps) : undefined;
  return `${label}: ${names} ${ineffective.length === 1 ? 'has' : 'have'} no effect (${reasons})${effective === undefined ? '' : `; the warmup really runs ${effective}`} [LRV014]`;
}
