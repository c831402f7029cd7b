/** What a successful `lrviz plot` may print, format by format: no NaN or Infinity where rates go. */
import { expect } from 'vitest';

/** No printed learning rate is NaN or Infinity, whatever the format (labels are the user's text). */
export function checkNoNonFinite(format: string, text: string, binary: Buffer): void {
  if (format === 'csv') {
    for (const row of text.split('\r\n').slice(1).filter(Boolean)) {
      const fields = row.split(',');
      for (const field of fields.slice(-1)) expect(Number.isFinite(Number(field)), row).toBe(true);
    }
  } else if (format === 'json') {
    const parsed = JSON.parse(text);
    for (const series of parsed.series ?? []) for (const value of series.values) expect(Number.isFinite(value)).toBe(true);
  } else if (format === 'vl.json') {
    expect(() => JSON.parse(text)).not.toThrow();
  } else if (format === 'svg') {
    // Coordinates live in attributes; labels are text content.
    expect(text).not.toMatch(/="[^"]*\b(NaN|Infinity)\b[^"]*"/);
  } else if (format === 'html') {
    // The page inlines vega, whose code says NaN: only its shape is checked here.
    expect(text.toLowerCase()).toMatch(/^<!doctype html>/);
  } else if (format === 'png') {
    expect(binary.subarray(1, 4).toString()).toBe('PNG');
  } else {
    for (const line of text.split('\n').filter((l) => /[┤┼]/.test(l))) expect(line.split(/[┤┼]/)[0]).not.toMatch(/NaN|Infinity/);
  }
}

export function formatOf(args: string[], output: string | undefined): string {
  const at = args.lastIndexOf('--format');
  if (at !== -1) return args[at + 1];
  if (output === undefined) return 'terminal';
  if (output === '-') return 'csv';
  const lower = output.toLowerCase();
  return lower.endsWith('.vl.json') ? 'vl.json' : lower.slice(lower.lastIndexOf('.') + 1);
}
