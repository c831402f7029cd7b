/**
 * The layering of src/ holds: every import keeps to the rules in .dependency-cruiser.cjs (type-only imports
 * too), and nothing below the CLI touches the process's arguments, exit or terminal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layeringViolations } from '../scripts/layering.mjs';

const root = join(import.meta.dirname, '..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourcesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('layering', () => {
  it('every import keeps to the rules of .dependency-cruiser.cjs', async () => {
    const violations: { rule: string; from: string; to: string; comment: string }[] = await layeringViolations();
    expect(violations.map((v) => `${v.rule}: ${v.from} -> ${v.to} (${v.comment})`)).toEqual([]);
  });

  it('nothing below the CLI reads argv, exits the process or asks the terminal', () => {
    const offending = sourcesUnder(join(root, 'src'))
      .filter((path) => !relative(root, path).startsWith('src/cli/'))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .map((line, k) => [line, k] as const)
          .filter(([line]) => /process\.(argv|exit|exitCode|stdin|stdout|stderr)\b|\bisTTY\b|getWindowSize/.test(line))
          .map(([line, k]) => `${relative(root, path)}:${k + 1}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });
});
