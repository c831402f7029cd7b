/**
 * The layering of src/ holds: every import keeps to the rules in .dependency-cruiser.cjs (type-only imports
 * too), nothing below the CLI touches the process's arguments, exit or terminal, and no floor below the
 * CLI spells lrviz's flags: each names fields, which the CLI maps to its flags.
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

/** The lines of src/ outside src/cli that `offends` picks, as `path:line: text`. */
function linesBelowTheCli(offends: (line: string) => boolean): string[] {
  return sourcesUnder(join(root, 'src'))
    .filter((path) => !relative(root, path).startsWith('src/cli/'))
    .flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, k) => [line, k] as const)
        .filter(([line]) => offends(line))
        .map(([line, k]) => `${relative(root, path)}:${k + 1}: ${line.trim()}`),
    );
}

describe('layering', () => {
  it('every import keeps to the rules of .dependency-cruiser.cjs', async () => {
    const violations: { rule: string; from: string; to: string; comment: string }[] = await layeringViolations();
    expect(violations.map((v) => `${v.rule}: ${v.from} -> ${v.to} (${v.comment})`)).toEqual([]);
  });

  it('nothing below the CLI reads argv, exits the process or asks the terminal', () => {
    const offending = linesBelowTheCli((line) => /process\.(argv|exit|exitCode|stdin|stdout|stderr)\b|\bisTTY\b|getWindowSize/.test(line));
    expect(offending).toEqual([]);
  });

  it("no floor below the CLI spells one of lrviz's own flags: it names fields, and the CLI spells them (flagOf)", () => {
    // Every long flag the CLI declares (`.option('-n, --steps <n>', ...)`), read from its source.
    const declared = sourcesUnder(join(root, 'src/cli')).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/\.option\(\s*['"`](?:-\w, )?(--[\w-]+)/g)].map((match) => match[1]),
    );
    const flags = [...new Set(declared)];
    // The scan is only as good as the list: it must hold the flags it guards (the plan's, the run's, the log's).
    expect(flags).toEqual(
      expect.arrayContaining(['--config', '--stack', '--dataset-size', '--devices', '--steps-per-epoch', '--epochs', '--grad-accum', '--old-rule', '--steps', '--dtype', '--log', '--schedule', '--output', '--width']),
    );
    // A flag whole (`--steps`, not the start of `--steps-per-epoch`); the stacks' own arguments (Megatron's
    // --train-iters, --lr-warmup-fraction, ...) are facts about their files and pass. Comments may say
    // which flag feeds a field: they are read by people working on lrviz, never shown to its users.
    const spelled = new RegExp(`(?<![\\w-])(${flags.join('|')})(?![\\w-])`);
    const comment = /^\s*(\/\/|\/\*|\*)/;
    expect(linesBelowTheCli((line) => !comment.test(line) && spelled.test(line))).toEqual([]);
  });
});
