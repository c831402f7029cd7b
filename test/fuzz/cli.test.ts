/**
 * The CLI against random argument lists, run in-process through `main()` (fast enough for hundreds of
 * runs): any flags in any order, specs of any shape, hostile numbers and paths. Every run ends with
 * status 0, 1 or 2 (1 only where a command reports a failed check), an error is one line without a
 * stack trace unless --debug, no output holds NaN or Infinity, a failed run leaves an existing output
 * file as it was, and no temporary file is left behind.
 */
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { anyJson, anySpec, asText, trickyText } from './arbitraries.js';

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

// Made at load time: the generators below name files in it.
const dir = mkdtempSync(join(tmpdir(), 'lrviz-fuzz-cli-'));
const at = (name: string) => join(dir, name);
const specFile = at('spec.json');
beforeAll(() => {
  writeFileSync(at('run.csv'), 'step,lr\n0,0.001\n10,0.0009\n20,0.0005\n30,0.0001\n');
  mkdirSync(at('folder.csv'));
  writeFileSync(at('garbage.json'), '\u0000{{{ not json');
});
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

/** Step counts: small enough to run in-process, plus every way of writing a wrong one. */
const stepsText = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 20000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', '2e4', '0x10', '', ' 7', 'NaN', 'Infinity', '1e400', '99999999999999999999', '1e13', 'abc', '-0') },
);
const smallNumberText = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 300 }).map(String) }, { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -3, max: 0 }).map(String), trickyText) });
const outputName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('out.csv', 'out.json', 'out.txt', 'out.svg', 'out.html', 'out.vl.json', 'out.png', 'out.CSV').map(at) },
  { weight: 2, arbitrary: fc.constant('-') },
  { weight: 1, arbitrary: fc.constantFrom('out.xlsx', 'out', 'folder.csv', 'missing/out.csv', 'garbage.json/out.csv').map(at) },
  { weight: 1, arbitrary: fc.constant('') },
);
const formatName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('csv', 'json', 'txt', 'svg', 'html', 'vl.json', 'png', 'terminal') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('xlsx', ''), fc.string({ maxLength: 5 })) });

/** A `-s` value: a spec as text or JSON, a spec file, or junk. */
const specArgument = fc.oneof(
  { weight: 3, arbitrary: anySpec(1).map(asText) },
  { weight: 2, arbitrary: anySpec(1).map((spec) => JSON.stringify(spec)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom('cosine-warmup', 'cosine:lr=3e-4', 'cosine-restarts:cycle=100,cycle_mult=2', 'wsd', 'step:milestones=[10,20]', 'torch.StepLR:lr=0.1,step_size=30', 'hf.linear:lr=1e-3,num_training_steps=100', 'exponential:decay_rate=0.5', 'one-cycle', `@${specFile}`),
  },
  { weight: 1, arbitrary: fc.constantFrom( `@${specFile}`, `@${at('garbage.json')}`, `@${at('folder.csv')}`, `@${at('missing.json')}`, '@') },
  { weight: 1, arbitrary: fc.oneof(trickyText, anyJson.map((v) => JSON.stringify(v) ?? '')) },
);

/** Options in any order: each present or not, then shuffled; one stray token now and then. */
function options(groups: fc.Arbitrary<string[]>[], required: fc.Arbitrary<string[][]> = fc.constant([])): fc.Arbitrary<string[]> {
  const stray = fc.oneof(
    { weight: 12, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.constantFrom(['--debug'], ['--help'], ['-V'], ['--'], ['-'], ['--colour'], ['-x'], ['extra']) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('--steps', '--format', '--every', '--json'), trickyText) },
  );
  return fc
    .tuple(required, ...groups.map((group) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: group })), stray)
    .chain(([must, ...rest]) => {
      const chosen = [...must, ...(rest as (string[] | null)[]).filter((g): g is string[] => g !== null && g.length > 0)];
      return fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length });
    })
    .map((chosen) => chosen.flat());
}

const schedules = fc.array(fc.tuple(fc.constantFrom('-s', '--schedule'), specArgument), { minLength: 1, maxLength: 2 });
const plotLine = options(
  [
    stepsText.map((n) => ['--steps', n]),
    outputName.map((o) => ['-o', o]),
    formatName.map((f) => ['--format', f]),
    smallNumberText.map((k) => ['--every', k]),
    smallNumberText.map((w) => ['-W', w]),
    smallNumberText.map((h) => ['-H', h]),
    fc.string({ maxLength: 20 }).map((t) => ['-t', t]),
    fc.constant(['--log-y']),
    fc.constantFrom('light', 'dark', 'dark', 'blue', '').map((t) => ['--theme', t]),
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', '2', '1.5') }, { weight: 1, arbitrary: fc.constantFrom('0', '0.05', '11', 'NaN', '1e400') }).map((x) => ['--scale', x]),
    fc.constantFrom('run.csv', 'garbage.json', 'folder.csv', 'missing.csv').map((l) => ['--log', at(l)]),
  ],
  schedules,
).map((rest) => ['plot', ...rest]);
const listLine = options([fc.constantFrom('cosine', 'torch', 'hf.linear', 'nope').map((n) => [n]), fc.constantFrom('torch', 'hf', 'lrviz', 'x').map((f) => ['--framework', f]), fc.constant(['--json'])]).map((rest) => ['list', ...rest]);
const checkLine = options(
  [
    smallNumberText.map((n) => ['--train-steps', n]),
    smallNumberText.map((n) => ['--epochs', n]),
    smallNumberText.map((n) => ['--steps-per-epoch', n]),
    fc.constantFrom('batch', 'epoch', 'step').map((u) => ['--stepped', u]),
    fc.constantFrom(['--strict'], ['--json']),
  ],
  schedules,
).map((rest) => ['check', ...rest]);
const compareLine = options(
  [stepsText.map((n) => ['--steps', n]), fc.constantFrom('run.csv', 'garbage.json', 'missing.csv').map((l) => ['--log', at(l)]), fc.constantFrom(['--json'], ['--no-chart']), smallNumberText.map((w) => ['-W', w])],
  schedules,
).map((rest) => ['compare', ...rest]);
const fitLine = options([fc.constantFrom('1', '2', '0', 'x').map((k) => ['--series', k]), fc.constantFrom(['--json'], ['--no-chart'])], fc.constantFrom('run.csv', 'garbage.json', 'folder.csv', 'missing.csv').map((l) => [[at(l)]])).map((rest) => ['fit', ...rest]);

/** A whole command line: mostly `plot`, every other command too, and lines that are wrong from the start. */
const commandLine = fc.oneof(
  { weight: 10, arbitrary: plotLine },
  { weight: 1, arbitrary: listLine },
  { weight: 2, arbitrary: checkLine },
  { weight: 2, arbitrary: compareLine },
  { weight: 1, arbitrary: fitLine },
  { weight: 1, arbitrary: fc.constantFrom([], ['--help'], ['-V'], ['plto', '-s', 'cosine'], ['--steps', '5', 'plot'], ['plot', 'cosine']) },
);

/** No printed learning rate is NaN or Infinity, whatever the format (labels are the user's text). */
function checkNoNonFinite(format: string, text: string, binary: Buffer): void {
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

function formatOf(args: string[], output: string | undefined): string {
  const at = args.lastIndexOf('--format');
  if (at !== -1) return args[at + 1];
  if (output === undefined) return 'terminal';
  if (output === '-') return 'csv';
  const lower = output.toLowerCase();
  return lower.endsWith('.vl.json') ? 'vl.json' : lower.slice(lower.lastIndexOf('.') + 1);
}

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
