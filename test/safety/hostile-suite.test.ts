/**
 * The hostile-input suite (issue 13): every command and output kind over the families of input that
 * once crashed, hung or carried a payload, spawned as a user runs lrviz, each under measured resources.
 * Every run must
 *   - end within 10 s of CPU time (user + system; wall time only guards against a hang, since CI machines
 *     are shared and a busy one stretches wall time) and peak below 1 GB resident,
 *   - exit 0, 1 or 2 with at most one line on stderr: no stack, no V8 trace,
 *   - print no NaN or Infinity,
 *   - leave no temporary file, and change no file but its own target.
 * Named cases come first; fast-check then draws further combinations of the same families.
 */
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';

const TIME = '/usr/bin/time';
const CPU_LIMIT_S = 10;
const RSS_LIMIT_KB = 1_000_000;
/** A run still going after this long has hung, however busy the machine. */
const WALL_LIMIT_MS = 90_000;

/**
 * Inputs live in one folder that no run may change; each run works in a fresh folder of its own (runs go
 * side by side, so a temporary file is looked for only where that run writes).
 */
const root = mkdtempSync(join(tmpdir(), 'lrviz-hostile-suite-'));
const inputs = join(root, 'inputs');
mkdirSync(inputs);
const input = (name: string): string => join(inputs, name);
const bystanders: string[] = [];
function fixture(name: string, text: string): string {
  writeFileSync(input(name), text);
  bystanders.push(name);
  return input(name);
}
fixture('huge-value.csv', 'step,lr\n0,1.7e308\n1,0.001\n2,0.001\n3,0.001\n');
fixture('long-cells.csv', `step,lr\n${'1'.repeat(200_000)}x,0.1\n0,0.1\n1,0.1\n2,0.05\n`);
fixture('zeros.csv', 'step,lr\n0,0\n1,0\n2,0\n');
fixture('dup.json', '{"type":"cosine","lr":0.1,"lr":10}');
fixture('bom.json', '\uFEFF{"type":"cosine","lr":0.5}');
fixture('digits.json', `{"type":"cosine","lr":"${'9'.repeat(200_000)}"}`);
let nested: object = { type: 'cosine', lr: 0.1 };
for (let k = 0; k < 40; k++) nested = { type: 'scale', schedule: nested, factor: 1 };
fixture('nested.json', JSON.stringify(nested));
fixture('deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`);
mkdirSync(input('folder.csv'));
spawnSync('mkfifo', [input('silent.fifo')]);

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  cpuSeconds?: number;
  peakKb?: number;
}

/** Spawns lrviz in `cwd`, measured by /usr/bin/time when it is there. */
function run(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const measured = existsSync(TIME);
  const command = measured ? TIME : process.execPath;
  const argv = measured ? ['-f', '@@%U %S %M', process.execPath, BIN, ...args] : [BIN, ...args];
  return new Promise((done) => {
    const child = spawn(command, argv, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout.length < 1 << 26 ? (stdout += chunk) : undefined));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), WALL_LIMIT_MS);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const result: Run = { status, signal, stdout, stderr };
      if (measured) {
        const at = stderr.lastIndexOf('@@');
        if (at !== -1) {
          const [user, system, kb] = stderr.slice(at + 2).trim().split(' ').map(Number);
          result.cpuSeconds = user + system;
          result.peakKb = kb;
          // time(1) also reports a non-zero status on a line of its own.
          result.stderr = stderr.slice(0, at).replace(/^Command exited with non-zero status \d+\n/m, '');
        }
      }
      done(result);
    });
  });
}

function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of bystanders) files.set(name, readFileSync(input(name), 'utf8'));
  return files;
}

/** A fresh folder for one run, holding what that run may write over. */
function workFolder(): string {
  const folder = mkdtempSync(join(root, 'run-'));
  writeFileSync(join(folder, 'readonly.csv'), 'read-only');
  chmodSync(join(folder, 'readonly.csv'), 0o444);
  writeFileSync(join(folder, 'real.csv'), 'behind a link');
  symlinkSync('real.csv', join(folder, 'link.csv'));
  return folder;
}

