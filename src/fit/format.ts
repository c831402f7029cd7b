import { count, percent, plural, rate } from '../text/numbers.js';
import type { LogFit } from './fit.js';

/** The fit for people: the parameters in words, the spec to paste after -s, the framework calls. */
export function formatFit(fit: LogFit, source: { label: string; format: string; steps: Float64Array }): string[] {
  const first = source.steps[0];
  const last = source.steps[source.steps.length - 1];
  const lines = [`${source.label} (${source.format}, ${count(source.steps.length)} points, steps ${count(first)} to ${count(last)})`];
  const row = (name: string, value: string): void => {
    lines.push(`  ${name.padEnd(9)} ${value}`);
  };
  row('family', fit.family);
  row('peak', rate(fit.peak));
  row('warmup', fit.warmup === 0 ? 'none' : `${count(fit.warmup)} steps from ${rate(fit.start)}`);
  if (fit.horizon !== undefined) row('horizon', `${count(fit.horizon)}${fit.horizon > last ? ` (the log stops at step ${count(last)})` : ''}`);
  for (const [name, value] of Object.entries(fit.shape)) if (name !== 'total') row(name, String(+value.toPrecision(6)));
  row('floor', rate(fit.floor));
  row(
    'offset',
    fit.offset === 0
      ? '0 (logged steps match the schedule)'
      : fit.offset > 0
        ? `+${fit.offset} ${plural(fit.offset, 'step')} (the log runs ${fit.offset} behind the schedule: updates skipped, e.g. by a mixed-precision loss scaler)`
        : `${fit.offset} ${plural(fit.offset, 'step')} (the log runs ${-fit.offset} ahead of the schedule)`,
  );
  row('residual', `RMS ${rate(fit.residual.rms)} (${percent(fit.residual.rmsShare)} of the peak), largest ${rate(fit.residual.maxAbs)} at step ${count(fit.residual.maxAbsStep)}`);
  lines.push('', `  -s ${fit.rendition.spec}`);
  if (fit.rendition.hf) lines.push(`  hf:    ${fit.rendition.hf}`);
  if (fit.rendition.torch) lines.push(`  torch: ${fit.rendition.torch}`);
  const compared = fit.candidates.slice(0, 5).map((c) => `${c.family} ${percent(c.rmsShare)}${c.family === fit.family ? ' (chosen)' : ''}`);
  lines.push('', `  families compared (RMS before rounding, as a share of the peak; the simplest of the equally good wins):`, `    ${compared.join(', ')}`);
  return lines;
}
