/**
 * `lrviz resolve` for people: the `-s` equivalent and the command line that plots it, every derived number
 * with its rule and source, the assumptions and what to look out for. The command lines it prints are the
 * CLI's own, so the report lives here; what it reports is the config's (src/config).
 */
import { specText } from '../config/format.js';
import { count } from '../config/plan.js';
import type { ResolvedConfig } from '../config/types.js';

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
