/**
 * -o on fit and compare writes what plot writes; a flag the chosen format does not use gets a note.
 * Run as a user runs lrviz.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { readPdf } from '../render/pdf-support.js';
import { decodePng, texts } from '../render/picture-support.js';

const TINYLLAMA = fileURLToPath(new URL('../fixtures/real-logs/tinyllama-finetune.trainer_state.json', import.meta.url));
const FITTED = 'fit: cosine-warmup:lr=1e-5,warmup=57,total=2808';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-output-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fit -o and compare -o', () => {
  it('fit -o x.svg draws the fitted schedule over the log, and still prints the numbers', () => {
    // A path longer than the legend has room for, wherever the repository is cloned.
    const log = join(dir, 'runs', 'a-fairly-long-experiment-directory-name', 'checkpoint-2808', 'tinyllama.trainer_state.json');
    mkdirSync(dirname(log), { recursive: true });
    copyFileSync(TINYLLAMA, log);
    const file = join(dir, 'fit.svg');
    const { status, stdout, stderr } = lrviz(['fit', log, '-o', file, '--legend', 'bottom']);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/family\s+cosine/);
    expect(stdout).not.toContain('└┬');
    const legend = texts(readFileSync(file, 'utf8'), 'role-legend-label');
    expect(legend[0]).toBe(FITTED);
    // The log's long path loses its middle, once: both ends stay, so the entry still says it is the log.
    const [head, tail, ...rest] = legend[1].split('…');
    expect(rest).toEqual([]);
    expect(log.startsWith(head) && head.length > 10).toBe(true);
    expect(tail.endsWith('trainer_state.json (logged)')).toBe(true);
  });

  it('fit -o - writes the CSV alone: the fitted curve and the logged column', () => {
    const { status, stdout } = lrviz(['fit', TINYLLAMA, '-o', '-', '--every', '100']);
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe(`step,"${FITTED}",${TINYLLAMA} (logged)`);
    // Every 100th step of the 2,808, and the logged steps (every 15th) between them.
    expect(rows.slice(1).every((row) => /^\d+,[^,]*,[^,]*$/.test(row))).toBe(true);
    expect(rows.find((row) => row.startsWith('15,'))?.split(',')[2]).not.toBe('');
  });

  it('compare -o x.pdf writes both schedules as a PDF, the tables still printed', () => {
    const file = join(dir, 'compare.pdf');
    const { status, stdout, stderr } = lrviz(['compare', '-s', 'cosine-warmup', '-s', 'wsd', '--steps', '10000', '-o', file, '--title', 'two plans']);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^schedule\s+peak/);
    const pdf = readPdf(readFileSync(file));
    expect(pdf.pages).toBe(1);
    for (const text of ['two plans', 'cosine-warmup', 'wsd', 'learning rate']) expect(pdf.texts).toContain(text);
  });

  it('compare -o x.png --every 10 says --every does not apply to a picture, in one line', () => {
    const file = join(dir, 'compare.png');
    const { status, stderr } = lrviz(['compare', '-s', 'cosine-warmup', '-s', 'wsd', '-o', file, '--every', '10', '--width', '400', '--height', '200']);
    expect(status).toBe(0);
    expect(stderr).toBe('lrviz: note: --every is ignored for png output; --every applies to csv and json (charts are drawn from every step)\n');
    expect([decodePng(readFileSync(file)).width, decodePng(readFileSync(file)).height]).toEqual([400, 200]);
  });

  it('plot: flags the format does not use are named in one note; those it uses are not', () => {
    const csv = lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'x.csv'), '--scale', '2', '--theme', 'dark', '--every', '10']);
    expect(csv.stderr).toBe('lrviz: note: --scale and --theme are ignored for csv output; --scale applies to png, --theme applies to pictures\n');
    expect(lrviz(['plot', '-s', 'cosine', '-o', join(dir, 'x.png'), '--scale', '2', '--theme', 'dark']).stderr).toBe('');
    expect(lrviz(['plot', '-s', 'cosine', '--log-y', '-o', '-']).stderr).toBe('lrviz: note: --log-y is ignored for csv output; --log-y applies to charts (exported rates are the same either way)\n');
  });

  it('refuses an -o whose format it cannot tell, before writing anything', () => {
    const file = join(dir, 'fit.xyz');
    const { status, stdout, stderr } = lrviz(['fit', TINYLLAMA, '-o', file]);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^lrviz: error: --output ".*fit\.xyz": cannot tell the format from the extension; use one of \.txt, \.csv/);
    expect(existsSync(file)).toBe(false);
  });
});
