/**
 * paddle.optimizer.lr (python/paddle/optimizer/lr.py), plus the tutorial's CosineWarmup. paddle's
 * schedulers are read as `scheduler()` before each `scheduler.step()`: value i is the one of last_epoch i.
 */
import type { ParamDef } from '../spec/params.js';
import { register, type BuildContext, type Params } from '../spec/registry.js';
import { warmup } from '../schedules/combinators/warmup.js';
import { anneal } from '../schedules/shapes/anneal.js';
import { constant } from '../schedules/shapes/constant.js';
import { cosineEasing, linearEasing, polynomialEasing } from '../schedules/shapes/easing.js';
import { exponential } from '../schedules/shapes/exponential.js';
import { inverseSqrt } from '../schedules/shapes/inverse-sqrt.js';
import { piecewiseConstant } from '../schedules/shapes/piecewise.js';
import type { Schedule } from '../schedules/schedule.js';
import type { SpecObject } from '../spec/params.js';
import { inverseTime } from './keras-inverse-time.js';
import { stretchedPolynomial } from './keras-polynomial-cycle.js';
import { paddleOneCycle } from './paddle-one-cycle.js';
import { recursiveCosine, type SteppedSchedule } from './paddle-recursive-cosine.js';

const framework = 'paddle';

const learningRate: ParamDef = { name: 'learning_rate', type: 'number', min: 0, doc: 'initial learning rate' };
const gamma: ParamDef = { name: 'gamma', type: 'number', above: 0, doc: 'decay ratio' };
const verbose: ParamDef = { name: 'verbose', type: 'boolean', default: false, doc: 'paddle prints each update; no effect on the values' };

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

