// Each character has one place in this pattern (no two quantifiers compete for the same digits), so a
// rejected 100 KB digit run fails in linear time; `\d+\.?\d*` backtracked quadratically.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number as a person writes it (in a spec, a flag, a CSV log): decimal or scientific, finite. Rejects
 * what `Number()` would quietly accept (hex, "", whitespace, "Infinity"). -0 reads as 0 so that no "-0"
 * is ever printed.
 */
export function parseNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? 0 : value;
}
