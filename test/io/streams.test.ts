/**
 * Output as a stream: long CSV and JSON go out in chunks and read back identical to the library's
 * values; memory does not grow with the number of steps; a reader that goes away ends the run quietly
 * with status 0, whatever the output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lrValues } from '../../src/index.js';
import { BIN } from '../support/cli.js';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' };

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('streamed exports read back identical', () => {
  const spec = 'cosine-restarts:lr=0.1,cycle=100000,cycle_mult=2,warmup=5000';
  const steps = 1_000_000;

  it('CSV on stdout, a million rows', () => {
    const { status, stdout, stderr } = run(['plot', '-s', spec, '--steps', String(steps), '-o', '-']);
    expect([status, stderr]).toEqual([0, '']);
    const expected = lrValues(spec, steps);
    const rows = stdout.split('\r\n');
    expect(rows.shift()).toBe(`step,"${spec}"`);
    expect(rows.pop()).toBe('');
    expect(rows).toHaveLength(steps);
    for (let i = 0; i < steps; i++) {
      const row = rows[i];
      const comma = row.indexOf(',');
      if (Number(row.slice(0, comma)) !== i || Number(row.slice(comma + 1)) !== expected[i]) expect.fail(`row ${i}: ${row}, expected ${expected[i]}`);
    }
  });

  it('JSON to a file, every 7th step', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lrviz-stream-')), 'lr.json');
    expect(run(['plot', '-s', spec, '--steps', String(steps), '--every', '7', '-o', file]).status).toBe(0);
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    const expected = lrValues(spec, steps).filter((_, i) => i % 7 === 0);
    expect(parsed.series[0].values).toEqual(Array.from(expected));
  });
});

/** Peak resident memory of one lrviz run, from /usr/bin/time. */
function peakKiB(args: string[]): number {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], { encoding: 'utf8', env, stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'] });
  expect(result.status).toBe(0);
  return Number(result.stderr.trim().split('\n').pop());
}

describe.runIf(existsSync('/usr/bin/time'))('memory does not grow with the number of steps', () => {
  // By 1e6 steps V8's young generation has grown to its ceiling (~120 MB resident in all); from there
  // on a stream stays put, while keeping the output would add ~80 MB for 3e6 more rows.
  it('CSV and JSON of 4e6 steps peak within 48 MB of 1e6 steps, and under 200 MB', () => {
    for (const format of ['csv', 'json']) {
      const small = peakKiB(['plot', '-s', 'cosine-warmup', '--steps', '1000000', '-f', format]);
      const large = peakKiB(['plot', '-s', 'cosine-warmup', '--steps', '4000000', '-f', format]);
      expect(large - small, `${format}: ${small} KiB -> ${large} KiB`).toBeLessThan(48 * 1024);
      expect(large).toBeLessThan(200 * 1000);
    }
    // Four runs of up to 4e6 rows: on a machine shared by many jobs they take minutes, not the default minute.
  }, 240_000);
});

/** Runs a shell pipeline that closes lrviz's stdout early; the status lrviz itself ended with. */
function statusBehind(readerCommand: string, args: string): { status: string; stderr: string } {
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} | ${readerCommand} > /dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', env });
  return { status: result.stdout.trim(), stderr: result.stderr };
}

describe('a reader that goes away', () => {
  const outputs: [string, string][] = [
    ['CSV', 'plot -s cosine --steps 3000000 -o -'],
    ['JSON', 'plot -s cosine --steps 3000000 -f json'],
    ['a terminal chart', 'plot -s cosine --steps 1000'],
    ['a terminal chart of many series', `plot ${Array.from({ length: 40 }, (_, k) => `-s constant:lr=${k + 1},label=${'x'.repeat(2000)}`).join(' ')} -H 200`],
    ['the schedule list', 'list'],
    ['help', '--help'],
  ];

  it.each(outputs)('%s piped to head -1: status 0, nothing on stderr', (_name, args) => {
    expect(statusBehind('head -1', args)).toEqual({ status: '0', stderr: '' });
  });

  it('CSV, JSON and the chart to a pipe closed before anything is read: status 0, quiet', async () => {
    for (const args of [['-o', '-', '--steps', '3000000'], ['-f', 'json', '--steps', '3000000'], ['--steps', '1000']]) {
      const child = spawn(process.execPath, [BIN, 'plot', '-s', 'cosine', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      expect({ args: args.join(' '), status, stderr }).toEqual({ args: args.join(' '), status: 0, stderr: '' });
    }
  });
});
