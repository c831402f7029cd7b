/**
 * Hostile inputs by name, as issue 13 found them: each ends quickly in one line or a correct result,
 * and nothing a user typed reaches a terminal or a spreadsheet as a command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, lrviz } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-hostile-'));
});

function oneLine(result: { status: number | null; stderr: string }, message: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^lrviz: error: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

/**
 * lrviz's own CPU time (user + system, in ms) for one run, measured by /usr/bin/time: wall time on a
 * shared machine says more about the neighbours than about lrviz. Falls back to wall time.
 */
function cpuTimed(args: string[]): [ReturnType<typeof lrviz>, number] {
  if (!existsSync('/usr/bin/time')) return timed(() => lrviz(args));
  const result = spawnSync('/usr/bin/time', ['-f', '@@%U %S', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  const at = result.stderr.lastIndexOf('@@');
  const [user, system] = result.stderr.slice(at + 2).trim().split(' ').map(Number);
  const stderr = result.stderr.slice(0, at).replace(/^Command exited with non-zero status \d+\n/m, '');
  return [{ status: result.status, stdout: result.stdout, stderr }, (user + system) * 1000];
}

describe('reads are capped by what is read, not by what stat says', () => {
  it('-s @/dev/zero is refused at the 1 MB cap', () => {
    oneLine(lrviz(['plot', '-s', '@/dev/zero']), /--schedule @\/dev\/zero: more than 1048576 bytes; a spec file may hold at most 1048576 bytes/);
  });

  it('--log /dev/zero is refused (a NUL is no log), not read for ever', () => {
    oneLine(lrviz(['plot', '-s', 'cosine', '--log', '/dev/zero']), /not a learning-rate log/);
  });

  it('a FIFO nobody writes to is refused after a few seconds', () => {
    const fifo = join(dir, 'silent.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const [result, ms] = timed(() => lrviz(['fit', fifo]));
    oneLine(result, /nothing to read after 5 s/);
    // Five seconds of silence by the clock; the margin is for a busy machine, not for lrviz.
    expect(ms).toBeLessThan(60_000);
  });

  it('a FIFO whose writer ends is read like a file', async () => {
    const fifo = join(dir, 'written.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const rows = Array.from({ length: 200 }, (_, k) => `${k},${(0.1 * (200 - k)) / 200}`).join('\n');
    const writer = spawn('sh', ['-c', `sleep 0.5; printf 'step,lr\\n${rows}\\n' > "${fifo}"`]);
    const result = lrviz(['fit', fifo]);
    await new Promise((done) => writer.on('close', done));
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/200 points/);
  });

  it('a spec file with a UTF-8 byte-order mark is read', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"type":"cosine","lr":0.5}');
    const result = lrviz(['plot', '-s', `@${file}`, '--steps', '3', '-o', '-']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout.startsWith('step,cosine\r\n0,0.5\r\n1,0.375\r\n')).toBe(true);
  });
});

describe('numbers parse in linear time; a rejected value is echoed short', () => {
  it('a 120 KB --steps is refused at once, echoing at most 60 characters', () => {
    const [result, ms] = cpuTimed(['plot', '-s', 'cosine', '--steps', `${'1'.repeat(120_000)}x`]);
    oneLine(result, /--steps "1{50,}\.\.\. is not allowed/);
    expect(result.stderr.length).toBeLessThan(200);
    expect(ms).toBeLessThan(5000);
  });

  it('a 200 KB spec file of digits is refused at once', () => {
    const file = join(dir, 'digits.json');
    writeFileSync(file, `{"type":"cosine","lr":"${'9'.repeat(200_000)}x"}`);
    const [result, ms] = cpuTimed(['plot', '-s', `@${file}`]);
    oneLine(result, /lr="9+\.\.\. is not allowed/);
    expect(result.stderr.length).toBeLessThan(300);
    expect(ms).toBeLessThan(5000);
  });

  it('a 10 MB CSV log with long cells is read in seconds', () => {
    const file = join(dir, 'long-cells.csv');
    const long = '1'.repeat(100_000);
    writeFileSync(file, `step,lr\n${Array.from({ length: 100 }, (_, k) => `${k}${long}x,0.1`).join('\n')}\n0,0.1\n1,0.1\n2,0.1\n`);
    const [result, ms] = cpuTimed(['fit', file]);
    expect(result.status).toBe(0);
    expect(ms).toBeLessThan(8000);
  });
});

describe('smaller refusals', () => {
  it('duplicate keys in a JSON spec, as in the text form', () => {
    oneLine(lrviz(['plot', '-s', '{"type":"cosine","lr":0.1,"lr":10}']), /schedule JSON: "lr" given twice in one object/);
    oneLine(lrviz(['plot', '-s', '{"type":"sequence","parts":[{"type":"constant","lr":1,"lr":2}],"boundaries":[]}']), /"lr" given twice/);
    // The same key in two different objects is fine.
    expect(lrviz(['plot', '-s', '{"type":"scale","schedule":{"type":"cosine","lr":0.1},"lr":1}', '-o', '-']).stderr).not.toMatch(/given twice/);
  });

  it('--scale 0x2 is refused like any other non-decimal number', () => {
    oneLine(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'x.png'), '--scale', '0x2']), /--scale "0x2" is not allowed/);
  });
});

