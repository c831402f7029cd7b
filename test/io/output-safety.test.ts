/**
 * Writing output, as a user meets it: a bad place for -o is one line and exit 2 with nothing left
 * behind; a failure at any point, even long after writing began, leaves an existing file as it was;
 * a full disk on stdout is an error, not a crash.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, lrviz } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-io-'));
});

/** Nothing but the files a test put there: no temporary file survives a failure. */
function noTemporaryFiles(folder: string): void {
  expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
}

function refusedInOneLine(result: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^lrviz: error: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

describe('-o to a place that cannot take a file', () => {
  it('a folder', () => {
    const folder = join(dir, 'a-folder.csv');
    mkdirSync(folder);
    refusedInOneLine(lrviz(['plot', '-s', 'cosine', '-o', folder]), /is a folder; give a file name/);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a folder that does not exist', () => {
    refusedInOneLine(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'missing', 'lr.csv')]), /its folder does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('a file where a folder is expected', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    refusedInOneLine(lrviz(['plot', '-s', 'cosine', '-o', join(file, 'lr.csv')]), /cannot write there \(ENOTDIR\)/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it.runIf(existsSync('/sys/kernel'))('a place even root may not write (sysfs)', () => {
    refusedInOneLine(lrviz(['plot', '-s', 'cosine', '-o', '/sys/kernel/lrviz-test.csv']), /that place is not writable/);
  });

  it('every picture and text format refuses the same way', () => {
    for (const extension of ['json', 'txt', 'svg', 'png', 'html', 'vl.json']) {
      refusedInOneLine(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'missing', `lr.${extension}`)]), /its folder does not exist/);
    }
  });
});

describe('an existing output file survives any failure', () => {
  it('a spec refused before anything is written', () => {
    const file = join(dir, 'keep-1.csv');
    writeFileSync(file, 'precious');
    refusedInOneLine(lrviz(['plot', '-s', 'cosine:lr=-1', '-o', file]), /lr=-1/);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    noTemporaryFiles(dir);
  });

  it('a schedule that overflows at step 2, as writing starts', () => {
    const file = join(dir, 'keep-2.csv');
    writeFileSync(file, 'precious');
    refusedInOneLine(lrviz(['plot', '-s', 'exponential:decay_rate=1e300,decay_steps=1', '--steps', '1000000', '-o', file]), /at step 2 is Infinity/);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    noTemporaryFiles(dir);
  });

  it('a schedule that overflows at step 710138, megabytes into the file', () => {
    // 1.001^i passes the largest double at i = 710138: by then some 15 MB of rows were streamed to the
    // temporary file (written in 64 KiB pieces), which must go, leaving the old file whole.
    for (const extension of ['csv', 'json']) {
      const file = join(dir, `keep-3.${extension}`);
      writeFileSync(file, 'precious');
      refusedInOneLine(lrviz(['plot', '-s', 'exponential:lr=1,decay_rate=1.001,decay_steps=1', '--steps', '1000000', '-o', file]), /at step 710138 is Infinity/);
      expect(readFileSync(file, 'utf8')).toBe('precious');
      noTemporaryFiles(dir);
    }
  });

  it('a value that overflows a million rows in is refused before the first byte of stdout', () => {
    // A stream cannot be taken back: a refusal after 710,138 rows would leave a cut-short CSV downstream.
    for (const spec of ['exponential:lr=1,decay_rate=1.001,decay_steps=1', 'torch.ExponentialLR:gamma=1.01']) {
      for (const format of ['csv', 'json']) {
        const result = spawnSync(process.execPath, [BIN, 'plot', '-s', spec, '--steps', '1000000', '-o', '-', '--format', format], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
          env: { ...process.env, NO_COLOR: '1' },
        });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^lrviz: error: [^\n]*at step (710138|71333) is Infinity[^\n]*\n$/);
        expect(result.stdout).toBe('');
      }
    }
  });

  it.runIf(existsSync('/dev/full'))('a full disk on stdout is one line and exit 2, for every kind of output', () => {
    for (const extra of [[], ['-o', '-'], ['-f', 'json'], ['-f', 'svg']]) {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine --steps 200000 ${extra.join(' ')} > /dev/full`], { encoding: 'utf8' });
      expect(result.status, extra.join(' ')).toBe(2);
      expect(result.stderr).toBe('lrviz: error: cannot write to standard output (ENOSPC)\n');
    }
  });
});
