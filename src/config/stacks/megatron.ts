/**
 * Megatron-LM launch scripts and argument lists: the flags wherever the script lists them (./shell-args.ts), or
 * the MODEL_ARGS of a functional-test model_config.yaml,
 * turned into the scheduler megatron/training/training.py builds (get_optimizer_param_scheduler, Megatron
 * Core 0.20.0): lengths in samples, iterations × global batch size, stepped by the global batch size.
 *   iteration-based: decay = (--lr-decay-iters or --train-iters) × G; warmup = --lr-warmup-fraction × decay,
 *                    else --lr-warmup-iters × G; updates = --train-iters
 *   sample-based:    decay = --lr-decay-samples or --train-samples; warmup = fraction × decay, else
 *                    --lr-warmup-samples; updates = --train-samples // G (update_train_iters)
 * G = --global-batch-size, else --micro-batch-size × data-parallel processes (arguments.py).
 */
import { LrvizError, shown } from '../../errors.js';
import { parseNumber } from '../../text/decimal.js';
import { count, Plan } from '../plan.js';
import { readShellFlags } from '../shell-args.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject } from '../values.js';

export const MEGATRON_RELEASE = 'Megatron-LM (Megatron Core 0.20.0)';

export const megatron: StackReader = {
  id: 'megatron',
  title: 'Megatron-LM (launch script or argument list)',
  detect: (doc) =>
    (doc.format === 'text' && /--lr[\s=]/.test(doc.text) && /--(train-iters|train-samples|lr-decay-style|global-batch-size|micro-batch-size)\b/.test(doc.text)) ||
    modelArgs(doc) !== undefined,
  resolve: (doc, ctx) => resolveMegatron(doc, ctx),
};

/**
 * The flags of Megatron-LM's functional-test `model_config.yaml` (tests/functional_tests/test_cases/*): a
 * MODEL_ARGS mapping from flag to value, `true` for a flag without one. Undefined for any other file.
 */
function modelArgs(doc: ConfigDocument): Map<string, string> | undefined {
  const value = doc.format === 'yaml' && isObject(doc.value) ? doc.value.MODEL_ARGS : undefined;
  if (!isObject(value) || !Object.hasOwn(value, '--lr')) return undefined;
  const flags = new Map<string, string>();
  for (const [flag, given] of Object.entries(value)) {
    if (given === false || given === null) continue;
    flags.set(flag, given === true ? '' : typeof given === 'object' ? JSON.stringify(given) : String(given));
  }
  return flags;
}

