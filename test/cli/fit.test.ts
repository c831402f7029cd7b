/**
 * `lrviz fit LOG` as a user runs it: the inferred schedule in words, the spec to paste, the chart, JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

const TINYLLAMA = fileURLToPath(new URL('../fixtures/real-logs/tinyllama-finetune.trainer_state.json', import.meta.url));

describe('lrviz fit', () => {
  it('names the schedule behind a real HF log, prints the spec and the HF call, and overlays them', () => {
    const { status, stdout, stderr } = lrviz(['fit', TINYLLAMA, '-W', '90']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/family\s+cosine\n\s+peak\s+1e-5\n\s+warmup\s+57 steps from 0\n\s+horizon\s+2,808 \(the log stops at step 2,790\)/);
    expect(stdout).toMatch(/offset\s+\+1 step \(the log runs 1 behind the schedule/);
    expect(stdout).toContain('  -s cosine-warmup:lr=1e-5,warmup=57,total=2808\n');
    expect(stdout).toContain('hf:    get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=57, num_training_steps=2808)');
    expect(stdout).toContain('── fit: cosine-warmup:lr=1e-5,warmup=57,total=2808');
    expect(stdout).toContain('(logged)');
  });

  it('the printed spec works with plot -s', () => {
    const spec = /-s (\S+)/.exec(lrviz(['fit', TINYLLAMA, '--no-chart']).stdout)![1];
    const { status } = lrviz(['plot', '-s', spec, '--steps', '2808', '--log', TINYLLAMA, '-W', '60']);
    expect(status).toBe(0);
  });

  it('reads back every CSV and JSON lrviz plot writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-fit-own-'));
    const spec = 'torch.CosineAnnealingLR:lr=0.1,T_max=300';
    for (const name of ['d.csv', 'd.json', 'd.vl.json']) {
      const path = join(dir, name);
      expect(lrviz(['plot', '-s', spec, '--steps', '300', '-o', path]).status).toBe(0);
      const { status, stdout, stderr } = lrviz(['fit', path, '--json']);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ family: 'cosine', peak: 0.1, horizon: 300, log: { points: 300 } });
    }
    expect(lrviz(['plot', '-s', spec, '--steps', '300', '--log', join(dir, 'd.csv'), '-W', '60']).status).toBe(0);
  });

  it("snaps a torch warm-restart run plot wrote every 50 steps to T_0=3910, T_mult=2 and prints torch's call", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lrviz-fit-snap-')), 'w.csv');
    expect(lrviz(['plot', '-s', 'torch.CosineAnnealingWarmRestarts:lr=0.1,T_0=3910,T_mult=2', '--steps', '58650', '--every', '50', '-o', path]).status).toBe(0);
    const { stdout } = lrviz(['fit', path, '--no-chart']);
    expect(stdout).toContain('  -s cosine-restarts:lr=0.1,cycle=3910,cycle_mult=2,cycle_decay=1\n');
    expect(stdout).toContain('  torch: CosineAnnealingWarmRestarts(optimizer, T_0=3910, T_mult=2, eta_min=0)  # optimizer lr=0.1\n');
  });

  it('gives JSON', () => {
    const { status, stdout } = lrviz(['fit', TINYLLAMA, '--json']);
    expect(status).toBe(0);
    const fit = JSON.parse(stdout);
    expect(fit).toMatchObject({ family: 'cosine', peak: 1e-5, warmup: 57, horizon: 2808, offset: 1, log: { points: 186, format: 'HuggingFace trainer_state.json' } });
    expect(fit.rendition.spec).toBe('cosine-warmup:lr=1e-5,warmup=57,total=2808');
    expect(fit.candidates.length).toBeGreaterThan(3);
  });

  it('fits a plain step,lr CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-fit-'));
    const rows = ['step,lr'];
    for (let s = 0; s < 2000; s += 20) rows.push(`${s},${0.1 * 0.5 ** Math.floor(s / 500)}`);
    writeFileSync(join(dir, 'lr.csv'), rows.join('\n'));
    const fit = JSON.parse(lrviz(['fit', join(dir, 'lr.csv'), '--json']).stdout);
    expect(fit).toMatchObject({ family: 'step', peak: 0.1, shape: { gamma: 0.5 } });
    expect(Math.abs(fit.shape.step_size - 500)).toBeLessThanOrEqual(20);
  });

  it('leaves out the chart of a schedule too long to draw, and says how to draw a part', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrviz-fit-'));
    writeFileSync(join(dir, 'long.csv'), 'step,lr\n0,0.1\n500000000000,0.05\n1000000000000,0.01\n');
    const { status, stdout } = lrviz(['fit', join(dir, 'long.csv')], { timeout: 20000 });
    expect(status).toBe(0);
    expect(stdout).toContain('-s linear:lr=0.1,warmup=0,total=900000000000,min_lr=0.01');
    expect(stdout).toMatch(/\(no chart: the schedule spans 1000000000001 steps; draw a part with lrviz plot -s \S+ --steps N\)/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['nope.json'], /^lrviz: error: fit "nope.json": no such file\n$/],
    ['a folder', [tmpdir()], /is a folder/],
    ['not a log', [fileURLToPath(new URL('../../package.json', import.meta.url))], /not a learning-rate log lrviz can read/],
    ['a series the log does not hold', [TINYLLAMA, '--series', '2'], /--series "2" is not allowed; .* holds 1 learning-rate series/],
    ['no log at all', [], /missing required argument 'log'/],
  ];
  for (const [name, args, message] of bad) {
    it(`bad input exits 2 with one line: ${name}`, () => {
      const { status, stderr } = lrviz(['fit', ...args]);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
