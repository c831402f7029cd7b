/**
 * paddle.optimizer.lr (python/paddle/optimizer/lr.py), plus the tutorial's CosineWarmup. paddle's
 * schedulers are read as `scheduler()` before each `scheduler.step()`: value i is the one of last_epoch i.
 */
import { warmup } from '../schedules/combinators/warmup.js';
import { anneal } from '../schedules/shapes/anneal.js';
import { constant } from '../schedules/shapes/constant.js';
import { cosineEasing, linearEasing, polynomialEasing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { inverseSqrt } from '../schedules/shapes/inverse-sqrt.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import type { Schedule } from '../schedules/schedule.js';
import { restarts } from '../schedules/combinators/restarts.js';
import { cosine, linear } from '../schedules/shapes/anneal.js';
import { inverseTime } from '../schedules/shapes/inverse-time.js';
import { bool, choice, define, int, num, numberOrSchedule, numbers, text, type BuildContext, theRunsSteps, type ScheduleDefinition } from '../schedules/definition.js';
import { pythonFloorDiv } from './python-math.js';
import { formulaOfStep } from '../expression/index.js';
import { formulaTotal } from '../schedules/formula.js';
import { schedule } from '../schedules/schedule.js';
import { cyclic } from './cyclic-triangle-wave.js';
import { stretchedPolynomial } from './stretched-polynomial.js';
import { paddleOneCycle } from './paddle-one-cycle.js';
import { recursiveCosine, type SteppedSchedule } from './paddle-recursive-cosine.js';

const framework = 'paddle';

const learningRate = num({ min: 0, doc: 'initial learning rate' });
const gamma = num({ above: 0, doc: 'decay ratio' });
const verbose = bool({ default: false, doc: 'paddle prints each update; no effect on the values' });
const swallowedByKwargs = num({
  min: 0,
  default: 0,
  defaultText: 'unused',
  doc: 'swallowed by **kwargs (no effect)',
  noEffect: 'CosineWarmup passes its own warmup (warmup_epoch*step_each_epoch steps, from 0 to lr) to LinearWarmup and drops this',
});

/**
 * LinearWarmup.get_lr steps a nested scheduler with an explicit epoch, `step(last_epoch - warmup_steps)`,
 * and LRScheduler.step(epoch) then takes `_get_closed_form_lr` where a scheduler has one: the inner
 * scheduler starts at its own epoch 0 at step warmup_steps, and a nested CosineAnnealingDecay is
 * computed in closed form, not recursively.
 */
function linearWarmup(after: Schedule, steps: number, startLr: number, endLr: number): Schedule {
  const inner = (after as Partial<SteppedSchedule>).closedForm ?? after;
  return warmup(inner, { steps, startLr, endLr });
}

function checkWarmupEnds(start: number, end: number, ctx: BuildContext): void {
  // LinearWarmup.__init__ asserts it.
  if (!(end > start)) ctx.fail(`end_lr=${end} is not above start_lr=${start}; paddle's LinearWarmup needs end_lr > start_lr`);
}

function wholeSteps(value: number, what: string, ctx: BuildContext): number {
  if (!Number.isInteger(value) || value <= 0) ctx.fail(`${what} = ${value}; paddle needs a positive whole number of steps there`);
  return value;
}

export const paddleDefinitions: readonly ScheduleDefinition[] = [
  define({
    name: 'paddle.LinearWarmup',
    framework,
    summary: 'linear warmup from start_lr to end_lr over warmup_steps, then learning_rate (a number or a nested scheduler)',
    formula: 'start_lr + (end_lr - start_lr) * i/warmup_steps  for i < warmup_steps;  learning_rate, or scheduler(i - warmup_steps)',
    params: {
      learning_rate: numberOrSchedule({ min: 0, doc: 'lr after the warmup: a number, or a scheduler {"symbol": "CosineAnnealingDecay", ...}' }),
      warmup_steps: int({ above: 0, doc: 'length of the warmup in steps' }),
      start_lr: num({ min: 0, doc: 'lr at step 0' }),
      end_lr: num({ min: 0, doc: 'lr the warmup reaches at warmup_steps (> start_lr)' }),
      verbose,
    },
    build: (p, ctx) => {
      checkWarmupEnds(p.start_lr, p.end_lr, ctx);
      const given = p.learning_rate;
      const after = typeof given === 'number' ? constant(given) : ctx.nested(given, 'learning_rate', framework);
      return linearWarmup(after, p.warmup_steps, p.start_lr, p.end_lr);
    },
  }),
  define({
    name: 'paddle.CosineAnnealingDecay',
    framework,
    summary: 'cosine from learning_rate to eta_min over T_max steps, computed recursively; past T_max it climbs back',
    formula: 'eta_min + (learning_rate - eta_min) * (1 + cos(pi * i/T_max)) / 2, stepwise; periodic with 2*T_max',
    params: { learning_rate: learningRate, T_max: int({ above: 0, doc: 'half period in steps' }), eta_min: num({ min: 0, default: 0, doc: 'lr at T_max' }), verbose },
    build: (p) => recursiveCosine(p.learning_rate, p.eta_min, p.T_max),
  }),
  define({
    name: 'paddle.CosineWarmup',
    framework,
    summary: "the seed tutorial's (and PaddleClas') CosineWarmup: LinearWarmup(0 -> lr) around CosineAnnealingDecay; rebounds past epochs*step_each_epoch",
    formula: 'lr * i/W for i < W = warmup_epoch*step_each_epoch;  lr * (1 + cos(pi * (i - W)/T)) / 2,  T = step_each_epoch*(epochs - warmup_epoch)',
    params: {
      lr: num({ min: 0, doc: 'peak learning rate' }),
      step_each_epoch: int({ above: 0, doc: 'optimizer steps per epoch' }),
      epochs: num({ above: 0, doc: 'epochs the cosine is planned for, warmup included' }),
      warmup_epoch: num({ above: 0, default: 5, doc: 'epochs of linear warmup' }),
      // The tutorial calls CosineWarmup(..., warmup_steps=20, start_lr=0, end_lr=0.5, verbose=True): its
      // **kwargs swallows all four, so a copied call must work, and must still warm up over warmup_epoch.
      warmup_steps: swallowedByKwargs,
      start_lr: swallowedByKwargs,
      end_lr: swallowedByKwargs,
      verbose,
    },
    build: (p, ctx) => {
      const lr = p.lr;
      const perEpoch = p.step_each_epoch;
      const epochs = p.epochs;
      const warmupEpochs = p.warmup_epoch;
      // CosineWarmup.__init__ asserts it.
      if (!(epochs > warmupEpochs)) ctx.fail(`epochs=${epochs} is not above warmup_epoch=${warmupEpochs}; CosineWarmup needs epochs > warmup_epoch`);
      const warmupSteps = wholeSteps(warmupEpochs * perEpoch, 'warmup_epoch*step_each_epoch', ctx);
      const tMax = wholeSteps(perEpoch * (epochs - warmupEpochs), 'step_each_epoch*(epochs - warmup_epoch)', ctx);
      checkWarmupEnds(0, lr, ctx);
      return linearWarmup(recursiveCosine(lr, 0, tMax), warmupSteps, 0, lr);
    },
  }),
  define({
    name: 'paddle.PiecewiseDecay',
    framework,
    summary: 'values[k] from boundaries[k-1] on: a step equal to a boundary takes the next value',
    formula: 'values[number of boundaries <= i]',
    params: {
      boundaries: numbers({ doc: 'steps where the value changes, increasing' }),
      values: numbers({ doc: 'one more value than boundaries' }),
      verbose,
    },
    build: (p, ctx) => {
      const boundaries = p.boundaries;
      const values = p.values;
      if (boundaries.length === 0) ctx.fail('boundaries is empty; paddle needs at least one');
      if (values.length !== boundaries.length + 1) ctx.fail(`values has ${values.length} entries; it needs one more than boundaries (${boundaries.length + 1})`);
      boundaries.forEach((b, k) => {
        if (k > 0 && b <= boundaries[k - 1]) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be increasing`);
      });
      return piecewiseConstant(boundaries, values);
    },
  }),
  define({
    name: 'paddle.ExponentialDecay',
    framework,
    summary: 'learning_rate * gamma^i',
    formula: 'learning_rate * gamma^i',
    params: { learning_rate: learningRate, gamma: { ...gamma, doc: 'factor per step, 0 < gamma < 1' }, verbose },
    build: (p, ctx) => {
      if (p.gamma >= 1) ctx.fail(`gamma=${p.gamma} is not below 1; paddle's ExponentialDecay needs 0 < gamma < 1`);
      return exponential({ from: p.learning_rate, rate: p.gamma });
    },
  }),
  define({
    name: 'paddle.NaturalExpDecay',
    framework,
    summary: 'learning_rate * e^(-gamma * i)',
    formula: 'learning_rate * exp(-gamma * i)',
    params: { learning_rate: learningRate, gamma, verbose },
    build: (p) => exponential({ from: p.learning_rate, rate: 1 / Math.E, every: 1 / p.gamma }),
  }),
  define({
    name: 'paddle.InverseTimeDecay',
    framework,
    summary: 'learning_rate / (1 + gamma * i)',
    formula: 'learning_rate / (1 + gamma * i)',
    params: { learning_rate: learningRate, gamma: { ...gamma, above: undefined, min: 0 }, verbose },
    build: (p) => inverseTime({ from: p.learning_rate, rate: p.gamma }),
  }),
  define({
    name: 'paddle.PolynomialDecay',
    framework,
    summary: 'polynomial decay from learning_rate to end_lr over decay_steps; cycle=true stretches the horizon (TF style)',
    formula: '(learning_rate - end_lr) * (1 - min(i, decay_steps)/decay_steps)^power + end_lr;  cycle: decay_steps * ceil(i/decay_steps)',
    params: {
      learning_rate: learningRate,
      decay_steps: int({ above: 0, doc: 'steps to reach end_lr' }),
      end_lr: num({ min: 0, default: 0.0001, doc: 'final lr' }),
      power: num({ above: 0, default: 1, doc: 'exponent of the decay' }),
      cycle: bool({ default: false, doc: 'after decay_steps, jump back up and decay to the next multiple of decay_steps' }),
      verbose,
    },
    build: (p) => polynomialDecay(p, p.learning_rate, p.end_lr, p.decay_steps),
  }),
  define({
    name: 'paddle.LambdaDecay',
    framework,
    summary: 'learning_rate * lr_lambda(step), the function given as a formula',
    formula: 'learning_rate * lr_lambda(i)',
    params: {
      learning_rate: learningRate,
      lr_lambda: text({ doc: 'the function of the step, as a formula: "0.95 ** epoch" or "lambda epoch: 0.95 ** epoch"' }),
      total: formulaTotal,
      last_epoch: int({ min: -1, default: -1, doc: 'the last step already taken when resuming (-1: a fresh start)' }),
      verbose: bool({ noEffect: 'prints each update; no effect on the lr', doc: 'print each update (no effect)' }),
    },
    build: (p, ctx) => {
      const factor = formulaOfStep(p.lr_lambda, 'lr_lambda', { total: p.total, lr: p.learning_rate }, ctx.fail);
      // LambdaDecay.get_lr (python/paddle/optimizer/lr.py): base_lr * lr_lambda(last_epoch), from base_lr each
      // step, so resuming at last_epoch=k (the constructor steps once) continues at step k + 1.
      const resumeAt = p.last_epoch + 1;
      return schedule((i) => p.learning_rate * factor(i + resumeAt));
    },
  }),
  define({
    name: 'paddle.NoamDecay',
    framework,
    summary: 'Transformer schedule: learning_rate * d_model^-0.5 * min(i^-0.5, i * warmup_steps^-1.5)',
    formula: 'learning_rate * d_model^-0.5 * min(i^-0.5, i * warmup_steps^-1.5)  (0 at step 0)',
    params: {
      d_model: num({ above: 0, doc: 'model width' }),
      warmup_steps: int({ above: 0, doc: 'steps of linear rise' }),
      learning_rate: { ...learningRate, default: 1 },
      verbose,
    },
    build: (p) => {
      const steps = p.warmup_steps;
      const peak = p.learning_rate * p.d_model ** -0.5 * steps ** -0.5;
      return warmup(inverseSqrt(peak, steps, steps), { steps, startLr: 0, endLr: peak });
    },
  }),
  define({
    name: 'paddle.OneCycleLR',
    framework,
    summary: 'one cycle: max_learning_rate/divide_factor up to max_learning_rate, then down to end_learning_rate (optionally three phases)',
    formula: 'anneal(initial -> max) until phase_pct*total_steps - 1;  anneal(max -> end_learning_rate) until total_steps - 1',
    params: {
      max_learning_rate: num({ min: 0, doc: 'peak lr' }),
      total_steps: int({ above: 0, doc: 'length of the cycle; paddle raises past it' }),
      divide_factor: num({ above: 0, default: 25, doc: 'initial lr = max_learning_rate / divide_factor' }),
      end_learning_rate: num({ min: 0, default: 0.0001, doc: 'final lr' }),
      phase_pct: num({ min: 0, max: 1, default: 0.3, doc: 'fraction of total_steps spent rising' }),
      anneal_strategy: choice(['cos', 'linear'], { default: 'cos', doc: 'shape of the ramps' }),
      three_phase: bool({ default: false, doc: 'come back down to the initial lr before the final decay' }),
      verbose,
    },
    build: (p, ctx) => {
      const totalSteps = p.total_steps;
      const phasePct = p.phase_pct;
      if (p.three_phase && phasePct >= 0.5) ctx.fail(`phase_pct=${phasePct} with three_phase=true; paddle needs phase_pct < 0.5 then`);
      if (phasePct * totalSteps === 1) ctx.fail(`phase_pct*total_steps = 1 makes the first phase 0 steps long, and paddle divides by zero at step 0`);
      return paddleOneCycle({
        maxLr: p.max_learning_rate,
        totalSteps,
        initialLr: p.max_learning_rate / p.divide_factor,
        endLr: p.end_learning_rate,
        phasePct,
        easing: p.anneal_strategy === 'cos' ? cosineEasing : linearEasing,
        threePhase: p.three_phase,
      });
    },
  }),
  // The five below: python/paddle/optimizer/lr.py of PaddlePaddle/Paddle at 00816fcb21ade6ad4425774b0e989c8098c6d324.
  define({
    name: 'paddle.StepDecay',
    framework,
    summary: 'learning_rate * gamma^floor(i / step_size)',
    formula: 'learning_rate * gamma^(i // step_size)',
    params: { learning_rate: learningRate, step_size: int({ above: 0, doc: 'steps between decays' }), gamma: { ...gamma, default: 0.1, doc: 'factor at each decay, below 1' }, verbose },
    build: (p, ctx) => {
      belowOne(p.gamma, 'StepDecay', ctx);
      return exponential({ from: p.learning_rate, rate: p.gamma, every: p.step_size, staircase: true });
    },
  }),
  define({
    name: 'paddle.MultiStepDecay',
    framework,
    summary: 'learning_rate * gamma^(number of milestones <= i)',
    formula: 'learning_rate * gamma^k  for milestones[k-1] <= i < milestones[k]',
    params: {
      learning_rate: learningRate,
      milestones: numbers({ doc: 'steps where gamma applies, strictly increasing' }),
      gamma: { ...gamma, default: 0.1, doc: 'factor at each milestone, below 1' },
      verbose,
    },
    build: (p, ctx) => {
      belowOne(p.gamma, 'MultiStepDecay', ctx);
      // MultiStepDecay.__init__ raises 'The elements of milestones must be incremented'.
      p.milestones.forEach((m, k) => {
        if (k > 0 && !(m > p.milestones[k - 1])) ctx.fail(`milestones=${JSON.stringify(p.milestones)} must be strictly increasing (paddle raises otherwise)`);
      });
      // get_lr returns base_lr * gamma^i for the first milestone with last_epoch < milestones[i].
      return piecewiseConstant(p.milestones, [0, ...p.milestones].map((_, k) => p.learning_rate * p.gamma ** k));
    },
  }),
  define({
    name: 'paddle.LinearLR',
    framework,
    summary: 'learning_rate * start_factor moving linearly to learning_rate * end_factor over total_steps, then held',
    formula: 'learning_rate * (start_factor + (end_factor - start_factor) * min(i, total_steps)/total_steps)',
    params: {
      learning_rate: learningRate,
      total_steps: int({ above: 0, doc: 'steps of the ramp' }),
      start_factor: num({ above: 0, max: 1, default: 1 / 3, defaultText: '1/3', doc: 'multiplier at step 0' }),
      end_factor: num({ min: 0, max: 1, default: 1, doc: 'multiplier from total_steps on' }),
      verbose,
    },
    // get_lr multiplies last_lr by 1 + (end - start) / (total*start + (i-1)(end - start)): the product
    // telescopes to the straight line, to rounding.
    build: (p) => linear(p.learning_rate * p.start_factor, p.learning_rate * p.end_factor, p.total_steps),
  }),
  define({
    name: 'paddle.CyclicLR',
    framework,
    summary: 'triangle waves between base_learning_rate and max_learning_rate (triangular, triangular2 halving each cycle, exp_range)',
    formula: 'base + (max - base) * triangle(i) * scale;  cycle = 1 + i // (step_size_up + step_size_down);  scale = 1, 1/2^(cycle-1) or exp_gamma^i',
    params: {
      base_learning_rate: num({ min: 0, doc: 'lower bound, and the lr at step 0' }),
      max_learning_rate: num({ min: 0, doc: 'upper bound' }),
      step_size_up: int({ above: 0, doc: 'steps from base to max' }),
      step_size_down: int({ above: 0, acceptsNone: true, default: (given) => given.step_size_up as number, defaultText: 'step_size_up', doc: 'steps from max back to base' }),
      mode: choice(['triangular', 'triangular2', 'exp_range'], { default: 'triangular', doc: 'how the amplitude changes from cycle to cycle' }),
      exp_gamma: num({ above: 0, default: 1, doc: 'exp_range: amplitude factor per step' }),
      scale_mode: text({ default: 'cycle', doc: 'only with a custom scale_fn (no effect with mode)', noEffect: 'CyclicLR.__init__ sets scale_mode from mode when scale_fn is None' }),
      verbose,
    },
    build: (p) =>
      cyclic({
        baseLr: p.base_learning_rate,
        maxLr: p.max_learning_rate,
        stepSizeUp: p.step_size_up,
        stepSizeDown: p.step_size_down,
        mode: p.mode,
        gamma: p.exp_gamma,
        // CyclicLR.get_lr: `cycle = 1 + iterations // self.cycle_size`, a float floor division.
        cycleOf: (t, size) => 1 + pythonFloorDiv(t, size),
      }),
  }),
  define({
    name: 'paddle.CosineAnnealingWarmRestarts',
    framework,
    summary: 'cosine from learning_rate to eta_min restarting every T_0 * T_mult^k steps (SGDR)',
    formula: 'eta_min + (learning_rate - eta_min) * (1 + cos(pi T_cur/T_i)) / 2,  T_i = T_0 * T_mult^k',
    params: {
      learning_rate: learningRate,
      T_0: int({ above: 0, doc: 'steps of the first cycle' }),
      T_mult: int({ min: 1, default: 1, doc: 'each cycle is this many times longer than the one before' }),
      eta_min: num({ min: 0, default: 0, doc: 'lr at the end of each cycle' }),
      verbose,
    },
    // Stepped without an epoch, step() adds one to T_cur and restarts when it reaches T_i, as torch does.
    build: (p) => restarts({ firstCycle: p.T_0, cycleMult: p.T_mult, cycle: (_k, length) => cosine(p.learning_rate, p.eta_min, length) }),
  }),
];

/** StepDecay.__init__ and MultiStepDecay.__init__ raise 'gamma should be < 1.0.' */
function belowOne(value: number, symbol: string, ctx: BuildContext): void {
  if (value >= 1) ctx.fail(`gamma=${value} is not below 1; paddle's ${symbol} raises "gamma should be < 1.0."`);
}

function polynomialDecay(p: { readonly cycle: boolean; readonly power: number }, from: number, to: number, decaySteps: number): Schedule {
  if (p.cycle) return stretchedPolynomial(from, to, decaySteps, p.power);
  return anneal({ from, to, steps: decaySteps, easing: polynomialEasing(p.power) });
}
