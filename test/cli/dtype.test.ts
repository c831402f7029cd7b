/**
 * `--dtype` as a user types it, on plot, compare and check: keras computes in float32 by default (as a Keras
 * train step does), optax in float64 unless asked; a spec's own dtype wins over the flag; schedules with no
 * float32 arithmetic say so in a note. The float32 values themselves are held to real Keras and jax in
 * test/dialects/float32.test.ts; here only which arithmetic each command line picks.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

const kerasLate = 'keras.ExponentialDecay:initial_learning_rate=500,decay_steps=1906,decay_rate=0.5,staircase=true';
const optaxLate = 'optax.exponential_decay:init_value=500,transition_steps=1906,decay_rate=0.5,staircase=true';

/** The lr at `step` of the one series of a CSV plot. */
function lrAt(args: readonly string[], step: number): number {
  const { status, stdout, stderr } = lrviz(['plot', ...args, '--steps', String(step + 1), '-o', '-']);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  const rows = stdout.trimEnd().split('\r\n');
  const [at, lr] = rows[step + 1].split(',');
  expect(Number(at)).toBe(step);
  return Number(lr);
}

describe('--dtype on plot', () => {
  it("keras is float32 unless told otherwise: Keras's staircase is still 500 at step 1906", () => {
    expect(lrAt(['-s', kerasLate], 1906)).toBe(500);
    expect(lrAt(['-s', kerasLate, '--dtype', 'float32'], 1906)).toBe(500);
    expect(lrAt(['-s', kerasLate, '--dtype', 'float64'], 1906)).toBe(250);
  });

  it('optax is float64 unless told otherwise; a spec that says dtype keeps it', () => {
    expect(lrAt(['-s', optaxLate], 1906)).toBe(250);
    expect(lrAt(['-s', optaxLate, '--dtype', 'float32'], 1906)).toBe(500);
    expect(lrAt(['-s', `${optaxLate},dtype=float64`, '--dtype', 'float32'], 1906)).toBe(250);
    expect(lrAt(['-s', `${kerasLate},dtype=float64`, '--dtype', 'float32'], 1906)).toBe(250);
  });

  it('reaches a schedule nested in another', () => {
    const joined = JSON.stringify({
      type: 'optax.join_schedules',
      schedules: [{ symbol: 'constant_schedule', value: 500 }, { symbol: 'exponential_decay', init_value: 500, transition_steps: 1906, decay_rate: 0.5, staircase: true }],
      boundaries: [10],
    });
    expect(lrAt(['-s', joined], 1916)).toBe(250);
    expect(lrAt(['-s', joined, '--dtype', 'float32'], 1916)).toBe(500);
  });

  it('the HTML page rebuilds with the same dtype', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lrviz-dtype-')), 'lr.html');
    const { status } = lrviz(['plot', '-s', optaxLate, '--dtype', 'float32', '--steps', '2000', '-o', file]);
    expect(status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"facts":{"dtype":"float32"}');
  });

  it('says in one note which schedules it leaves in float64', () => {
    const { status, stderr } = lrviz(['plot', '-s', 'torch.StepLR:step_size=10', '-s', kerasLate, '--dtype', 'float32', '--steps', '20', '-o', '-']);
    expect(status).toBe(0);
    expect(stderr).toBe(
      `lrviz: note: --dtype float32 leaves "torch.StepLR:step_size=10" in float64 (as the framework computes it, in Python floats); it changes keras.* and optax's exponential_decay, polynomial_schedule and linear_schedule\n`,
    );
    expect(lrviz(['plot', '-s', 'torch.StepLR:step_size=10', '--dtype', 'float64', '--steps', '20', '-o', '-']).stderr).toBe('');
  });

  it("refuses a float32 NaN in one line that says it is the framework's float32", () => {
    const { status, stdout, stderr } = lrviz(['plot', '-s', 'keras.PolynomialDecay:initial_learning_rate=1,decay_steps=3805,power=0.5,end_learning_rate=0', '--steps', '4000']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lrviz: error: .*: the learning rate at step 3805 is NaN, not a finite number; computed in float32 as the framework does \(dtype=float64 gives the formula in doubles; check says where and how to avoid it\)\n$/);
    expect(lrviz(['plot', '-s', 'keras.PolynomialDecay:initial_learning_rate=1,decay_steps=3805,power=0.5,end_learning_rate=0,dtype=float64', '--steps', '4000']).status).toBe(0);
  });

  it('refuses any other dtype in one line', () => {
    const { status, stdout, stderr } = lrviz(['plot', '-s', kerasLate, '--dtype', 'float16']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('lrviz: error: --dtype "float16" is not allowed; use float32 or float64\n');
  });
});

describe('--dtype on compare and check', () => {
  it('compare sets the same schedule in float32 against float64 apart', () => {
    const { status, stdout } = lrviz(['compare', '-s', `${optaxLate},dtype=float64,label=f64`, '-s', `${optaxLate},label=f32`, '--dtype', 'float32', '--steps', '1910', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.schedules.map((s: { spec: { dtype: string } }) => s.spec.dtype)).toEqual(['float64', 'float32']);
  });

  it('check takes it and refuses a bad one', () => {
    expect(lrviz(['check', '-s', optaxLate, '--dtype', 'float32', '--train-steps', '1000']).status).toBe(0);
    expect(lrviz(['check', '-s', optaxLate, '--dtype', 'double', '--train-steps', '1000']).stderr).toMatch(/^lrviz: error: --dtype "double" is not allowed/);
  });
});

describe('check reports where float32 moves a step or gives NaN', () => {
  it("warns of Keras's late staircase (LRV016) with a length to type, and passes unless --strict", () => {
    const { status, stdout } = lrviz(['check', '-s', kerasLate, '--train-steps', '10000']);
    expect(status).toBe(0);
    expect(stdout).toContain('warning LRV016 float32-step-moved at step 1,906');
    expect(stdout).toContain('fix: change decay_steps=1906 to decay_steps=1905');
    // The same spec in float64 has nothing to report.
    expect(lrviz(['check', '-s', kerasLate, '--train-steps', '10000', '--dtype', 'float64']).stdout).not.toContain('LRV016');
  });

  it('fails on a NaN (LRV015) in --json, and --ignore LRV015 lets it through', () => {
    const spec = 'optax.polynomial_schedule:init_value=1,end_value=0,power=0.5,transition_steps=3805';
    const { status, stdout, stderr } = lrviz(['check', '-s', spec, '--dtype', 'float32', '--train-steps', '4000', '--json']);
    expect(status).toBe(1);
    expect(stderr).toBe('lrviz: error: check failed: 1 error\n');
    const report = JSON.parse(stdout);
    const nan = report.schedules[0].findings.find((f: { code: string }) => f.code === 'LRV015');
    expect([nan.name, nan.severity, nan.step]).toEqual(['float32-nan', 'error', 3805]);
    expect(lrviz(['check', '-s', spec, '--dtype', 'float32', '--train-steps', '4000', '--ignore', 'LRV015']).status).toBe(0);
    // optax is float64 unless asked: no NaN, no finding.
    expect(lrviz(['check', '-s', spec, '--train-steps', '4000']).stdout).not.toContain('LRV015');
  });
});
