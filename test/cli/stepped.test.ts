/**
 * `--stepped epoch --steps-per-epoch N` on plot, compare and check: the scheduler's value for epoch e is
 * held for the N updates of that epoch, for any schedule.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

function csvValues(stdout: string): number[] {
  return stdout.trimEnd().split('\r\n').slice(1).map((row) => Number(row.split(',')[1]));
}

/** torch's CosineAnnealingWarmRestarts at scheduler step t (torch/optim/lr_scheduler.py, closed form of its step()). */
function warmRestarts(t: number, lr: number, t0: number, mult: number): number {
  let cycle = t0;
  let tCur = t;
  while (tCur >= cycle) {
    tCur -= cycle;
    cycle *= mult;
  }
  return (lr * (1 + Math.cos((Math.PI * tCur) / cycle))) / 2;
}

describe('--stepped epoch', () => {
  it('draws the 58,650-update staircase of CosineAnnealingWarmRestarts stepped once per epoch', () => {
    const { status, stdout, stderr } = lrviz([
      'plot', '-s', 'torch.CosineAnnealingWarmRestarts:lr=0.1,T_0=10,T_mult=2', '--stepped', 'epoch', '--steps-per-epoch', '391', '--epochs', '150', '-o', '-',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = csvValues(stdout);
    expect(values).toHaveLength(58650);
    for (let i = 0; i < values.length; i++) {
      const expected = warmRestarts(Math.floor(i / 391), 0.1, 10, 2);
      if (Math.abs(values[i] - expected) > 1e-9 * expected + 1e-15) expect.fail(`update ${i}: ${values[i]} vs ${expected}`);
    }
    // The restarts land at the first update of epochs 10, 30 and 70.
    expect(values[391 * 10]).toBe(0.1);
    expect(values[391 * 10 - 1]).toBeLessThan(0.01);
    expect(values[391 * 70]).toBe(0.1);
  });

  it('the default horizon of a schedule stepped per epoch is the epochs, not the updates', () => {
    const { stdout } = lrviz(['plot', '-s', 'cosine:lr=1', '--stepped', 'epoch', '--steps-per-epoch', '4', '--epochs', '10', '-o', '-']);
    const values = csvValues(stdout);
    expect(values).toHaveLength(40);
    values.forEach((v, i) => expect(v).toBeCloseTo((1 + Math.cos((Math.PI * Math.floor(i / 4)) / 10)) / 2, 12));
  });

  it('--steps sets the rows and leaves the horizon; per batch, --epochs × --steps-per-epoch are the rows', () => {
    const rows = csvValues(lrviz(['plot', '-s', 'cosine:lr=1', '--stepped', 'epoch', '--steps-per-epoch', '4', '--epochs', '10', '--steps', '60', '-o', '-']).stdout);
    expect(rows).toHaveLength(60);
    expect(rows[59]).toBe(0);
    const batch = csvValues(lrviz(['plot', '-s', 'cosine:lr=1', '--steps-per-epoch', '4', '--epochs', '10', '-o', '-']).stdout);
    expect(batch).toHaveLength(40);
    expect(batch[1]).toBeCloseTo((1 + Math.cos(Math.PI / 40)) / 2, 12);
  });

  it('compare steps per epoch too', () => {
    const { status, stdout } = lrviz([
      'compare', '-s', 'torch.StepLR:lr=0.1,step_size=2', '-s', 'constant:lr=0.1', '--stepped', 'epoch', '--steps-per-epoch', '100', '--epochs', '6', '--json',
    ]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { steps: number; schedules: { final: number }[] };
    expect(report.steps).toBe(600);
    expect(report.schedules[0].final).toBeCloseTo(0.1 * 0.1 * 0.1, 15);
  });

  it('check still counts the run in scheduler steps (one per epoch)', () => {
    const { stdout } = lrviz(['check', '-s', 'torch.CosineAnnealingLR:lr=0.1,T_max=90', '--stepped', 'epoch', '--steps-per-epoch', '391', '--epochs', '90', '--json']);
    expect(JSON.parse(stdout).training).toMatchObject({ schedulerSteps: 90, stepped: 'epoch', stepsPerEpoch: 391, epochs: 90 });
  });

  it('--steps-per-epoch gives timm symbols their epoch length: t_in_epochs, timm\'s default, against timm 1.0.29 run as train.py steps it', () => {
    const golden = JSON.parse(readFileSync('test/fixtures/configs/timm/t-in-epochs.golden.json', 'utf8')) as { cases: { name: string; lr: number[] }[] };
    const cosine = golden.cases.find((c) => c.name.startsWith('cosine per epoch'))!;
    // create_scheduler_v2(sched='cosine', num_epochs=20, warmup_epochs=3, cooldown_epochs=2): 22 epochs of 5 updates.
    const spec = 'timm.CosineLRScheduler:lr=0.1,t_initial=20,lr_min=1e-6,warmup_t=3,warmup_lr_init=1e-5,cycle_decay=0.1';
    const { status, stdout, stderr } = lrviz(['plot', '-s', spec, '--steps-per-epoch', '5', '--epochs', '22', '-o', '-']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const values = csvValues(stdout);
    expect(values).toHaveLength(cosine.lr.length);
    values.forEach((v, i) => expect(Math.abs(v - cosine.lr[i]), `update ${i}`).toBeLessThanOrEqual(1e-9 * cosine.lr[i]));
    // check takes it too: the warmup ends at epoch 3 (update 15), not update 3.
    const checked = JSON.parse(lrviz(['check', '-s', spec, '--steps-per-epoch', '5', '--epochs', '22', '--json']).stdout);
    expect(checked.schedules[0].spec).toMatchObject({ updates_per_epoch: 5, t_in_epochs: true });
    // Stepped per epoch by --stepped, the schedule counts epochs already: no second hold.
    const held = csvValues(lrviz(['plot', '-s', spec, '--stepped', 'epoch', '--steps-per-epoch', '5', '--epochs', '22', '-o', '-']).stdout);
    held.forEach((v, i) => expect(Math.abs(v - cosine.lr[i]), `update ${i}`).toBeLessThanOrEqual(1e-9 * cosine.lr[i]));
  });

  it('without --steps-per-epoch, timm\'s t_in_epochs=true names the flag to give', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'timm.CosineLRScheduler:t_initial=10,t_in_epochs=true', '-o', '-']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/give updates_per_epoch=N or --steps-per-epoch N/);
  });

  it.each([
    [['--stepped', 'epoch', '--epochs', '3'], /--stepped epoch needs --steps-per-epoch N/],
    [['--stepped', 'weekly', '--steps-per-epoch', '3'], /--stepped "weekly" is not allowed; use batch or epoch/],
    [['--epochs', '3'], /--epochs 3 needs --steps-per-epoch S/],
    [['--steps-per-epoch', '0'], /--steps-per-epoch "0" is not allowed/],
  ])('refuses %j with one line and exit 2', (flags, message) => {
    const { status, stderr, stdout } = lrviz(['plot', '-s', 'cosine', ...flags, '-o', '-']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
