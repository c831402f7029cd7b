import type { CheckedSchedule, CheckSummary } from './check.js';
import { count, plural } from '../text/numbers.js';
import type { Training } from './training.js';

/** The check's report for people: one block per schedule, findings with code, step, message and fix. */
/** Findings left out as asked (the CLI's --ignore): the codes and how many findings they removed. */
export interface Ignored {
  readonly codes: readonly string[];
  readonly findings: number;
}

export function formatReport(results: readonly CheckedSchedule[], summary: CheckSummary, training: Training, ignored: Ignored = { codes: [], findings: 0 }): string {
  const unit = training.stepped === 'epoch' ? 'scheduler steps (one per epoch)' : 'steps';
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.label}  (${count(training.schedulerSteps)} ${unit})`);
    if (result.findings.length === 0) lines.push('  no problems found');
    for (const f of result.findings) {
      lines.push(`  ${f.severity.padEnd(7)} ${f.code} ${f.name} at step ${count(f.step)}`);
      lines.push(`          ${f.message}`);
      lines.push(`          fix: ${f.fix}`);
    }
    lines.push('');
  }
  const counted = (n: number, word: string): string => `${n} ${plural(n, word)}`;
  const left = ignored.codes.length === 0 ? '' : ` (${counted(ignored.findings, 'finding')} left out: ${ignored.codes.join(', ')} ignored)`;
  lines.push(`${counted(summary.errors, 'error')}, ${counted(summary.warnings, 'warning')}, ${counted(summary.infos, 'info')}${left}`);
  return lines.join('\n') + '\n';
}

/** The same for CI: stable codes and numbers, nothing to parse out of sentences. */
export function formatJson(results: readonly CheckedSchedule[], summary: CheckSummary, training: Training, specs: readonly unknown[], ignored: Ignored = { codes: [], findings: 0 }): string {
  return (
    JSON.stringify(
      {
        training,
        summary,
        ignored,
        schedules: results.map((r, k) => ({ label: r.label, spec: specs[k], findings: r.findings })),
      },
      null,
      2,
    ) + '\n'
  );
}
