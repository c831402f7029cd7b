/**
 * buildSchedule words what it cannot build around the run's fields it was handed (its `steps`, RunFacts'
 * `stepsPerEpoch`) as FieldErrors: a library caller reads `stepsPerEpoch`, the CLI, which words FieldErrors
 * by flagOf, `--steps-per-epoch` (test/cli and test/dialects hold the CLI's lines byte for byte).
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { flagOf } from '../../src/cli/flags.js';
import { FieldError, LrvizError } from '../../src/errors.js';
import { buildSchedule } from '../../src/notation/build.js';
import type { RunFacts, SpecObject } from '../../src/schedules/definition.js';

/** What building `spec` over 100 steps throws. */
function refusal(spec: SpecObject, run: RunFacts = {}): LrvizError {
  try {
    buildSchedule(catalog, spec, 100, 'schedule', run);
  } catch (error) {
    if (error instanceof LrvizError) return error;
    throw error;
  }
  return expect.fail(`expected ${JSON.stringify(spec)} to be refused`);
}

describe('build errors name the run\'s fields as their caller does', () => {
  it('timm stepped per epoch without the length of an epoch asks for stepsPerEpoch; the CLI for --steps-per-epoch', () => {
    const timm = { type: 'timm.CosineLRScheduler', t_initial: 10, t_in_epochs: true };
    const error = refusal(timm);
    expect(error).toBeInstanceOf(FieldError);
    const rest = '(optimizer updates per epoch), or t_in_epochs=false with t_initial, warmup_t and decay_t in updates';
    expect(error.message).toBe(`schedule "timm.CosineLRScheduler": t_in_epochs=true steps the scheduler once per epoch: give updates_per_epoch=N or stepsPerEpoch N ${rest}`);
    expect((error as FieldError).worded(flagOf)).toBe(
      `schedule "timm.CosineLRScheduler": t_in_epochs=true steps the scheduler once per epoch: give updates_per_epoch=N or --steps-per-epoch N ${rest}`,
    );
    // What it asks for is what it takes: the run's stepsPerEpoch.
    expect(buildSchedule(catalog, timm, 100, 'schedule', { stepsPerEpoch: 10 }).resolved.updates_per_epoch).toBe(10);
  });

  it('a computed default that overflows quotes its rule with the run\'s length named by the caller', () => {
    const error = refusal({ type: 'torch.OneCycleLR', max_lr: 0.1, epochs: 1e300, steps_per_epoch: 1e300 });
    expect(error).toBeInstanceOf(FieldError);
    const said = (horizon: string) =>
      `schedule "torch.OneCycleLR": total_steps = epochs * steps_per_epoch, else ${horizon} comes out as Infinity, not a finite number; give total_steps or smaller values`;
    expect(error.message).toBe(said('steps'));
    expect((error as FieldError).worded(flagOf)).toBe(said('--steps'));
  });

  it('an error about the parameters alone names no field and stays a plain LrvizError', () => {
    const error = refusal({ type: 'cosine', lr: 0.1, min_lr: 0.5 });
    expect(error).not.toBeInstanceOf(FieldError);
    expect(error.message).toBe('schedule "cosine": min_lr=0.5 is above lr=0.1; min_lr must be <= lr');
  });
});