function resolveMegatron(doc: ConfigDocument, ctx: ResolveContext): ResolvedConfig {
  const plan = new Plan(doc.name, ctx);
  const flags = modelArgs(doc) ?? readShellFlags(doc.text).flags;
  const raw = (flag: string): string | undefined => flags.get(flag);
  const number = (flag: string): number | undefined => {
    const text = raw(flag);
    if (text === undefined) return undefined;
    const value = parseNumber(text.trim());
    if (value === undefined) {
      const why = text === '' || text.includes('$') ? ', which the script sets only when it runs; write the number' : '';
      throw new LrvizError(`${doc.name}: ${flag} is ${shown(text)}${why || '; expected a number'}`);
    }
    return value;
  };
  for (const flag of ['--rampup-batch-size', '--step-batch-size-schedule']) {
    if (raw(flag) !== undefined) plan.fail(`${flag} changes the batch size during the run, and the scheduler steps by it; lrviz does not model batch-size ramps`);
  }
  const lr = number('--lr');
  if (lr === undefined) plan.fail('--lr is missing; Megatron needs it');
  const minLr = number('--min-lr') ?? 0;
  const initLr = number('--lr-warmup-init') ?? 0;
  const style = raw('--lr-decay-style') ?? 'linear';
  if (raw('--lr-decay-style') === undefined) plan.assume('--lr-decay-style linear (Megatron\'s default)');
  const globalBatch = globalBatchSize(plan, number);
  const trainIters = number('--train-iters');
  const trainSamples = number('--train-samples');
  const fraction = number('--lr-warmup-fraction');
  if (fraction !== undefined && (number('--lr-warmup-iters') ?? 0) > 0) plan.fail('--lr-warmup-fraction and --lr-warmup-iters are both given; Megatron accepts only one');
  let updates: number;
  let decay: number;
  let warmup: number;
  let wsd: number | undefined;
  let decayFlag: string;
  if (trainIters !== undefined && trainIters > 0) {
    updates = plan.derive('updates', trainIters, '--train-iters', '--train-iters');
    const decayIters = number('--lr-decay-iters') ?? trainIters;
    decayFlag = raw('--lr-decay-iters') === undefined ? '--train-iters' : '--lr-decay-iters';
    decay = plan.derive('lr_decay_steps', decayIters * globalBatch, `${count(decayIters)} × ${count(globalBatch)}`, `${decayFlag} × global batch (samples)`);
    warmup =
      fraction !== undefined
        ? plan.derive('lr_warmup_steps', fraction * decay, `${fraction} × ${count(decay)}`, `--lr-warmup-fraction of the decay, ${decayFlag}`)
        : plan.derive('lr_warmup_steps', (number('--lr-warmup-iters') ?? 0) * globalBatch, `${count(number('--lr-warmup-iters') ?? 0)} × ${count(globalBatch)}`, '--lr-warmup-iters × global batch');
    const wsdIters = number('--lr-wsd-decay-iters');
    if (wsdIters !== undefined) wsd = plan.derive('wsd_decay_steps', wsdIters * globalBatch, `${count(wsdIters)} × ${count(globalBatch)}`, '--lr-wsd-decay-iters × global batch');
    if (fraction !== undefined && decayIters !== trainIters) {
      plan.note({
        code: 'LRV106',
        message: `--lr-warmup-fraction ${fraction} is a fraction of --lr-decay-iters ${count(decayIters)}, not of --train-iters ${count(trainIters)}: the warmup is ${count(fraction * decayIters)} iterations`,
        fix: `--lr-warmup-iters ${Math.round(fraction * trainIters)} for ${fraction} of the run`,
      });
    }
    flatTail(plan, decayIters, trainIters, '--lr-decay-iters', '--train-iters');
  } else if (trainSamples !== undefined && trainSamples > 0) {
    updates = plan.derive('updates', Math.floor(trainSamples / globalBatch), `floor(${count(trainSamples)} / ${count(globalBatch)})`, '--train-samples // global batch (update_train_iters)');
    const decaySamples = number('--lr-decay-samples') ?? trainSamples;
    decayFlag = raw('--lr-decay-samples') === undefined ? '--train-samples' : '--lr-decay-samples';
    decay = plan.derive('lr_decay_steps', decaySamples, decayFlag, `${decayFlag} (samples)`);
    warmup =
      fraction !== undefined
        ? plan.derive('lr_warmup_steps', fraction * decay, `${fraction} × ${count(decay)}`, `--lr-warmup-fraction of the decay, ${decayFlag}`)
        : plan.derive('lr_warmup_steps', number('--lr-warmup-samples') ?? 0, '--lr-warmup-samples', '--lr-warmup-samples');
    wsd = number('--lr-wsd-decay-samples');
    if (fraction !== undefined && decaySamples !== trainSamples) {
      plan.note({
        code: 'LRV106',
        message: `--lr-warmup-fraction ${fraction} is a fraction of --lr-decay-samples ${count(decaySamples)}, not of --train-samples ${count(trainSamples)}`,
        fix: `--lr-warmup-samples ${Math.round(fraction * trainSamples)} for ${fraction} of the run`,
      });
    }
    flatTail(plan, decaySamples / globalBatch, updates, '--lr-decay-samples', '--train-samples');
  } else {
    return plan.fail('gives neither --train-iters nor --train-samples; Megatron needs one');
  }
  if (warmup === 0) {
    const inIterations = trainIters !== undefined && trainIters > 0;
    plan.noWarmup('--lr', (steps) => (inIterations ? `--lr-warmup-iters ${steps}` : `--lr-warmup-samples ${steps * globalBatch}`), updates);
  }
  const spec: Record<string, unknown> = {
    type: 'megatron.OptimizerParamScheduler',
    max_lr: lr,
    min_lr: minLr,
    init_lr: initLr,
    lr_warmup_steps: warmup,
    lr_decay_steps: decay,
    lr_decay_style: style,
  };
  if (wsd !== undefined) spec.wsd_decay_steps = wsd;
  if (style === 'WSD') spec.lr_wsd_decay_style = raw('--lr-wsd-decay-style') ?? 'exponential';
  spec.increment = globalBatch;
  plan.assume('update i runs at num_steps = i × global batch (the scheduler is set with step(0), then stepped by the global batch after every update)');
  plan.assume('flags are read from the file as written; files it sources and values it computes when it runs are not');
  return { stack: 'megatron', release: MEGATRON_RELEASE, file: doc.file, spec: { type: spec.type as string, ...spec }, updates, derivations: plan.derivations, assumptions: plan.assumptions, notes: plan.notes };
}

function globalBatchSize(plan: Plan, number: (flag: string) => number | undefined): number {
  const given = number('--global-batch-size');
  if (given !== undefined) return plan.derive('global batch', given, '--global-batch-size', '--global-batch-size');
  const micro = number('--micro-batch-size');
  if (micro === undefined) plan.fail('gives neither --global-batch-size nor --micro-batch-size; Megatron needs the batch size');
  if (plan.inputs.devices === undefined) plan.fail((name) => `has no --global-batch-size: it is --micro-batch-size ${micro} × data-parallel processes; give ${name('devices')} (data-parallel processes)`);
  const devices = plan.inputs.devices;
  return plan.derive('global batch', micro * devices, `${count(micro)} × ${count(devices)}`, (name) => `--micro-batch-size × ${name('devices')} (arguments.py, no gradient accumulation)`);
}

/** Megatron-LM#2258: a decay that ends before training leaves the rest of the run at min-lr. */
function flatTail(plan: Plan, decayEnd: number, updates: number, decayFlag: string, trainFlag: string): void {
  const firstFlat = Math.floor(decayEnd) + 1;
  if (firstFlat >= updates) return;
  plan.note({
    code: 'LRV102',
    step: firstFlat,
    values: { decayEnd, updates, flatUpdates: updates - firstFlat },
    message: `the decay ends at update ${count(Math.floor(decayEnd))} (${decayFlag}) but training runs ${count(updates)} (${trainFlag}): the last ${count(updates - firstFlat)} updates sit at --min-lr`,
    fix: `${decayFlag} equal to ${trainFlag} (${decayFlag} is an absolute end, not the length after warmup)`,
  });
}