register(
  {
    name: 'paddle.LinearWarmup',
    framework,
    summary: 'linear warmup from start_lr to end_lr over warmup_steps, then learning_rate (a number or a nested scheduler)',
    formula: 'start_lr + (end_lr - start_lr) * i/warmup_steps  for i < warmup_steps;  learning_rate, or scheduler(i - warmup_steps)',
    params: [
      { name: 'learning_rate', type: 'number-or-schedule', min: 0, doc: 'lr after the warmup: a number, or a scheduler {"symbol": "CosineAnnealingDecay", ...}' },
      { name: 'warmup_steps', type: 'integer', above: 0, doc: 'length of the warmup in steps' },
      { name: 'start_lr', type: 'number', min: 0, doc: 'lr at step 0' },
      { name: 'end_lr', type: 'number', min: 0, doc: 'lr the warmup reaches at warmup_steps (> start_lr)' },
      verbose,
    ],
    build: (p, ctx) => {
      checkWarmupEnds(p.num('start_lr'), p.num('end_lr'), ctx);
      const given = p.values.learning_rate as number | SpecObject;
      const after = typeof given === 'number' ? constant(given) : ctx.nested(given, 'learning_rate', framework);
      return linearWarmup(after, p.num('warmup_steps'), p.num('start_lr'), p.num('end_lr'));
    },
  },
  {
    name: 'paddle.CosineAnnealingDecay',
    framework,
    summary: 'cosine from learning_rate to eta_min over T_max steps, computed recursively; past T_max it climbs back',
    formula: 'eta_min + (learning_rate - eta_min) * (1 + cos(pi * i/T_max)) / 2, stepwise; periodic with 2*T_max',
    params: [learningRate, { name: 'T_max', type: 'integer', above: 0, doc: 'half period in steps' }, { name: 'eta_min', type: 'number', min: 0, default: 0, doc: 'lr at T_max' }, verbose],
    build: (p) => recursiveCosine(p.num('learning_rate'), p.num('eta_min'), p.num('T_max')),
  },
  {
    name: 'paddle.CosineWarmup',
    framework,
    summary: "the seed tutorial's (and PaddleClas') CosineWarmup: LinearWarmup(0 -> lr) around CosineAnnealingDecay; rebounds past epochs*step_each_epoch",
    formula: 'lr * i/W for i < W = warmup_epoch*step_each_epoch;  lr * (1 + cos(pi * (i - W)/T)) / 2,  T = step_each_epoch*(epochs - warmup_epoch)',
    params: [
      { name: 'lr', type: 'number', min: 0, doc: 'peak learning rate' },
      { name: 'step_each_epoch', type: 'integer', above: 0, doc: 'optimizer steps per epoch' },
      { name: 'epochs', type: 'number', above: 0, doc: 'epochs the cosine is planned for, warmup included' },
      { name: 'warmup_epoch', type: 'number', above: 0, default: 5, doc: 'epochs of linear warmup' },
      // The tutorial calls CosineWarmup(..., warmup_steps=20, start_lr=0, end_lr=0.5, verbose=True): its
      // **kwargs swallows all four, so a copied call must work, and must still warm up over warmup_epoch.
      ...(['warmup_steps', 'start_lr', 'end_lr'] as const).map(
        (name): ParamDef => ({
          name,
          type: 'number',
          min: 0,
          default: 0,
          defaultText: 'unused',
          doc: 'swallowed by **kwargs (no effect)',
          noEffect: 'CosineWarmup passes its own warmup (warmup_epoch*step_each_epoch steps, from 0 to lr) to LinearWarmup and drops this',
        }),
      ),
      verbose,
    ],
    build: (p, ctx) => {
      const lr = p.num('lr');
      const perEpoch = p.num('step_each_epoch');
      const epochs = p.num('epochs');
      const warmupEpochs = p.num('warmup_epoch');
      // CosineWarmup.__init__ asserts it.
      if (!(epochs > warmupEpochs)) ctx.fail(`epochs=${epochs} is not above warmup_epoch=${warmupEpochs}; CosineWarmup needs epochs > warmup_epoch`);
      const warmupSteps = wholeSteps(warmupEpochs * perEpoch, 'warmup_epoch*step_each_epoch', ctx);
      const tMax = wholeSteps(perEpoch * (epochs - warmupEpochs), 'step_each_epoch*(epochs - warmup_epoch)', ctx);
      checkWarmupEnds(0, lr, ctx);
      return linearWarmup(recursiveCosine(lr, 0, tMax), warmupSteps, 0, lr);
    },
  },
  {
    name: 'paddle.PiecewiseDecay',
    framework,
    summary: 'values[k] from boundaries[k-1] on: a step equal to a boundary takes the next value',
    formula: 'values[number of boundaries <= i]',
    params: [
      { name: 'boundaries', type: 'numbers', doc: 'steps where the value changes, increasing' },
      { name: 'values', type: 'numbers', doc: 'one more value than boundaries' },
      verbose,
    ],
    build: (p, ctx) => {
      const boundaries = p.nums('boundaries');
      const values = p.nums('values');
      if (boundaries.length === 0) ctx.fail('boundaries is empty; paddle needs at least one');
      if (values.length !== boundaries.length + 1) ctx.fail(`values has ${values.length} entries; it needs one more than boundaries (${boundaries.length + 1})`);
      boundaries.forEach((b, k) => {
        if (k > 0 && b <= boundaries[k - 1]) ctx.fail(`boundaries=${JSON.stringify(boundaries)} must be increasing`);
      });
      return piecewiseConstant(boundaries, values);
    },
  },
  {
    name: 'paddle.ExponentialDecay',
    framework,
    summary: 'learning_rate * gamma^i',
    formula: 'learning_rate * gamma^i',
    params: [learningRate, { ...gamma, doc: 'factor per step, 0 < gamma < 1' }, verbose],
    build: (p, ctx) => {
      if (p.num('gamma') >= 1) ctx.fail(`gamma=${p.num('gamma')} is not below 1; paddle's ExponentialDecay needs 0 < gamma < 1`);
      return exponential({ from: p.num('learning_rate'), rate: p.num('gamma') });
    },
  },
  {
    name: 'paddle.NaturalExpDecay',
    framework,
    summary: 'learning_rate * e^(-gamma * i)',
    formula: 'learning_rate * exp(-gamma * i)',
    params: [learningRate, gamma, verbose],
    build: (p) => exponential({ from: p.num('learning_rate'), rate: 1 / Math.E, every: 1 / p.num('gamma') }),
  },
  {
    name: 'paddle.InverseTimeDecay',
    framework,
    summary: 'learning_rate / (1 + gamma * i)',
    formula: 'learning_rate / (1 + gamma * i)',
    params: [learningRate, { ...gamma, above: undefined, min: 0 }, verbose],
    build: (p) => inverseTime({ from: p.num('learning_rate'), rate: p.num('gamma') }),
  },
  {
    name: 'paddle.PolynomialDecay',
    framework,
    summary: 'polynomial decay from learning_rate to end_lr over decay_steps; cycle=true stretches the horizon (TF style)',
    formula: '(learning_rate - end_lr) * (1 - min(i, decay_steps)/decay_steps)^power + end_lr;  cycle: decay_steps * ceil(i/decay_steps)',
    params: [
      learningRate,
      { name: 'decay_steps', type: 'integer', above: 0, doc: 'steps to reach end_lr' },
      { name: 'end_lr', type: 'number', min: 0, default: 0.0001, doc: 'final lr' },
      { name: 'power', type: 'number', above: 0, default: 1, doc: 'exponent of the decay' },
      { name: 'cycle', type: 'boolean', default: false, doc: 'after decay_steps, jump back up and decay to the next multiple of decay_steps' },
      verbose,
    ],
    build: (p) => polynomialDecay(p, p.num('learning_rate'), p.num('end_lr'), p.num('decay_steps')),
  },
  {
    name: 'paddle.NoamDecay',
    framework,
    summary: 'Transformer schedule: learning_rate * d_model^-0.5 * min(i^-0.5, i * warmup_steps^-1.5)',
    formula: 'learning_rate * d_model^-0.5 * min(i^-0.5, i * warmup_steps^-1.5)  (0 at step 0)',
    params: [
      { name: 'd_model', type: 'number', above: 0, doc: 'model width' },
      { name: 'warmup_steps', type: 'integer', above: 0, doc: 'steps of linear rise' },
      { ...learningRate, default: 1 },
      verbose,
    ],
    build: (p) => {
      const steps = p.num('warmup_steps');
      const peak = p.num('learning_rate') * p.num('d_model') ** -0.5 * steps ** -0.5;
      return warmup(inverseSqrt(peak, steps, steps), { steps, startLr: 0, endLr: peak });
    },
  },
  {
    name: 'paddle.OneCycleLR',
    framework,
    summary: 'one cycle: max_learning_rate/divide_factor up to max_learning_rate, then down to end_learning_rate (optionally three phases)',
    formula: 'anneal(initial -> max) until phase_pct*total_steps - 1;  anneal(max -> end_learning_rate) until total_steps - 1',
    params: [
      { name: 'max_learning_rate', type: 'number', min: 0, doc: 'peak lr' },
      { name: 'total_steps', type: 'integer', above: 0, doc: 'length of the cycle; paddle raises past it' },
      { name: 'divide_factor', type: 'number', above: 0, default: 25, doc: 'initial lr = max_learning_rate / divide_factor' },
      { name: 'end_learning_rate', type: 'number', min: 0, default: 0.0001, doc: 'final lr' },
      { name: 'phase_pct', type: 'number', min: 0, max: 1, default: 0.3, doc: 'fraction of total_steps spent rising' },
      { name: 'anneal_strategy', type: 'string', choices: ['cos', 'linear'], default: 'cos', doc: 'shape of the ramps' },
      { name: 'three_phase', type: 'boolean', default: false, doc: 'come back down to the initial lr before the final decay' },
      verbose,
    ],
    build: (p, ctx) => {
      const totalSteps = p.num('total_steps');
      const phasePct = p.num('phase_pct');
      if (p.bool('three_phase') && phasePct >= 0.5) ctx.fail(`phase_pct=${phasePct} with three_phase=true; paddle needs phase_pct < 0.5 then`);
      if (phasePct * totalSteps === 1) ctx.fail(`phase_pct*total_steps = 1 makes the first phase 0 steps long, and paddle divides by zero at step 0`);
      return paddleOneCycle({
        maxLr: p.num('max_learning_rate'),
        totalSteps,
        initialLr: p.num('max_learning_rate') / p.num('divide_factor'),
        endLr: p.num('end_learning_rate'),
        phasePct,
        easing: p.str('anneal_strategy') === 'cos' ? cosineEasing : linearEasing,
        threePhase: p.bool('three_phase'),
      });
    },
  },
);

function polynomialDecay(p: Params, from: number, to: number, decaySteps: number): Schedule {
  if (p.bool('cycle')) return stretchedPolynomial(from, to, decaySteps, p.num('power'));
  return anneal({ from, to, steps: decaySteps, easing: polynomialEasing(p.num('power')) });
}