/** Everything the issue asks of one run. */
function holdsUp(name: string, result: Run, before: Map<string, string>, folder: string, target?: string): void {
  const where = `${name}\n${result.stderr}`;
  expect(result.signal, where).toBeNull();
  expect([0, 1, 2], where).toContain(result.status);
  if (result.cpuSeconds !== undefined) expect(result.cpuSeconds, where).toBeLessThan(CPU_LIMIT_S);
  if (result.peakKb !== undefined) expect(result.peakKb, where).toBeLessThan(RSS_LIMIT_KB);
  // At most one line: the error of a refused run, or a note (a log-axis clamp, a swallowed parameter) on a run that succeeds.
  expect(result.stderr, where).toMatch(/^(lrviz: (error|note): [^\n]*\n)?$/);
  expect(result.stderr, where).not.toMatch(/\n\s+at |FATAL ERROR|Last few GCs|<--- JS stacktrace/);
  expect(result.stdout, where).not.toMatch(/\bNaN\b|Infinity/);
  for (const place of [folder, inputs]) expect(readdirSync(place).filter((file) => file.endsWith('.tmp')), where).toEqual([]);
  for (const [file, text] of before) expect(readFileSync(input(file), 'utf8'), `${where}: ${file} changed`).toBe(text);
  if (target !== 'readonly.csv') expect(readFileSync(join(folder, 'readonly.csv'), 'utf8'), where).toBe('read-only');
  if (target !== 'real.csv') expect(readFileSync(join(folder, 'real.csv'), 'utf8'), where).toBe('behind a link');
  expect(statSync(join(folder, 'readonly.csv')).mode & 0o777, where).toBe(0o444);
}

/** Output kinds: each is the flags that choose it and the file it writes, if any. */
const OUTPUTS: Record<string, { flags: string[]; target?: string }> = {
  terminal: { flags: [] },
  csv: { flags: ['-o', '-'] },
  json: { flags: ['-o', '-', '--format', 'json'] },
  svg: { flags: ['-o', 'out.svg'], target: 'out.svg' },
  png: { flags: ['-o', 'out.png'], target: 'out.png' },
  pdf: { flags: ['-o', 'out.pdf'], target: 'out.pdf' },
  html: { flags: ['-o', 'out.html'], target: 'out.html' },
  'vl.json': { flags: ['-o', '-', '--format', 'vl.json'] },
  'csv file': { flags: ['-o', 'out.csv'], target: 'out.csv' },
};

/** Hostile schedule specs: numbers, sizes, nesting, payloads, files that are not files. */
const SPECS = [
  `cosine:lr=${'1'.repeat(120_000)}x`,
  'exponential:lr=1e308,decay_rate=1e300,decay_steps=1',
  'exponential:lr=1,decay_rate=1.001,decay_steps=1',
  'torch.ExponentialLR:gamma=1.01',
  'constant:lr=5e-324',
  'constant:lr=1.7e308',
  '{"type":"cosine","label":"x\\u001b]0;pwned\\u0007y\\u001b[2J"}',
  '{"type":"cosine","label":"=HYPERLINK(\\"http://x\\")"}',
  `@${input('dup.json')}`,
  `@${input('bom.json')}`,
  `@${input('digits.json')}`,
  `@${input('nested.json')}`,
  `@${input('deep.json')}`,
  '@/dev/zero',
  `@${input('folder.csv')}`,
  'cosine:lr=0x10',
];

const LOGS = [input('huge-value.csv'), input('long-cells.csv'), input('zeros.csv'), '/dev/zero', input('folder.csv')];

/** Flag values that once crashed, hung or were accepted wrongly. */
const FLAGS = [
  ['--width', '100000', '--height', '100000'],
  ['--steps', `${'1'.repeat(120_000)}`],
  ['--steps', '200000'],
  ['--scale', '0x2'],
  ['--log-y'],
  ['-t', '\u001b]0;title\u0007'],
];

interface Case {
  name: string;
  args: string[];
  target?: string;
  env?: Record<string, string>;
}

