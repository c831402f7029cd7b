/** A JSON object (not an array, not null), as specs, configs and logs hold them. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
