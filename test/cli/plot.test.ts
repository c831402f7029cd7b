/**
 * `lrviz plot` run as a user runs it: a spawned process, its stdout, stderr, exit status and files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lrValues } from '../../src/index.js';
import { BIN, lrviz } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-plot-'));
});

function csvRows(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((row) => row.split(','));
}

describe('terminal chart', () => {
  it('draws cosine-warmup with defaults: labels that read right, an x axis in steps, a legend', () => {
    const { status, stdout, stderr } = lrviz(['plot', '--schedule', 'cosine-warmup']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('1e-3');
    expect(stdout).not.toContain('0.00 ');
    expect(stdout).toMatch(/step\n/);
    expect(stdout).toContain('── cosine-warmup');
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it('labels small rates in scientific notation, never 0.00', () => {
    const { stdout } = lrviz(['plot', '-s', 'cosine:lr=3e-5', '--steps', '500']);
    const labels = stdout.split('\n').filter((l) => /[┤┼]/.test(l)).map((l) => l.split(/[┤┼]/)[0].trim());
    expect(labels.length).toBeGreaterThan(5);
    expect(labels[0]).toBe('3e-5');
    expect(new Set(labels).size).toBe(labels.length);
    for (const label of labels) expect(label === '0' || /e-\d/.test(label)).toBe(true);
  });

  it('without colour (-o x.txt, NO_COLOR, piped) draws each series in its own glyphs, as its legend shows', () => {
    const file = join(dir, 'three.txt');
    const args = ['plot', '-s', 'constant:lr=3e-4', '-s', 'constant:lr=2e-4', '-s', 'constant:lr=1e-4', '--width', '60', '--height', '9'];
    expect(lrviz([...args, '-o', file]).status).toBe(0);
    const piped = lrviz(args).stdout;
    expect(readFileSync(file, 'utf8')).toBe(piped);
    expect(piped).not.toMatch(/\x1b\[/);
    for (const [swatch, level] of [['──', '3e-4'], ['━━', '2e-4'], ['══', '1e-4']]) {
      expect(piped).toContain(`  ${swatch} constant:lr=${level}`);
      const row = piped.split('\n').find((line) => line.trimStart().startsWith(`${level} ┤`));
      expect(row?.split('┤')[1].trim()).toBe(swatch[0].repeat(60 - 9));
    }
  });

  it('overlays several schedules with a legend entry each, within --width and --height', () => {
    const { status, stdout } = lrviz(['plot', '-s', 'cosine-warmup:lr=3e-4,warmup=500', '-s', 'cosine:lr=3e-4,label=plain cosine', '--steps', '10000', '--width', '70', '--height', '12', '--title', 'Two']);
    expect(status).toBe(0);
    expect(stdout).toContain('── cosine-warmup:lr=3e-4,warmup=500');
    expect(stdout).toContain('━━ plain cosine');
    expect(stdout.split('\n')[0].trim()).toBe('Two');
    for (const line of stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(70);
    // Eleven rows and the axis ends: every chart line starts with a label (or its room) and the axis.
    expect(stdout.split('\n').filter((l) => /^ *[^ ]* [┤│]/.test(l))).toHaveLength(12);
    expect(stdout).toContain('8k');
  });

  it('keeps a restart peak visible however many steps fall in a column', () => {
    // 1e6 steps on 60 columns: each restart lasts 1 column; the chart must still reach the peak row each time.
    const { stdout } = lrviz(['plot', '-s', 'cosine-restarts:lr=0.1,cycle=100000', '--steps', '1000000', '--width', '70', '--height', '10']);
    const top = stdout.split('\n').find((l) => l.trimStart().startsWith('0.1'))!;
    expect(top.split(/[┤┼]/)[1].match(/[╭╮─]/g)!.length).toBeGreaterThanOrEqual(10);
  });

  it('puts the rate labels at round values, and says when a log axis draws rates at its floor', () => {
    const { stdout, stderr } = lrviz(['plot', '-s', 'cosine:lr=1e-3', '--steps', '10000', '--log-y', '--height', '12', '--width', '60']);
    const labels = stdout.split('\n').filter((l) => /┤/.test(l)).map((l) => l.split('┤')[0].trim());
    expect(labels).toEqual(['1e-3', '1e-4', '1e-5', '1e-6', '1e-7']);
    expect(stderr).toBe('lrviz: note: on the log axis, "cosine:lr=1e-3" goes below 1e-7; drawn at the axis floor 1e-7 (--ylim LOW,HIGH sets it)\n');
    const linear = lrviz(['plot', '-s', 'cosine:lr=3e-4', '--height', '13', '--width', '60']).stdout;
    expect(linear.split('\n').filter((l) => /┤/.test(l)).map((l) => l.split('┤')[0].trim())).toEqual(['3e-4', '2.5e-4', '2e-4', '1.5e-4', '1e-4', '0.5e-4', '0']);
    expect(linear).not.toContain('┼');
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR off', () => {
    expect(lrviz(['plot', '-s', 'cosine'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).toMatch(/\x1b\[\d+m/);
    expect(lrviz(['plot', '-s', 'cosine'], { env: { FORCE_COLOR: '', NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
  });
});

describe('exports', () => {
  it('writes CSV with every step, read back identical to the library values', () => {
    const file = join(dir, 'lr.csv');
    const { status, stdout, stderr } = lrviz(['plot', '-s', 'cosine-restarts:lr=0.1,cycle=1000,cycle_mult=2', '--steps', '7000', '-o', file]);
    expect([status, stdout, stderr]).toEqual([0, '', '']);
    const rows = csvRows(readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual(['step', 'cosine-restarts:lr=0.1', 'cycle=1000', 'cycle_mult=2'].slice(0, 1).concat(['"cosine-restarts:lr=0.1']).concat(['cycle=1000', 'cycle_mult=2"']));
    expect(rows).toHaveLength(7001);
    const expected = lrValues('cosine-restarts:lr=0.1,cycle=1000,cycle_mult=2', 7000);
    rows.slice(1).forEach((row, i) => {
      expect(Number(row[0])).toBe(i);
      expect(Number(row[row.length - 1])).toBe(expected[i]);
    });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('quotes labels that need it (RFC 4180) and keeps every k-th row with --every', () => {
    const { stdout } = lrviz(['plot', '-s', 'constant:lr=0.1,label="a, \\"b\\""', '--steps', '10', '--every', '3', '-o', '-']);
    expect(stdout).toBe('step,"a, ""b"""\r\n0,0.1\r\n3,0.1\r\n6,0.1\r\n9,0.1\r\n');
  });

  it('writes JSON to stdout from a JSON spec, with the resolved spec', () => {
    const { status, stdout } = lrviz(['plot', '-s', '{"type":"cosine-warmup","lr":0.5,"warmup":500}', '--steps', '800', '-o', '-', '--format', 'json']);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.steps).toBe(800);
    expect(out.series).toHaveLength(1);
    expect(out.series[0].spec).toEqual({ type: 'cosine-warmup', lr: 0.5, warmup: 500, start_lr: 0, min_lr: 0, total: 800 });
    expect(out.series[0].values).toEqual(Array.from(lrValues({ type: 'cosine-warmup', lr: 0.5, warmup: 500 }, 800)));
    expect(out.series[0].values[500]).toBe(0.5);
  });

  it('reads a spec from @file, one object or a list', () => {
    const file = join(dir, 'schedule.json');
    writeFileSync(file, JSON.stringify([{ type: 'constant', lr: 0.2, label: 'flat' }, { type: 'linear', lr: 0.2 }]));
    const { status, stdout } = lrviz(['plot', '-s', `@${file}`, '--steps', '3', '-o', '-']);
    expect(status).toBe(0);
    expect(stdout).toBe('step,flat,linear\r\n0,0.2,0.2\r\n1,0.2,0.13333333333333336\r\n2,0.2,0.06666666666666668\r\n');
  });

  it('ends quietly when the reader closes the pipe', () => {
    for (const format of ['csv', 'json']) {
      const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" plot -s cosine --steps 3000000 -o - --format ${format} | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      expect(result.stdout.trim()).toBe('status=0');
      expect(result.stderr).toBe('');
    }
  });
});

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown schedule', ['-s', 'cosin-warmup'], /unknown schedule "cosin-warmup" \(did you mean "cosine-warmup"\?\)/],
    ['unknown key', ['-s', 'cosine:lr=0.1,min_l=0'], /unknown parameter "min_l" \(did you mean "min_lr"\?\).*lr, min_lr, total/],
    ['a number too large', ['-s', 'cosine:lr=1e400'], /lr=1e400.*must be a finite number/],
    ['not a number', ['-s', 'cosine:lr=abc'], /lr=abc is not allowed; lr must be a finite number/],
    ['hex is not a number here', ['-s', 'cosine:lr=0x10'], /lr=0x10 is not allowed/],
    ['negative lr', ['-s', 'cosine:lr=-0.1'], /lr=-0.1.*>= 0/],
    ['min_lr above lr', ['-s', 'cosine:lr=0.1,min_lr=0.2'], /min_lr=0.2 is above lr=0.1/],
    ['steps zero', ['-s', 'cosine', '--steps', '0'], /--steps "0".*whole number from 1/],
    ['steps fractional', ['-s', 'cosine', '--steps', '2.5'], /--steps "2.5"/],
    ['steps text', ['-s', 'cosine', '--steps', 'many'], /--steps "many"/],
    ['warmup not shorter than the horizon', ['-s', 'cosine-warmup:warmup=1000,total=1000'], /warmup=1000 is not shorter than total=1000/],
    ['cycle of 0', ['-s', 'cosine-restarts:cycle=0'], /cycle=0.*> 0/],
    ['malformed JSON', ['-s', '{"type": "cosine",'], /malformed JSON/],
    ['missing file', ['-s', '@/no/such/file.json'], /@\/no\/such\/file.json: cannot read the file \(ENOENT\)/],
    ['unknown flag', ['-s', 'cosine', '--colour'], /unknown option '--colour'/],
    ['unknown format', ['-s', 'cosine', '-o', '-', '--format', 'xlsx'], /--format "xlsx" is not a format; use one of/],
    ['unknown extension', ['-s', 'cosine', '-o', 'OUT.xlsx'], /cannot tell the format from the extension/],
    ['no schedule', [], /no schedule given/],
    ['a bad value among good ones', ['-s', 'cosine', '-s', 'linear:lr=oops'], /schedule "linear": lr=oops/],
    ['unknown legend place', ['-s', 'cosine', '--legend', 'left'], /--legend "left" is not allowed; use one of auto, right, bottom, none/],
    ['limits upside down', ['-s', 'cosine', '--ylim', '1,0'], /--ylim "1,0" is not allowed; --ylim takes LOW,HIGH, two numbers with LOW below HIGH/],
    ['one limit', ['-s', 'cosine', '--ylim', '0.1'], /--ylim "0.1" is not allowed/],
    ['log limits from 0', ['-s', 'cosine', '--log-y', '--ylim', '0,1'], /--ylim "0,1".*LOW above 0 \(the axis is logarithmic\)/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const target = join(dir, `bad-${_name.replace(/\W+/g, '-')}.csv`);
    const outputArgs = args.includes('-o') ? [] : ['-o', target];
    const { status, stdout, stderr } = lrviz(['plot', ...args, ...outputArgs], { cwd: dir });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^lrviz: error: /);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });

  it('leaves an existing file untouched', () => {
    const file = join(dir, 'keep.csv');
    writeFileSync(file, 'precious');
    expect(lrviz(['plot', '-s', 'cosine:lr=-1', '-o', file]).status).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('shows the stack only with --debug', () => {
    const { stderr } = lrviz(['plot', '-s', 'cosine:lr=-1', '--debug']);
    expect(stderr).toMatch(/^lrviz: error: /);
    expect(stderr).toMatch(/\n\s+at /);
  });
});

describe('help and version', () => {
  it('--help shows examples for every command', () => {
    for (const args of [['--help'], ['plot', '--help'], ['list', '--help']]) {
      const { status, stdout } = lrviz(args);
      expect(status).toBe(0);
      expect(stdout).toContain('Examples:');
    }
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(lrviz(['--version']).stdout.trim()).toBe(version);
  });
});

describe("where the framework raises, the framework's own error", () => {
  it('timm with cycle_mul < 1 draws up to the step timm raises at and refuses a plot reaching it', () => {
    const spec = 'timm.CosineLRScheduler:lr=0.1,t_initial=100,cycle_mul=0.5';
    expect(lrviz(['plot', '-s', spec, '--steps', '200', '-o', '-']).status).toBe(0);
    const { status, stdout, stderr } = lrviz(['plot', '-s', spec, '--steps', '201', '-o', '-']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lrviz: error: .*cycle_mul=0\.5 < 1: timm raises "ValueError: math domain error" at t=200,.*\n$/);
  });

  it('hf min_lr together with min_lr_rate is refused even when they agree, quoting transformers', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'hf.cosine_with_min_lr:lr=1,min_lr=0.1,min_lr_rate=0.1', '--steps', '10']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^lrviz: error: .*transformers raises "ValueError: Only one of min_lr or min_lr_rate should be set"\n$/);
  });
});
