/** A resolved config as data for others: its spec as the text a spec is written in, and the whole as JSON. */
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

export function resolvedJson(resolved: ResolvedConfig): Record<string, unknown> {
  return { ...resolved, specText: specText(resolved.spec) };
}
