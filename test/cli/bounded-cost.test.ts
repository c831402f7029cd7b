/**
 * Charts cost what they draw, never the number of steps: each command of issue 13's list of hangs, run as
 * a user runs it, ends within the time limit (the same commands at 1e6 steps take about a second) with a
 * chart of the whole range.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

/** Generous for a machine shared with other test files: a hang is minutes, a pass a few seconds. */
const LIMIT_MS = 45_000;
const dir = mkdtempSync(join(tmpdir(), 'lrviz-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const result = lrviz(args, { timeout: LIMIT_MS, env: { COLUMNS: '100' } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

describe('charts at any number of steps', () => {
  it.each([
    ['cosine-restarts:cycle=1', '1e12'],
    ['cosine-restarts:cycle=2', '1e9'],
    ['cosine-restarts:cycle=2,cycle_decay=0.5', '1e12'],
    ['cosine-restarts:cycle=1,cycle_mult=1.0000001', '1e12'],
    ['hf.cosine', '1e10'],
  ])('%s --steps %s in the terminal', (spec, steps) => {
    const { stdout } = run(['plot', '-s', spec, '--steps', steps]);
    expect(stdout).toContain(`── ${spec}`);
  });

  it.each(['svg', 'html', 'png'])('cosine-restarts:cycle=1 --steps 1e12 to %s', (format) => {
    const file = join(dir, `restarts.${format}`);
    run(['plot', '-s', 'cosine-restarts:cycle=1', '--steps', '1e12', '-o', file]);
    expect(readFileSync(file).length).toBeGreaterThan(1000);
  });

  it('--every 1e9 keeps one row per kept step, without computing the steps between', () => {
    const { stdout } = run(['plot', '-s', 'cosine', '--steps', '1e12', '--every', '1e9', '-o', '-']);
    const rows = stdout.trim().split('\r\n');
    expect(rows).toHaveLength(1001);
    expect(rows[1]).toBe('0,0.001');
    expect(rows[1000].split(',')[0]).toBe('999000000000');
  });

  it('--every 1e9 to stdout checks only the kept steps for non-finite values, for a schedule with no extremes of its own', () => {
    const { stdout } = run(['plot', '-s', 'timm.StepLRScheduler:decay_t=7', '--steps', '1e12', '--every', '1e9', '-o', '-']);
    expect(stdout.trim().split('\r\n')).toHaveLength(1001);
  });
});

describe('check, compare and fit at any number of steps', () => {
  it('compare --steps 1e10 compares every k-th step and says so', () => {
    const { stdout } = run(['compare', '-s', 'cosine', '-s', 'linear', '--steps', '1e10', '--no-chart']);
    expect(stdout).toMatch(/10,000,000,000 steps: every 9,537th step is compared/);
  });

  // check computes 2^20 profile values at any length: about 1 s on an idle machine, several on a loaded one.
  it('check --train-steps 1e9 of torch CosineAnnealingLR (a recursion) ends', () => {
    const result = lrviz(['check', '-s', 'torch.CosineAnnealingLR:T_max=100', '--train-steps', '1e9'], { timeout: 3 * LIMIT_MS });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('LRV001');
  }, 4 * LIMIT_MS);

  it('plot of torch CosineAnnealingLR:T_max=100 at 1e9 steps ends', () => {
    run(['plot', '-s', 'torch.CosineAnnealingLR:T_max=100', '--steps', '1e9']);
  });
});
