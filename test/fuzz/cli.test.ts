/**
 * The CLI against random argument lists, run in-process through `main()` (fast enough for hundreds of
 * runs): any flags in any order, specs of any shape, hostile numbers and paths. Every run ends with
 * status 0, 1 or 2 (1 only where a command reports a failed check), an error is one line without a
 * stack trace unless --debug, no output holds NaN or Infinity, a failed run leaves an existing output
 * file as it was, and no temporary file is left behind.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { anySpec } from './arbitraries.js';
import { commandLines } from './command-lines.js';
import { checkNoNonFinite, formatOf } from './output-checks.js';

/** Everything written to stdout: through write-output's writeSync(1) or through process.stdout. */
let stdout: Buffer[] = [];
let stderr: string[] = [];

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (fd !== 1) return (actual.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
    const [offset = 0, length] = rest as [number | undefined, number | undefined];
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const piece = bytes.subarray(offset as number, length === undefined ? undefined : (offset as number) + length);
    stdout.push(Buffer.from(piece));
    return piece.length;
  }) as typeof actual.writeSync;
  return { ...actual, writeSync, default: { ...actual, writeSync } };
});

const dir = mkdtempSync(join(tmpdir(), 'lrviz-fuzz-cli-'));
const at = (name: string) => join(dir, name);
const { commandLine, specFile } = commandLines(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(Buffer.from(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe('lrviz, in-process', () => {
  it('ends every command line with 0, 1 or 2, one line of error and no NaN', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, fc.boolean(), anySpec(0), async (args, precious, fileSpec) => {
        stdout = [];
        stderr = [];
        writeFileSync(specFile, JSON.stringify(fileSpec));
        for (const name of readdirSync(dir)) if (name.startsWith('out')) rmSync(at(name), { force: true, recursive: true });
        const flag = args.lastIndexOf('-o');
        const output = flag === -1 || flag + 1 >= args.length ? undefined : args[flag + 1];
        const replaceable = output !== undefined && output.startsWith(at('out'));
        if (precious && replaceable) writeFileSync(output, 'precious');
        const status = await main(args);
        const err = stderr.join('');
        const debug = args.includes('--debug');
        expect([0, 1, 2], err).toContain(status);
        expect(err).not.toMatch(/internal error/);
        if (!debug) expect(err).not.toMatch(/\n\s+at /);
        if (status === 2 && !debug) expect(err).toMatch(/^lrviz: error: [^\n]+\n$/);
        if (status === 1) expect(args[0]).toMatch(/^(check|compare)$/);
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        const isPlot = args[0] === 'plot' && !args.includes('--help') && !args.includes('-V');
        if (isPlot && status !== 0 && precious && replaceable) expect(readFileSync(output, 'utf8')).toBe('precious');
        if (isPlot && status === 0) {
          const format = formatOf(args, output);
          const binary = output && output !== '-' && existsSync(output) ? readFileSync(output) : Buffer.concat(stdout);
          const text = binary.toString('utf8');
          checkNoNonFinite(format, text, binary);
        }
      }),
      { numRuns: Number(process.env.LRVIZ_FUZZ_RUNS ?? 300) },
    );
  }, 120_000);
});

describe('found by these tests, kept as examples', () => {
  it('draws subnormal learning rates instead of failing to draw them', async () => {
    for (const spec of ['constant:lr=5e-324', 'cosine:lr=1e-310']) {
      expect(await main(['plot', '-s', spec, '-H', '5'])).toBe(0);
      expect(stderr.join('')).toBe('');
    }
  });

  it('shows the help for lrviz alone, status 0, instead of "error: (outputHelp)"', async () => {
    expect(await main([])).toBe(0);
    expect(Buffer.concat(stdout).toString()).toMatch(/^Usage: lrviz/);
    expect(stderr.join('')).toBe('');
  });
});
