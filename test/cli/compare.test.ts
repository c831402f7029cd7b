/**
 * `lrviz compare` as a user runs it: tables, the overlay chart, JSON, and a logged run against its plan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

const WHISPER = fileURLToPath(new URL('../fixtures/real-logs/whisper-large-v2-japanese.trainer_state.json', import.meta.url));

describe('lrviz compare', () => {
  it('prints a table per schedule, the pair differences and the overlay chart', () => {
    const { status, stdout, stderr } = lrviz(['compare', '-s', 'cosine-warmup:lr=3e-4,warmup=500', '-s', 'linear:lr=3e-4,warmup=500', '--steps', '10000', '-W', '130']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/schedule\s+peak\s+at step\s+final\s+min\s+at step\s+mean\s+area \(lr budget\)\s+steps > peak\/2/);
    expect(stdout).toMatch(/cosine-warmup:lr=3e-4,warmup=500\s+3e-4\s+500\s/);
    expect(stdout).toMatch(/vs\s+linear:lr=3e-4,warmup=500.*step 501/);
    expect(stdout).toContain('└┬');
    expect(stdout).toContain('━━ linear:lr=3e-4,warmup=500');
  });

  it('one schedule alone: its statistics and its chart', () => {
    const { status, stdout, stderr } = lrviz(['compare', '-s', 'cosine-warmup', '-W', '80']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^schedule\s+peak\s+at step/);
    expect(stdout).toMatch(/\ncosine-warmup\s+0\.001\s+100\s/);
    expect(stdout).not.toContain('pair');
    expect(stdout).toContain('── cosine-warmup');
  });

  it('the pair table fits the terminal width', () => {
    const specs = ['hf.cosine:lr=3e-4,num_warmup_steps=500,num_training_steps=10000', 'torch.CosineAnnealingLR:lr=3e-4,T_max=10000,eta_min=0'];
    const { stdout } = lrviz(['compare', ...specs.flatMap((s) => ['-s', s]), '--steps', '10000', '--no-chart', '-W', '80']);
    const pairTable = stdout.slice(stdout.indexOf('pair')).trimEnd().split('\n');
    expect(pairTable.length).toBe(3);
    for (const line of pairTable) expect([...line].length).toBeLessThanOrEqual(80);
    expect(stdout).toContain('#1 hf.cosine:lr=3e-4');
  });

  it('gives JSON with the numbers', () => {
    const { status, stdout } = lrviz(['compare', '-s', 'constant:lr=0.1', '-s', 'linear:lr=0.1', '--steps', '100', '--json']);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.steps).toBe(100);
    expect(out.schedules[0]).toMatchObject({ label: 'constant:lr=0.1', peak: 0.1, final: 0.1, stepsAboveHalfPeak: 100, spec: { type: 'constant', lr: 0.1 } });
    expect(out.schedules[0].area).toBeCloseTo(10, 12);
    expect(out.differences[0]).toMatchObject({ firstPart: 1, maxAbsStep: 99 });
  });

  it('a logged run against its plan: how far it parts and the offset that explains it', () => {
    const { status, stdout } = lrviz(['compare', '-s', 'linear:lr=1e-5,warmup=500,total=5000', '--log', WHISPER, '--json']);
    expect(status).toBe(0);
    const [log] = JSON.parse(stdout).logs;
    expect(log.points).toBe(200);
    expect(log.bestOffset).toBeGreaterThanOrEqual(2);
    expect(log.bestOffset).toBeLessThanOrEqual(4);
    expect(log.rmsShareAtOffset).toBeLessThan(log.rmsShare / 2);
  });

  it('overlays the log on the chart in the text form', () => {
    const { stdout } = lrviz(['compare', '-s', 'linear:lr=1e-5,warmup=500,total=5000', '--log', WHISPER, '-W', '80']);
    expect(stdout).toMatch(/shifted by \+\d steps \(the run lags the plan/);
    expect(stdout).toContain('(logged)');
  });

  it('asks for --steps rather than computing a trillion steps a log reaches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-compare-'));
    writeFileSync(join(dir, 'long.csv'), 'step,lr\n0,0.1\n1000000000000,0.01\n');
    const { status, stderr } = lrviz(['compare', '-s', 'cosine', '--log', join(dir, 'long.csv')], { timeout: 20000 });
    expect(status).toBe(2);
    expect(stderr).toMatch(/the log reaches step 1000000000000; .* give --steps N/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a log without a plan', ['--log', WHISPER], /--log needs a planned schedule/],
    ['a missing log', ['-s', 'cosine', '--log', 'nope.json'], /--log "nope.json": no such file/],
    ['bad steps', ['-s', 'cosine', '-s', 'linear', '--steps', '0'], /--steps "0" is not allowed/],
  ];
  for (const [name, args, message] of bad) {
    it(`bad input exits 2: ${name}`, () => {
      const { status, stderr } = lrviz(['compare', ...args]);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
