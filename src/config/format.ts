/** `lrviz resolve` output: the `-s` equivalent, every derived number with its rule and source, the assumptions. */
import { count } from './plan.js';
import type { ResolvedConfig } from './types.js';

/**
 * A spec object as the text `-s` reads: `hf.cosine:lr=0.00002,num_warmup_steps=196`. Numbers print in
 * JavaScript's shortest round-trip form, so that `plot -s` with this text reproduces the curve exactly.
 */
export function specText(spec: ResolvedConfig['spec']): string {
  const parts = Object.entries(spec)
    .filter(([key, value]) => key !== 'type' && key !== 'label' && value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${valueText(value)}`);
  return parts.length === 0 ? spec.type : `${spec.type}:${parts.join(',')}`;
}

function valueText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return /^[\w.+-]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** Single quotes for a shell, unless nothing in the text needs them. */
function shellQuoted(text: string): string {
  return /^[\w.,:=+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function formatResolved(resolved: ResolvedConfig): string {
  const lines = [`${resolved.file}: ${resolved.stack}, rules of ${resolved.release}`];
  const spec = specText(resolved.spec);
  lines.push(`  -s ${spec}`);
  // A scheduler stepped per epoch is reproduced with -s only when held per epoch as well.
  const held = resolved.stepped === undefined ? '' : ` --stepped epoch --steps-per-epoch ${resolved.stepped.stepsPerEpoch}`;
  if (resolved.updates !== undefined) lines.push(`  updates: ${count(resolved.updates)} (lrviz plot -s ${shellQuoted(spec)} --steps ${resolved.updates}${held})`);
  else lines.push('  updates: not known from the file (give --steps N to plot it)');
  if (resolved.derivations.length > 0) {
    lines.push('derived:');
    const width = Math.max(...resolved.derivations.map((d) => `${d.what} ${count(d.value)}`.length));
    for (const d of resolved.derivations) {
      const head = `${d.what} ${count(d.value)}`.padEnd(width);
      const rule = d.rule === d.what || d.rule === '' ? '' : ` = ${d.rule}`;
      lines.push(`  ${head}${rule}  (${d.source})`);
    }
  }
  if (resolved.assumptions.length > 0) {
    lines.push('assumed:');
    for (const a of resolved.assumptions) lines.push(`  - ${a}`);
  }
  if (resolved.notes.length > 0) {
    lines.push('look out:');
    for (const n of resolved.notes) lines.push(`  ${n.code} ${n.message}`, `         fix: ${n.fix}`);
  }
  return lines.join('\n') + '\n';
}

export function resolvedJson(resolved: ResolvedConfig): Record<string, unknown> {
  return { ...resolved, specText: specText(resolved.spec) };
}