function plotCases(): Case[] {
  const cases: Case[] = [];
  // Pictures cost a second or so each: they get the specs that reach a renderer (numbers, payloads),
  // the text outputs get every spec.
  const pictures = new Set(['svg', 'png', 'pdf', 'html', 'vl.json']);
  for (const [kind, output] of Object.entries(OUTPUTS)) {
    for (const spec of pictures.has(kind) ? SPECS.slice(1, 8) : SPECS) {
      cases.push({ name: `plot ${kind} -s ${spec.slice(0, 60)}`, args: ['plot', '-s', spec, ...output.flags], target: output.target });
    }
  }
  for (const [kind, output] of Object.entries({ terminal: OUTPUTS.terminal, csv: OUTPUTS.csv, svg: OUTPUTS.svg })) {
    for (const log of LOGS) cases.push({ name: `plot ${kind} --log ${log}`, args: ['plot', '-s', 'cosine', '--log', log, ...output.flags], target: output.target });
    for (const flags of FLAGS) cases.push({ name: `plot ${kind} ${flags.join(' ').slice(0, 60)}`, args: ['plot', '-s', 'cosine', ...flags, ...output.flags], target: output.target });
  }
  return cases;
}

const TARGETS: Case[] = [
  { name: '-o a read-only file', args: ['plot', '-s', 'cosine', '-o', 'readonly.csv'] },
  { name: '-o a symlink', args: ['plot', '-s', 'cosine', '-o', 'link.csv'], target: 'real.csv' },
  { name: '-o a folder', args: ['plot', '-s', 'cosine', '-o', input('folder.csv')] },
  { name: '-o a 250-character name', args: ['plot', '-s', 'cosine', '-o', `${'x'.repeat(246)}.csv`] },
  { name: '-o a PNG of 16384 squared', args: ['plot', '-s', 'cosine', '-o', 'out.png', '--width', '16384', '--height', '16384'], target: 'out.png' },
  { name: 'COLUMNS of a billion', args: ['plot', '-s', 'cosine'], env: { COLUMNS: '1000000000' } },
];

function otherCommands(): Case[] {
  const cases: Case[] = [];
  for (const spec of SPECS.slice(0, 8)) {
    cases.push({ name: `compare ${spec.slice(0, 40)}`, args: ['compare', '-s', spec, '-s', 'cosine'] });
    cases.push({ name: `compare --json ${spec.slice(0, 40)}`, args: ['compare', '-s', spec, '-s', 'cosine', '--json'] });
    cases.push({ name: `check ${spec.slice(0, 40)}`, args: ['check', '-s', spec, '--train-steps', '1000'] });
    cases.push({ name: `check --json ${spec.slice(0, 40)}`, args: ['check', '-s', spec, '--train-steps', '1000', '--json'] });
  }
  for (const log of [...LOGS, input('silent.fifo')]) {
    cases.push({ name: `fit ${log}`, args: ['fit', log] });
    cases.push({ name: `fit --json ${log}`, args: ['fit', log, '--json'] });
    cases.push({ name: `compare --log ${log}`, args: ['compare', '-s', 'cosine', '--log', log] });
  }
  return cases;
}

describe('the hostile-input suite', () => {
  const cases = [...plotCases(), ...TARGETS, ...otherCommands()];

  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const before = snapshot();
    const folder = workFolder();
    holdsUp(name, await run(folder, c.args, c.env), before, folder, c.target);
  });

  it('fast-check: random combinations of the same families hold up too', async () => {
    const outputs = Object.values(OUTPUTS);
    const drawn = fc.record({
      spec: fc.constantFrom(...SPECS, 'cosine', 'cosine-restarts:cycle=7', 'hf.cosine'),
      output: fc.constantFrom(...outputs),
      flags: fc.subarray(FLAGS.slice(0, 5), { maxLength: 2 }),
      log: fc.option(fc.constantFrom(...LOGS), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(drawn, async ({ spec, output, flags, log }) => {
        const args = ['plot', '-s', spec, ...flags.flat(), ...(log ? ['--log', log] : []), ...output.flags];
        const before = snapshot();
        const folder = workFolder();
        holdsUp(args.join(' ').slice(0, 200), await run(folder, args), before, folder, output.target);
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
