/**
 * LRV014: the seed tutorial's own call passes warmup_steps=20, start_lr and end_lr to a CosineWarmup whose
 * **kwargs swallows them (seed: class CosineWarmup(LinearWarmup).__init__(..., **kwargs)); the warmup is
 * really warmup_epoch * step_each_epoch = 500 steps.
 */
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../src/check/index.js';
import { curveOf, materialize } from '../../src/curve/curve.js';
import { buildSchedule } from '../../src/notation/build.js';
import { lrviz } from '../support/cli.js';
import { catalog } from '../../src/catalog.js';

const seed = { type: 'paddle.CosineWarmup', lr: 0.5, step_each_epoch: 100, epochs: 8 };
const training = { schedulerSteps: 800, stepped: 'batch' } as const;

describe('ignored parameters (LRV014)', () => {
  it('are accepted as paddle accepts them, and change nothing', () => {
    const copied = buildSchedule(catalog, { ...seed, warmup_steps: 20, start_lr: 0, end_lr: 0.5, verbose: true }, 800);
    const plain = buildSchedule(catalog, seed, 800);
    expect(materialize(curveOf(copied.schedule, 'copied', 800))).toEqual(materialize(curveOf(plain.schedule, 'plain', 800)));
    expect(copied.schedule.lr(20)).toBeCloseTo(0.5 * (20 / 500), 15);
    expect(copied.ineffective.map((p) => p.name)).toEqual(['warmup_steps', 'start_lr', 'end_lr']);
    expect(plain.ineffective).toEqual([]);
    expect(plain.resolved).not.toHaveProperty('warmup_steps');
  });

  it('are reported, one warning each, only when given', () => {
    const copied = buildSchedule(catalog, { ...seed, warmup_steps: 20 }, 800);
    const findings = checkSchedule({ label: 'seed', schedule: copied.schedule, spec: copied.resolved, training, ineffective: copied.ineffective }).findings;
    const ignored = findings.filter((f) => f.code === 'LRV014');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ severity: 'warning', name: 'ignored-parameter', step: 0, values: { warmup_steps: 20 } });
    expect(ignored[0].message).toMatch(/^warmup_steps=20 has no effect/);
    // The effective value: warmup_epoch (default 5) × step_each_epoch 100.
    expect(ignored[0].message).toMatch(/; the warmup really runs 500 steps, from 0 to 0\.5$/);
    const plain = buildSchedule(catalog, seed, 800);
    expect(checkSchedule({ label: 'seed', schedule: plain.schedule, spec: plain.resolved, training, ineffective: plain.ineffective }).findings.some((f) => f.code === 'LRV014')).toBe(false);
  });

  it('are said in one line on stderr by plot, with the warmup the schedule really runs', () => {
    const spec = 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_steps=20,start_lr=0,end_lr=0.5';
    const { status, stdout, stderr } = lrviz(['plot', '-s', spec, '--steps', '800', '-W', '60']);
    expect(status).toBe(0);
    expect(stdout).toContain('┤');
    expect(stderr).toBe(
      `lrviz: note: ${spec}: warmup_steps=20, start_lr=0, end_lr=0.5 have no effect (CosineWarmup passes its own warmup (warmup_epoch*step_each_epoch steps, from 0 to lr) to LinearWarmup and drops this); the warmup really runs 500 steps, from 0 to 0.5 [LRV014]\n`,
    );
    expect(lrviz(['plot', '-s', 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8', '--steps', '800', '-W', '60']).stderr).toBe('');
  });

  it('fail a --strict check of the tutorial call', () => {
    const { status, stdout } = lrviz(['check', '-s', 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_steps=20,start_lr=0,end_lr=0.5,verbose=true', '--train-steps', '800', '--strict', '--json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.schedules[0].findings.filter((f: { code: string }) => f.code === 'LRV014').map((f: { message: string }) => f.message.split('=')[0])).toEqual(['warmup_steps', 'start_lr', 'end_lr']);
  });
});
