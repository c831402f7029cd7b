/**
 * `lrviz check` as CI runs it: exit status 0 / 1 / 2, a report for people, JSON with stable codes.
 */
import { describe, expect, it } from 'vitest';
import { lrviz } from '../support/cli.js';

describe('lrviz check', () => {
  it('a well-formed schedule: nothing found, exit 0 even with --strict', () => {
    const { status, stdout, stderr } = lrviz(['check', '-s', 'cosine-warmup:lr=3e-4,warmup=500,start_lr=3e-6', '--train-steps', '10000', '--strict']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('no problems found');
    expect(stdout).toContain('0 errors, 0 warnings, 0 infos');
  });

  it('a horizon given in epochs to a per-batch scheduler is an error: exit 1, JSON for CI', () => {
    const { status, stdout, stderr } = lrviz(['check', '-s', 'cosine:lr=0.1,total=90', '--epochs', '90', '--steps-per-epoch', '391', '--json']);
    expect(status).toBe(1);
    expect(stderr).toBe('lrviz: error: check failed: 1 error\n');
    const report = JSON.parse(stdout);
    expect(report.training).toEqual({ schedulerSteps: 35190, stepped: 'batch', epochs: 90, stepsPerEpoch: 391 });
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(report.schedules[0].spec).toMatchObject({ type: 'cosine', total: 90 });
    expect(report.schedules[0].findings[0]).toMatchObject({ code: 'LRV004', name: 'horizon-in-epochs', severity: 'error', step: 90 });
  });

  it('warnings pass by default and fail with --strict', () => {
    const args = ['check', '-s', 'cosine:lr=0.1,total=75', '--train-steps', '85'];
    const relaxed = lrviz(args);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toMatch(/warning LRV002 floor-before-end at step 75\n\s+the schedule reaches its end value 0 at step 75 and holds it for the last 10 steps \(12% of training\)\n\s+fix: change total=75 to 85/);
    const strict = lrviz([...args, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe('lrviz: error: check failed: 1 warning (--strict)\n');
  });

  it('checks several schedules in one run', () => {
    const { stdout } = lrviz(['check', '-s', 'cosine:lr=0.1', '-s', 'cosine-restarts:lr=0.1,cycle=1000,cycle_mult=2', '--train-steps', '5000', '--json']);
    const report = JSON.parse(stdout);
    expect(report.schedules.map((s: { findings: { code: string }[] }) => s.findings.map((f) => f.code))).toEqual([[], ['LRV008', 'LRV009']]);
  });

  it('per-epoch stepping: the horizon in batches', () => {
    const { status, stdout } = lrviz(['check', '-s', 'cosine:lr=0.1,total=35190', '--epochs', '90', '--steps-per-epoch', '391', '--stepped', 'epoch']);
    expect(status).toBe(1);
    expect(stdout).toContain('LRV005 horizon-in-steps');
    expect(stdout).toContain('90 scheduler steps (one per epoch)');
  });

  const bad: [string, string[], RegExp][] = [
    ['no training length', ['-s', 'cosine'], /check needs the training length: --steps N, or --epochs E with --steps-per-epoch S/],
    ['epochs without steps per epoch', ['-s', 'cosine', '--epochs', '9'], /--epochs 9 needs --steps-per-epoch/],
    ['both lengths', ['-s', 'cosine', '--epochs', '9', '--steps-per-epoch', '3', '--train-steps', '27'], /either --train-steps or --epochs/],
    ['a bad count', ['-s', 'cosine', '--train-steps', '1.5'], /--train-steps "1.5" is not allowed/],
    ['a bad unit', ['-s', 'cosine', '--train-steps', '10', '--stepped', 'iteration'], /--stepped "iteration" is not allowed; use batch or epoch/],
    ['both spellings of the length', ['-s', 'cosine', '--steps', '10', '--train-steps', '10'], /--steps and --train-steps are the same flag/],
    ['an unknown code to ignore', ['-s', 'cosine', '--steps', '10', '--ignore', 'LRV006,LRV99'], /--ignore "LRV99" is not allowed; use check's codes/],
    ['a bad accumulation', ['-s', 'cosine', '--train-steps', '10', '--grad-accum', '0'], /--grad-accum "0" is not allowed/],
    ['no schedule', ['--train-steps', '10'], /no schedule given/],
    ['a bad spec', ['-s', 'cosine:lr=-1', '--train-steps', '10'], /lr=/],
  ];
  for (const [name, args, message] of bad) {
    it(`bad input exits 2 with one line: ${name}`, () => {
      const { status, stdout, stderr } = lrviz(['check', ...args]);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('lrviz check on framework schedulers (the threads the codes come from)', () => {
  it('the seed: paddle CosineWarmup with an 800-step horizon trained 7,820 steps climbs back', () => {
    const { status, stdout } = lrviz(['check', '-s', 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_epoch=5', '--train-steps', '7820', '--json']);
    expect(status).toBe(1);
    const [schedule] = JSON.parse(stdout).schedules;
    const codes = schedule.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['LRV001', 'LRV006']);
    expect(schedule.findings[0]).toMatchObject({ step: 800, values: { horizon: 800, trainSteps: 7820, maxAfterHorizonStep: 1100 } });
    expect(schedule.findings[0].values.maxAfterHorizon).toBeCloseTo(0.5, 9);
    // Typeable: whole numbers whose product is the run (782 batches × 10 epochs is the tutorial's real loader).
    expect(schedule.findings[0].fix).toContain('change step_each_epoch=100, epochs=8 (800 steps) to step_each_epoch=782, epochs=10 (7,820 steps)');
    // Paddle's CosineWarmup has no way to start above 0 (its start_lr is swallowed): an info, not a warning.
    expect(schedule.findings[1]).toMatchObject({ code: 'LRV006', severity: 'info' });
  });

  it('the seed with its real loader given: the fix uses those numbers', () => {
    const { stdout } = lrviz(['check', '-s', 'paddle.CosineWarmup:lr=0.5,step_each_epoch=100,epochs=8,warmup_epoch=5', '--epochs', '10', '--steps-per-epoch', '782', '--json']);
    expect(JSON.parse(stdout).schedules[0].findings[0].fix).toContain('to step_each_epoch=782, epochs=10 (7,820 steps)');
  });

  it('torch CosineAnnealingLR past T_max: the first peak after the horizon, not the highest', () => {
    const { status, stdout } = lrviz(['check', '-s', 'torch.CosineAnnealingLR:lr=0.1,T_max=1000', '--steps', '10000', '--json']);
    expect(status).toBe(1);
    const [f] = JSON.parse(stdout).schedules[0].findings;
    expect(f).toMatchObject({ code: 'LRV001', step: 1000, values: { maxAfterHorizonStep: 2000 } });
    expect(f.message).toContain('climbs back from 0 to 0.1 (step 2,000)');
  });

  it("timm's cycle_limit=1 default: lr_min for the rest of the run, with the fix naming cycle_limit and t_initial", () => {
    for (const symbol of ['timm.CosineLRScheduler', 'timm.PolyLRScheduler']) {
      const { status, stdout } = lrviz(['check', '-s', `${symbol}:lr=0.1,t_initial=3910`, '--train-steps', '58650', '--json']);
      expect(status).toBe(0);
      const [f] = JSON.parse(stdout).schedules[0].findings;
      expect(f).toMatchObject({ code: 'LRV002', step: 3910, values: { stepsAtFloor: 54740 } });
      expect(f.fix).toBe('raise cycle_limit=1 to 15 (15 cycles from t_initial=3910), or raise t_initial=3910 to 58650 so its cycle spans the whole run');
    }
  });

  it('--steps means what it means for plot, per epoch too: the run in updates, the scheduler stepped every --steps-per-epoch', () => {
    const spec = 'torch.CosineAnnealingLR:lr=0.1,T_max=35190';
    const inEpochs = JSON.parse(lrviz(['check', '-s', spec, '--epochs', '90', '--steps-per-epoch', '391', '--stepped', 'epoch', '--json']).stdout);
    const inSteps = JSON.parse(lrviz(['check', '-s', spec, '--steps', '35190', '--steps-per-epoch', '391', '--stepped', 'epoch', '--json']).stdout);
    expect(inSteps.training).toEqual(inEpochs.training);
    expect(inSteps.schedules[0].findings.map((f: { code: string }) => f.code)).toEqual(['LRV005']);
    expect(inSteps.schedules[0].findings).toEqual(inEpochs.schedules[0].findings);
  });

  it('--ignore leaves findings out of the report, the summary, the exit status and --json', () => {
    const spec = 'hf.cosine:lr=3e-4,num_warmup_steps=500,num_training_steps=10000';
    expect(lrviz(['check', '-s', 'cosine-warmup', '--steps', '1000', '--strict']).status).toBe(1);
    const kept = lrviz(['check', '-s', 'cosine-warmup', '--steps', '1000', '--strict', '--ignore', 'lrv006']);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toContain('0 errors, 0 warnings, 0 infos (1 finding left out: LRV006 ignored)');
    const json = JSON.parse(lrviz(['check', '-s', spec, '--steps', '10000', '--strict', '--json', '--ignore', 'LRV006,LRV009']).stdout);
    expect(json.ignored).toEqual({ codes: ['LRV006', 'LRV009'], findings: 1 });
    expect(json.schedules[0].findings).toEqual([]);
  });

  it('torch CosineAnnealingLR with T_max in epochs, stepped per batch', () => {
    const { status, stdout } = lrviz(['check', '-s', 'torch.CosineAnnealingLR:lr=0.1,T_max=90', '--epochs', '90', '--steps-per-epoch', '391', '--strict', '--json']);
    expect(status).toBe(1);
    const [schedule] = JSON.parse(stdout).schedules;
    expect(schedule.findings.map((f: { code: string }) => f.code)).toEqual(['LRV004']);
  });

  it('timm without warmup_prefix drops at the end of warmup; with it, nothing', () => {
    const base = 'timm.CosineLRScheduler:lr=1e-3,lr_min=1e-5,warmup_t=25020,warmup_lr_init=1e-6';
    const without = JSON.parse(lrviz(['check', '-s', `${base},t_initial=375300`, '--train-steps', '375300', '--json']).stdout);
    expect(without.schedules[0].findings.map((f: { code: string }) => f.code)).toEqual(['LRV007']);
    expect(without.schedules[0].findings[0].step).toBe(25020);
    const prefixed = lrviz(['check', '-s', `${base},t_initial=350280,warmup_prefix=true`, '--train-steps', '375300', '--strict']);
    expect(prefixed.status).toBe(0);
    expect(prefixed.stdout).toContain('no problems found');
  });

  it('HF warmup starts at 0: one wasted update, an info since HF has no parameter to avoid it, so --strict passes', () => {
    const { status, stdout } = lrviz(['check', '-s', 'hf.linear:lr=1e-5,num_warmup_steps=500,num_training_steps=5000', '--steps', '5000', '--strict']);
    expect(status).toBe(0);
    expect(stdout).toContain('info    LRV006 first-step-zero at step 0');
    expect(stdout).toContain('fix: nothing to change in the config: hf.linear has no parameter for its value at step 0');
    expect(stdout).toContain('0 errors, 0 warnings, 1 info');
  });

  it("a warmup that could start above 0 is a warning whose fix names the schedule's own parameter", () => {
    const cases: [string, string][] = [
      ['cosine-warmup:lr=1e-3,warmup=100', 'set start_lr above 0 (e.g. start_lr=1e-5'],
      ['timm.CosineLRScheduler:lr=0.1,t_initial=1000,warmup_t=10,warmup_prefix=true', 'set warmup_lr_init above 0 (e.g. warmup_lr_init=0.01'],
      ['paddle.LinearWarmup:learning_rate=0.1,warmup_steps=10,start_lr=0,end_lr=0.1', 'set start_lr above 0 (e.g. start_lr=0.01'],
    ];
    for (const [spec, fix] of cases) {
      const [f] = JSON.parse(lrviz(['check', '-s', spec, '--steps', '1000', '--json', '--ignore', 'LRV002,LRV001']).stdout).schedules[0].findings;
      expect(f).toMatchObject({ code: 'LRV006', severity: 'warning' });
      expect(f.fix).toContain(fix);
    }
  });

  it('HF cosine whose num_training_steps counts micro-batches (--grad-accum)', () => {
    const { status, stdout } = lrviz(['check', '-s', 'hf.cosine:lr=1e-4,num_warmup_steps=100,num_training_steps=4000', '--train-steps', '1000', '--grad-accum', '4']);
    expect(status).toBe(1);
    expect(stdout).toContain('LRV013 horizon-in-micro-batches');
    expect(stdout).toContain('fix: set num_training_steps=1000 (optimizer updates)');
  });

  it('torch warm restarts ending mid-cycle', () => {
    const { stdout } = lrviz(['check', '-s', 'torch.CosineAnnealingWarmRestarts:lr=0.1,T_0=10,T_mult=2', '--train-steps', '100', '--json']);
    const [schedule] = JSON.parse(stdout).schedules;
    expect(schedule.findings.map((f: { code: string }) => f.code)).toEqual(['LRV008', 'LRV009']);
    expect(schedule.findings[0].values).toMatchObject({ cycleStart: 70, expectedCycleEnd: 150 });
  });
});
