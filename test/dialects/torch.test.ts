/**
 * torch dialect beyond the golden files: symbols with no golden, torch's quirks, and bad input. Expected
 * values are worked out by hand from torch/optim/lr_scheduler.py (torch 1.13.1); each case names the
 * function it follows.
 */
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/notation/build.js';
import { parseTextSpec } from '../../src/notation/parse.js';
import { lrviz } from '../support/cli.js';
import { buildError, expectClose, lrs } from '../support/dialect.js';
import { catalog } from '../../src/catalog.js';

describe('torch.MultiStepLR (MultiStepLR.get_lr / _get_closed_form_lr)', () => {
  it('multiplies by gamma at each milestone, a repeated milestone twice, whatever the order', () => {
    // milestones Counter({3: 2, 5: 1}): gamma^2 at step 3, gamma^3 from step 5.
    expectClose(lrs('torch.MultiStepLR:lr=1,milestones=[5,3,3],gamma=0.5', 7), [1, 1, 1, 0.25, 0.25, 0.125, 0.125]);
  });

  it('defaults gamma to 0.1', () => {
    expectClose(lrs('torch.MultiStepLR:lr=2,milestones=[2]', 4), [2, 2, 0.2, 0.2]);
  });
});

describe('torch.CyclicLR (CyclicLR.get_lr)', () => {
  // step_size_up 2, down 3: total_size 5, step_ratio 0.4; x = 1 + t/5 - floor(1 + t/5).
  it('triangular: up over step_size_up, down over step_size_down, again', () => {
    expectClose(lrs('torch.CyclicLR:base_lr=0.1,max_lr=1,step_size_up=2,step_size_down=3', 7), [0.1, 0.55, 1, 0.7, 0.4, 0.1, 0.55]);
  });

  it('triangular2 halves the amplitude each cycle', () => {
    // cycle 2 (t = 5..9): scale 1/2^(2-1); t = 7 is its peak: 0.1 + 0.9 * 1 * 0.5.
    expectClose(lrs('torch.CyclicLR:base_lr=0.1,max_lr=1,step_size_up=2,step_size_down=3,mode=triangular2', 8).slice(5), [0.1, 0.325, 0.55]);
  });

  it('exp_range scales by gamma^t, step by step', () => {
    expectClose(lrs('torch.CyclicLR:base_lr=0.1,max_lr=1,step_size_up=2,step_size_down=3,mode=exp_range,gamma=0.9', 4), [
      0.1,
      0.1 + 0.9 * 0.5 * 0.9,
      0.1 + 0.9 * 1 * 0.81,
      0.1 + 0.9 * (2 / 3) * 0.729,
    ]);
  });

  it('step_size_down defaults to step_size_up and cycle_momentum=false is accepted', () => {
    expectClose(lrs('torch.CyclicLR:base_lr=0,max_lr=1,step_size_up=2,cycle_momentum=false', 5), [0, 0.5, 1, 0.5, 0]);
  });
});

