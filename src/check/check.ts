import { bySeverityThenStep, type Finding } from './finding.js';
import { profileOf, type CheckInput } from './profile.js';
import { horizonRules } from './rules/horizon.js';
import { ignoredParameters } from './rules/parameters.js';
import { restartRules } from './rules/restarts.js';
import { unitRules } from './rules/units.js';
import { negativeLr, neverChanges } from './rules/values.js';
import { firstStepZero, warmupRules } from './rules/warmup.js';
import { float32Rules } from './rules/float32.js';

export interface CheckedSchedule {
  readonly label: string;
  readonly findings: readonly Finding[];
}

/**
 * Every diagnostic for one schedule over one run: a pure function of the schedule's values, its
 * horizon, its resolved spec and the training length. No I/O, no formatting.
 */
export function checkSchedule(input: CheckInput & { definitionName?: string }): CheckedSchedule {
  const float32 = input.float32 === undefined ? undefined : float32Rules(input.schedule, input.float32, input.training.schedulerSteps, input.definitionName);
  // No rule can read a NaN: where float32 gives one, the others read the float64 values (LRV015 says so).
  const profile = profileOf(float32?.nan && input.float32 !== undefined ? { ...input, schedule: input.float32.float64 } : input);
  const units = unitRules(profile);
  const findings = [
    ...units.findings,
    ...horizonRules(profile).filter((f) => !units.explains.includes(f.code)),
    ...firstStepZero(profile, (input.ineffective ?? []).map((i) => i.name)),
    ...warmupRules(profile),
    ...restartRules(profile),
    ...negativeLr(profile),
    ...neverChanges(profile, input.definitionName),
    ...ignoredParameters(input.ineffective ?? [], profile.lr, profile.steps),
    ...(float32?.findings ?? []),
  ];
  return { label: input.label, findings: findings.sort(bySeverityThenStep) };
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(results: readonly CheckedSchedule[]): CheckSummary {
  const all = results.flatMap((r) => r.findings);
  return {
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    infos: all.filter((f) => f.severity === 'info').length,
  };
}

/** 1 when the check fails: any error, or with `strict` any warning too. Infos never fail. */
export function exitStatus(summary: CheckSummary, strict: boolean): number {
  return summary.errors > 0 || (strict && summary.warnings > 0) ? 1 : 0;
}
