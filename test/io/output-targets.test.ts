/**
 * What `-o PATH` does with each kind of thing already at PATH: a regular file is replaced atomically with
 * its mode and owner kept; a read-only one is refused; hard links and symlinks stay what they were;
 * devices, FIFOs and inherited descriptors are written through in place; a signal mid-write leaves no
 * temporary file. Tests run as root in CI, so devices are fresh nodes in a temporary folder, never /dev's.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, lrviz } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-targets-'));
});

const CSV_START = 'step,cosine\r\n0,0.001\r\n';
const isRoot = process.getuid?.() === 0;

function temporaryFiles(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

function ok(args: string[]): void {
  const result = lrviz(args);
  expect([result.status, result.stderr]).toEqual([0, '']);
}

describe('a regular file', () => {
  it('is replaced, keeping its mode', () => {
    const file = join(dir, 'lr.csv');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    ok(['plot', '-s', 'cosine', '-o', file]);
    expect(readFileSync(file, 'utf8').startsWith(CSV_START)).toBe(true);
    expect(statSync(file).mode & 0o7777).toBe(0o600);
    expect(temporaryFiles()).toEqual([]);
  });

  it.runIf(isRoot)('keeps its owner when root writes it', () => {
    const file = join(dir, 'theirs.csv');
    writeFileSync(file, 'old');
    chownSync(file, 65534, 65534);
    ok(['plot', '-s', 'cosine', '-o', file]);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([65534, 65534]);
  });

  it('a new file gets the usual mode (0666 less the umask)', () => {
    const file = join(dir, 'new.csv');
    const result = spawnSync('sh', ['-c', `umask 027; "${process.execPath}" "${BIN}" plot -s cosine -o "${file}"`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('read-only is refused in one line, even for root, and stays as it was', () => {
    const file = join(dir, 'ro.csv');
    writeFileSync(file, 'precious');
    chmodSync(file, 0o444);
    const result = lrviz(['plot', '-s', 'cosine', '-o', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^lrviz: error: --output "[^"]*ro\.csv": the file is read-only \(mode 0444\); [^\n]*\n$/);
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(temporaryFiles()).toEqual([]);
  });

  it('with a second hard link: both names see the new content (the inode is kept, as cp keeps it)', () => {
    const file = join(dir, 'a.csv');
    const other = join(dir, 'b.csv');
    writeFileSync(file, 'old');
    linkSync(file, other);
    const inode = statSync(file).ino;
    ok(['plot', '-s', 'cosine', '-o', file]);
    expect(statSync(file).ino).toBe(inode);
    expect(statSync(other).nlink).toBe(2);
    expect(readFileSync(other, 'utf8').startsWith(CSV_START)).toBe(true);
    expect(temporaryFiles()).toEqual([]);
  });

  it('a name of 250 characters: the temporary name stays within NAME_MAX', () => {
    const file = join(dir, `${'x'.repeat(246)}.csv`);
    ok(['plot', '-s', 'cosine', '-o', file]);
    expect(readFileSync(file, 'utf8').startsWith(CSV_START)).toBe(true);
    // And a name of multi-byte characters, cut on a character boundary.
    const wide = join(dir, `${'é'.repeat(124)}.csv`);
    ok(['plot', '-s', 'cosine', '-o', wide]);
    expect(existsSync(wide)).toBe(true);
    expect(temporaryFiles()).toEqual([]);
  });
});

describe('a symlink is followed; the link stays a link', () => {
  it('to a regular file', () => {
    const real = join(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(real, 'old');
    symlinkSync('real.csv', link);
    ok(['plot', '-s', 'cosine', '-o', link]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.csv');
    expect(readFileSync(real, 'utf8').startsWith(CSV_START)).toBe(true);
  });

  it('to nothing yet: the target is created', () => {
    const link = join(dir, 'dangling.csv');
    symlinkSync('made.csv', link);
    ok(['plot', '-s', 'cosine', '-o', link]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made.csv'), 'utf8').startsWith(CSV_START)).toBe(true);
  });
});

describe('not a regular file: written through in place', () => {
  it.runIf(isRoot)('a character device (a fresh null device) stays a device', () => {
    const device = join(dir, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    ok(['plot', '-s', 'cosine', '--steps', '100000', '-o', device]);
    ok(['plot', '-s', 'cosine', '-o', device, '--format', 'svg']);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(temporaryFiles()).toEqual([]);
  });

  it('a FIFO: the reader gets the CSV, and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const readerDone = new Promise((done) => reader.on('close', done));
    ok(['plot', '-s', 'cosine', '-o', fifo]);
    await readerDone;
    expect(received.startsWith(CSV_START)).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('/dev/stdout and /dev/fd/N of a spawned process reach what the shell opened', () => {
    const out = join(dir, 'out.csv');
    const third = join(dir, 'third.csv');
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine -o /dev/stdout > "${out}" && "${process.execPath}" "${BIN}" plot -s cosine -o /dev/fd/3 3> "${third}"`], {
      encoding: 'utf8',
    });
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8').startsWith(CSV_START)).toBe(true);
    expect(readFileSync(third, 'utf8').startsWith(CSV_START)).toBe(true);
    // A pipe on descriptor 3 (what `>(gzip > x.gz)` hands over): written through, not renamed over.
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine -o /dev/fd/3 3>&1 >/dev/null | wc -c`], { encoding: 'utf8' });
    expect(Number(piped.stdout.trim())).toBeGreaterThan(20000);
  });

  it('a socket is refused in one line', async () => {
    const socket = join(dir, 'sock');
    const server = createServer().listen(socket);
    await new Promise((done) => server.on('listening', done));
    try {
      const result = lrviz(['plot', '-s', 'cosine', '-o', socket]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^lrviz: error: --output "[^"]*sock" is a socket; [^\n]*\n$/);
    } finally {
      server.close();
    }
  });
});

describe('standard output closed (>&-)', () => {
  it('is an error, not a silent success', () => {
    for (const output of [['-o', '-'], [], ['-o', '/dev/stdout']]) {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine ${output.join(' ')} >&-`], { encoding: 'utf8' });
      expect(result.status, output.join(' ')).toBe(2);
      expect(result.stderr).toBe('lrviz: error: standard output is closed; give --output FILE, or run lrviz with stdout open\n');
    }
    // While `> /dev/null` is an ordinary place to send output.
    expect(spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine -o - > /dev/null`]).status).toBe(0);
  });
});

describe('a signal during a long write removes the temporary file', () => {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: no temporary file, no target, ended by the signal`, async () => {
      const file = join(dir, 'big.csv');
      writeFileSync(file, 'precious');
      const child = spawn(process.execPath, [BIN, 'plot', '-s', 'cosine', '--steps', '1e9', '-o', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('exit', (code, sig) => done([code, sig])));
      for (let i = 0; i < 200 && temporaryFiles().length === 0; i++) await new Promise((done) => setTimeout(done, 25));
      expect(temporaryFiles()).toHaveLength(1);
      child.kill(signal);
      const [code, received] = await ended;
      expect(received ?? (code === status ? signal : code)).toBe(signal);
      expect(temporaryFiles()).toEqual([]);
      expect(readFileSync(file, 'utf8')).toBe('precious');
    });
  }
});