describe('torch quirks kept', () => {
  it('ConstantLR with total_iters=0 keeps the factor forever (get_lr never undoes it)', () => {
    expectClose(lrs('torch.ConstantLR:lr=0.1,factor=0.5,total_iters=0', 4), [0.05, 0.05, 0.05, 0.05]);
  });

  it('ConstantLR undoes the factor by multiplying by 1/factor at total_iters', () => {
    expectClose(lrs('torch.ConstantLR:lr=0.1,factor=0.25,total_iters=2', 4), [0.025, 0.025, 0.025 * 4, 0.025 * 4]);
  });

  it('LinearLR with total_iters=0 holds start_factor (get_lr: last_epoch > total_iters keeps the lr)', () => {
    expectClose(lrs('torch.LinearLR:lr=1,start_factor=0.5,total_iters=0', 3), [0.5, 0.5, 0.5]);
  });

  it('PolynomialLR decays to 0 at total_iters and stays there', () => {
    expectClose(lrs('torch.PolynomialLR:lr=1,total_iters=4', 6), [1, 0.75, 0.5, 0.25, 0, 0]);
  });

  it('CosineAnnealingLR reaches eta_min at T_max and climbs back to lr at 2 T_max', () => {
    const values = lrs('torch.CosineAnnealingLR:lr=0.1,T_max=10,eta_min=0.01', 41);
    expect(values[10]).toBe(0.01);
    expect(values[11]).toBeCloseTo(0.01 + (0.09 * (1 - Math.cos(Math.PI / 10))) / 2, 15);
    expect(values[20]).toBeCloseTo(0.1, 14);
    expect(values[30]).toBe(0.01);
    expect(values[40]).toBeCloseTo(0.1, 14);
  });

  it('the recursive cosine is still a pure function of the step: any order of evaluation gives the same values', () => {
    const { schedule } = buildSchedule(catalog, parseTextSpec('torch.CosineAnnealingLR:lr=0.1,T_max=37,eta_min=0.001'), 10);
    const forward = Array.from({ length: 10_000 }, (_, i) => schedule.lr(i));
    for (const i of [9_999, 3, 5_000, 4_096, 0, 8_193, 8_192, 9_999]) expect(schedule.lr(i)).toBe(forward[i]);
  });

  it('a far step is reached from the trough before it, with the value walking there gives', () => {
    const spec = 'torch.CosineAnnealingLR:lr=0.1,T_max=1000,eta_min=0.002';
    const walked = buildSchedule(catalog, parseTextSpec(spec), 1).schedule;
    let value = 0;
    for (let i = 0; i <= 25_321; i++) value = walked.lr(i);
    const jumped = buildSchedule(catalog, parseTextSpec(spec), 1).schedule;
    expect(jumped.lr(25_321)).toBe(value);
    // Reached from the trough before it: a walk of a billion steps would not end within the test's time.
    expect(jumped.lr(1e9 + 17)).toBeGreaterThan(0.002);
  });
});

describe('torch.OneCycleLR', () => {
  it('takes epochs * steps_per_epoch as total_steps', () => {
    expect(lrs('torch.OneCycleLR:max_lr=0.1,epochs=4,steps_per_epoch=25', 101)).toEqual(lrs('torch.OneCycleLR:max_lr=0.1,total_steps=100', 101));
  });

  it('accepts booleans and strings the way torch takes them', () => {
    const three = lrs('torch.OneCycleLR:max_lr=1,total_steps=10,pct_start=0.5,three_phase=true,anneal_strategy=linear,div_factor=10', 11);
    // phases end at 4 (0.1 -> 1), 8 (1 -> 0.1) and 9 (0.1 -> 1e-5); the last phase also gives step 10.
    expectClose(three, [0.1, 0.325, 0.55, 0.775, 1, 0.775, 0.55, 0.325, 0.1, 1e-5, 0.1 + 2 * (1e-5 - 0.1)]);
  });

  it('refuses a step past total_steps, as torch raises', () => {
    const { schedule } = buildSchedule(catalog, parseTextSpec('torch.OneCycleLR:max_lr=0.1,total_steps=10'), 20);
    expect(() => schedule.lr(10)).not.toThrow();
    expect(() => schedule.lr(11)).toThrow(/step 11 is past total_steps=10/);
  });

  it('refuses a first phase of no length (torch divides by zero in __init__)', () => {
    expect(buildError('torch.OneCycleLR:max_lr=0.1,total_steps=10,pct_start=0.1')).toMatch(/pct_start=0.1.*no length|no length.*pct_start=0.1/);
  });

  it('needs both epochs and steps_per_epoch', () => {
    expect(buildError('torch.OneCycleLR:max_lr=0.1,epochs=3')).toMatch(/epochs and steps_per_epoch/);
  });
});

