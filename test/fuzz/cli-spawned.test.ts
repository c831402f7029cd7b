/**
 * The same random command lines as cli.test.ts, run as real processes (a bounded few dozen): what
 * in-process runs cannot see, a hang, a crash outside main(), an unhandled rejection or a stack trace
 * printed by Node itself, must not happen either.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { anySpec } from './arbitraries.js';
import { commandLines } from './command-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'lrviz-fuzz-spawn-'));
const { commandLine, specFile } = commandLines(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Longer than any of these runs takes on a loaded machine, far shorter than a hang. */
const TIMEOUT_MS = 30_000;

describe('lrviz, spawned', () => {
  it('ends every command line by itself with 0, 1 or 2, and never prints a stack trace', () => {
    fc.assert(
      fc.property(commandLine, anySpec(0), (args, fileSpec) => {
        writeFileSync(specFile, JSON.stringify(fileSpec));
        const result = spawnSync(process.execPath, [BIN, ...args], {
          encoding: 'utf8',
          timeout: TIMEOUT_MS,
          maxBuffer: 1 << 28,
          cwd: dir,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
        });
        const context = `lrviz ${JSON.stringify(args)}\n${result.stderr}`;
        expect(result.signal, context).toBeNull();
        expect([0, 1, 2], context).toContain(result.status);
        expect(result.stderr, context).not.toMatch(/internal error|Unhandled|node:internal/);
        if (!args.includes('--debug')) expect(result.stderr, context).not.toMatch(/\n {4}at /);
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      }),
      { numRuns: Number(process.env.LRVIZ_FUZZ_SPAWNS ?? 40) },
    );
  }, 600_000);
});
