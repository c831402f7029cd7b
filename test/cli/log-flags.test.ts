/**
 * Logs as series, run as a user runs lrviz: a log alone, `--log FILE:label=NAME`, logs in every export.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';
import { texts } from '../render/picture-support.js';

const TINYLLAMA = fileURLToPath(new URL('../fixtures/real-logs/tinyllama-finetune.trainer_state.json', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrviz-logs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('logs as series', () => {
  it('draws a log alone in the terminal, named by label=', () => {
    const { status, stdout, stderr } = lrviz(['plot', '--log', `${TINYLLAMA}:label=tinyllama`, '-W', '80']);
    expect([status, stderr]).toEqual([0, '']);
    expect(stdout).toContain('  · · tinyllama (logged)\n');
    expect(stdout).not.toContain(TINYLLAMA);
    expect(stdout).toMatch(/2\.5k\s+step\n/);
  });

  it('draws a log alone as a picture, and exports it as CSV with its logged steps', () => {
    const svgFile = join(dir, 'alone.svg');
    expect(lrviz(['plot', '--log', `${TINYLLAMA}:label=tinyllama`, '-o', svgFile, '--legend', 'bottom']).status).toBe(0);
    expect(texts(readFileSync(svgFile, 'utf8'), 'role-legend-label')).toEqual(['tinyllama (logged)']);
    const { status, stdout } = lrviz(['plot', '--log', `${TINYLLAMA}:label=tinyllama`, '-o', '-']);
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe('step,tinyllama (logged)');
    expect(rows).toHaveLength(187);
    expect(rows.at(-1)?.startsWith('2790,')).toBe(true);
  });

  it('puts the plan and the log in one CSV that --log reads back, the logged run named once', () => {
    const file = join(dir, 'both.csv');
    const { status } = lrviz(['plot', '-s', 'cosine-warmup:lr=1e-5,warmup=57,total=2808', '--steps', '2808', '--every', '100', '--log', `${TINYLLAMA}:label=run`, '-o', file]);
    expect(status).toBe(0);
    const header = readFileSync(file, 'utf8').split('\r\n')[0];
    expect(header).toBe('step,"cosine-warmup:lr=1e-5,warmup=57,total=2808",run (logged)');
    const again = lrviz(['plot', '--log', `${file}:label=again`, '-o', '-', '--format', 'json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).series.map((s: { label: string }) => s.label)).toEqual([
      'again cosine-warmup:lr=1e-5,warmup=57,total=2808 (logged)',
      'again run (logged)',
    ]);
  });

  it('compare --log takes label= too', () => {
    const { status, stdout } = lrviz(['compare', '-s', 'cosine-warmup:lr=1e-5,warmup=57,total=2808', '--log', `${TINYLLAMA}:label=tinyllama`, '-W', '90']);
    expect(status).toBe(0);
    expect(stdout).toContain('tinyllama');
    expect(stdout).not.toContain(TINYLLAMA);
  });

  it('reads a file whose name holds ":label=" as that file', () => {
    const odd = join(dir, 'run:label=x.csv');
    writeFileSync(odd, 'step,lr\n0,0.1\n10,0.05\n');
    const { status, stdout } = lrviz(['plot', '--log', odd, '-o', '-']);
    expect(status).toBe(0);
    expect(stdout.split('\r\n')[0]).toBe(`step,${odd} (logged)`);
  });
});