describe('torch.SequentialLR', () => {
  it('restarts each scheduler at its milestone (step(0) uses its closed form)', () => {
    const spec = {
      type: 'torch.SequentialLR',
      lr: 1,
      schedulers: [
        { symbol: 'ConstantLR', factor: 0.5, total_iters: 2 },
        { symbol: 'ExponentialLR', gamma: 0.5 },
        { type: 'torch.StepLR', step_size: 2, gamma: 0.1 },
      ],
      milestones: [3, 5],
    };
    expectClose(lrs(spec, 8), [0.5, 0.5, 1, 1, 0.5, 1, 1, 0.1]);
  });

  it('runs the schedulers from the lr OneCycleLR leaves in the optimizer (its __init__ overwrites initial_lr)', () => {
    // OneCycleLR sets initial_lr = max_lr / div_factor = 0.1; SequentialLR resets lr to it, so LinearLR ramps from
    // 0.1 * 0.5 (LinearLR.get_lr at step 0 multiplies the optimizer's current lr), then OneCycleLR starts at 0.1.
    const spec = {
      type: 'torch.SequentialLR',
      lr: 0.3,
      schedulers: [
        { symbol: 'LinearLR', start_factor: 0.5, total_iters: 2 },
        { symbol: 'OneCycleLR', max_lr: 1, total_steps: 10, div_factor: 10, anneal_strategy: 'linear', pct_start: 0.5 },
      ],
      milestones: [2],
    };
    expectClose(lrs(spec, 4), [0.05, 0.075, 0.1, 0.325]);
  });

  it('runs later schedulers from the base_lr CyclicLR records when it comes first (CyclicLR.__init__ sets lr first)', () => {
    const spec = {
      type: 'torch.SequentialLR',
      lr: 0.3,
      schedulers: [
        { symbol: 'CyclicLR', base_lr: 0.01, max_lr: 0.02, step_size_up: 1 },
        { symbol: 'ExponentialLR', gamma: 0.5 },
      ],
      milestones: [3],
    };
    expectClose(lrs(spec, 5), [0.01, 0.02, 0.01, 0.01, 0.005]);
  });

  it('restarts a later ConstantLR with total_iters=0 from its closed form: base_lr, held', () => {
    const spec = {
      type: 'torch.SequentialLR',
      lr: 1,
      schedulers: [{ symbol: 'ConstantLR', factor: 0.7, total_iters: 0 }, { symbol: 'ConstantLR', factor: 0.7, total_iters: 0 }],
      milestones: [2],
    };
    expectClose(lrs(spec, 4), [0.7, 0.7, 1, 1]);
  });

  it('gives every scheduler the optimizer lr and refuses a different one', () => {
    expect(buildError({ type: 'torch.SequentialLR', lr: 1, schedulers: [{ symbol: 'ExponentialLR', gamma: 0.5, lr: 2 }, { symbol: 'ExponentialLR', gamma: 0.5 }], milestones: [3] })).toMatch(
      /schedulers\[0\] has lr=2.*lr=1/,
    );
  });

  it('needs one milestone fewer than schedulers', () => {
    expect(buildError({ type: 'torch.SequentialLR', schedulers: [{ symbol: 'ExponentialLR', gamma: 0.5 }], milestones: [3] })).toMatch(/milestones has 1 entries.*\(0\)/);
  });

  it('names the bad parameter of a nested scheduler', () => {
    expect(buildError({ type: 'torch.SequentialLR', schedulers: [{ symbol: 'StepLR', step_sise: 2 }, { symbol: 'ExponentialLR', gamma: 0.5 }], milestones: [3] })).toMatch(
      /schedulers\[0\].*unknown parameter "step_sise" \(did you mean "step_size"\?\)/,
    );
  });
});

describe('bad input', () => {
  it('an unknown parameter names the framework parameters and the nearest one', () => {
    const message = buildError('torch.StepLR:lr=0.1,step_sise=30');
    expect(message).toMatch(/unknown parameter "step_sise" \(did you mean "step_size"\?\); its parameters are lr, step_size, gamma/);
    expect(message).not.toContain('\n');
  });

  it('a nonsensical value is one line naming it', () => {
    expect(buildError('torch.StepLR:step_size=0')).toMatch(/step_size=0 is not allowed; step_size must be a finite number > 0/);
    expect(buildError('torch.LinearLR:start_factor=1.5')).toMatch(/start_factor=1.5 is not allowed/);
    expect(buildError('torch.MultiStepLR:milestones=[3,2.5]')).toMatch(/milestones=\[2.5,3\] must be non-decreasing whole steps/);
    expect(buildError('torch.OneCycleLR:max_lr=0.1,anneal_strategy=cosine')).toMatch(/anneal_strategy="?cosine"? is not allowed; anneal_strategy must be one of cos, linear/);
  });

  it('a required parameter torch has no default for is asked for', () => {
    expect(buildError('torch.CosineAnnealingLR:lr=0.1')).toMatch(/missing parameter T_max/);
  });

  it('the CLI prints it as one line and exits 2', () => {
    const result = lrviz(['plot', '-s', 'torch.ExponentialLR:lr=0.1,gama=0.9', '--steps', '10', '-o', '-', '--format', 'csv']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown parameter "gama" \(did you mean "gamma"\?\)/);
  });
});