describe('payloads are shown, never run', () => {
  const ESC_TITLE = 'x\u001b]0;pwned\u0007y';
  const CLEAR = '\u001b[2J';

  it('control characters in a label reach the terminal legend, the CSV header and JSON escaped', () => {
    for (const args of [[], ['-o', '-'], ['-o', '-', '--format', 'json'], ['-o', '-', '--format', 'svg']]) {
      const result = lrviz(['plot', '-s', JSON.stringify({ type: 'cosine', label: ESC_TITLE }), '-t', CLEAR, ...args]);
      expect(result.status).toBe(0);
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
      // JSON doubles the backslash of the escape; the text is the same.
      expect(result.stdout.replaceAll('\\\\', '\\')).toContain('x\\x1b]0;pwned\\x07y');
    }
  });

  it('in a file name, on the error line', () => {
    const result = lrviz(['plot', '-s', 'cosine', '--log', `/nonexistent/${CLEAR}.csv`]);
    oneLine(result, /\\(x1b|u001b)\[2J/);
    expect(result.stderr).not.toContain('\u001b');
  });

  it('labels a spreadsheet would run as formulas get an apostrophe, quoted (OWASP)', () => {
    for (const [label, cell] of [
      ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
      ['+1+1', `"'+1+1"`],
      ['-2+3', `"'-2+3"`],
      ['@SUM(A1)', `"'@SUM(A1)"`],
    ]) {
      const result = lrviz(['plot', '-s', `{"type":"cosine","label":${JSON.stringify(label)}}`, '--steps', '1', '-o', '-']);
      expect(result.stdout.split('\r\n')[0]).toBe(`step,${cell}`);
    }
    // A tab or carriage return first is escaped as text already, so it cannot start a formula either.
    const tab = lrviz(['plot', '-s', '{"type":"cosine","label":"\\t=1"}', '--steps', '1', '-o', '-']);
    expect(tab.stdout.split('\r\n')[0]).toBe('step,\\x09=1');
  });

  it('a file written with -o has the same escaped header', () => {
    const file = join(dir, 'payload.csv');
    expect(lrviz(['plot', '-s', JSON.stringify({ type: 'cosine', label: ESC_TITLE }), '--steps', '1', '-o', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8').split('\r\n')[0]).toBe('step,x\\x1b]0;pwned\\x07y');
  });
});

describe('no crash at ordinary sizes', () => {
  it('fit of a 200,000-point log (no argument spread over the values)', () => {
    const file = join(dir, 'long.csv');
    const rows = Array.from({ length: 200_000 }, (_, k) => `${k},${(0.001 * (200_000 - k)) / 200_000}`);
    writeFileSync(file, `step,lr\n${rows.join('\n')}\n`);
    const result = lrviz(['fit', file, '--no-chart']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/200,000 points/);
  }, 120_000);

  it('CSV of 2,000 series', () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify(Array.from({ length: 2000 }, (_, k) => ({ type: 'cosine', lr: 0.001 + k * 1e-6, label: `s${k}` }))));
    const result = lrviz(['plot', '-s', `@${file}`, '--steps', '500', '-o', '-']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const rows = result.stdout.split('\r\n');
    expect(rows).toHaveLength(502);
    expect(rows[1].split(',')).toHaveLength(2001);
  });

  it('chart sizes are capped with a clear error', () => {
    oneLine(lrviz(['plot', '-s', 'cosine', '--width', '100000', '--height', '100000']), /--width "100000" is not allowed; --width must be a whole number from 1 to 1000 \(characters in the terminal\)/);
    oneLine(lrviz(['plot', '-s', 'cosine', '--height', '5000']), /--height "5000" is not allowed; [^\n]*1000 \(lines/);
    oneLine(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'big.svg'), '--width', '100000']), /from 1 to 20000 \(pixels in a picture\)/);
    oneLine(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'big.png'), '--width', '16384', '--height', '16384']), /makes a PNG of 268435456 pixels; the most allowed is 16777216/);
    oneLine(lrviz(['compare', '-s', 'cosine', '-s', 'linear', '--width', '100000']), /--width "100000" is not allowed/);
  });

  it('a non-finite learning rate is an error in check too', () => {
    oneLine(lrviz(['check', '-s', 'exponential:lr=1e308,decay_rate=1e300,decay_steps=1', '--train-steps', '1000']), /at step 1 is Infinity, not a finite number/);
  });

  it('compare and fit never print NaN, Infinity or null: a report that overflows is refused', () => {
    const args = ['compare', '-s', 'exponential:lr=1e308,decay_rate=0.5,decay_steps=1', '-s', 'constant:lr=1e-308'];
    oneLine(lrviz(args), /compare: schedules\[0\]\.mean comes out as NaN/);
    oneLine(lrviz([...args, '--json']), /comes out as NaN/);
  });

  it('--log-y of a series that is 0 everywhere is refused in words, not labelled "from NaN to NaN"', () => {
    for (const output of [[], ['-o', join(dir, 'zero.svg')]]) {
      oneLine(lrviz(['plot', '-s', 'constant:lr=0', '--log-y', ...output]), /--log-y: no learning rate above 0 to draw/);
    }
  });

  it('40 nested schedules: the error names the path once', () => {
    let spec: object = { type: 'cosine', lr: -1 };
    for (let k = 0; k < 30; k++) spec = { type: 'scale', schedule: spec, factor: 1 };
    const result = lrviz(['plot', '-s', JSON.stringify(spec)]);
    oneLine(result, /schedule "scale" > 29 levels > schedule "cosine": lr=-1 is not allowed/);
    expect(result.stderr.match(/schedule "scale"/g)).toHaveLength(1);
  });
});
