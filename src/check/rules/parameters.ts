import { finding, type Finding } from '../finding.js';

/**
 * LRV014: a parameter the framework accepts and silently drops. The seed tutorial passes
 * warmup_steps=20 to a CosineWarmup whose **kwargs swallows it: the reader expects a 20-step warmup and
 * trains with a 500-step one.
 */
export function ignoredParameters(ineffective: readonly { name: string; value: unknown; why: string }[]): Finding[] {
  return ineffective.map(({ name, value, why }) =>
    finding(
      'LRV014',
      0,
      typeof value === 'number' ? { [name]: value } : {},
      `${name}=${typeof value === 'string' ? value : JSON.stringify(value)} has no effect: ${why}`,
      `drop ${name}; change the parameters the schedule really reads (lrviz list shows them)`,
    ),
  );
}
