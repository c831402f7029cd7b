/**
 * Detectron2 yacs YAML configs (configs/*.yaml and the config.yaml a run writes). Rules of detectron2 at
 * 02b5c4e295e9: `_BASE_` files are merged first, relative to the file that names them (CfgNode.
 * merge_from_file); keys missing everywhere take detectron2/config/defaults.py's values; a string value is
 * read with literal_eval as yacs does (`STEPS: (60000, 80000)` is a tuple); REFERENCE_WORLD_SIZE rescales
 * batch, lr and lengths for the devices given (DefaultTrainer.auto_scale_workers). Tags such as
 * `!!python/object/apply:eval` stay inert text: the YAML reader never resolves them.
 *   updates = SOLVER.MAX_ITER; lr(i) = BASE_LR × multiplier(i / MAX_ITER)
 */
import { dirname, resolve } from 'node:path';
import { LrvizError } from '../../errors.js';
import { DETECTRON2_SCHEDULERS, type Detectron2SchedulerName } from '../../dialects/detectron2-solver.js';
import { pythonRound } from '../../dialects/python-math.js';
import { readPythonLiterals, Unreadable } from '../python-literals.js';
import { count, Plan } from '../plan.js';
import type { ConfigDocument, ResolveContext, ResolvedConfig, StackReader } from '../types.js';
import { isObject, type ConfigObject } from '../values.js';

export const DETECTRON2_RELEASE = 'detectron2 0.6 (main at 02b5c4e295e9)';

/** detectron2/config/defaults.py, the SOLVER keys the schedule reads. */
const DEFAULTS: Record<string, number | string | boolean | number[]> = {
  LR_SCHEDULER_NAME: 'WarmupMultiStepLR',
  MAX_ITER: 40000,
  BASE_LR: 0.001,
  BASE_LR_END: 0.0,
  GAMMA: 0.1,
  STEPS: [30000],
  NUM_DECAYS: 3,
  WARMUP_FACTOR: 1.0 / 1000,
  WARMUP_ITERS: 1000,
  WARMUP_METHOD: 'linear',
  RESCALE_INTERVAL: false,
  IMS_PER_BATCH: 16,
  REFERENCE_WORLD_SIZE: 0,
};

const MAX_BASES = 32;

export const detectron2: StackReader = {
  id: 'detectron2',
  title: 'Detectron2 yacs YAML (configs/*.yaml, a run\'s config.yaml)',
  detect: (doc) => isObject(doc.value) && (isObject(doc.value.SOLVER) || typeof doc.value._BASE_ === 'string') && (isObject(doc.value.MODEL) || isObject(doc.value.SOLVER)),
  resolve: (doc, ctx) => resolveDetectron2(doc, ctx),
};

/** yacs's merge: the child's keys over the base's, nested nodes key by key. */
function merge(base: ConfigObject, child: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(child)) out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as ConfigObject, value) : value;
  return out;
}

async function loadChain(doc: ConfigDocument, ctx: ResolveContext, plan: Plan, depth = 0): Promise<ConfigObject> {
  if (depth > MAX_BASES) throw new LrvizError(`${doc.name}: _BASE_ files nest more than ${MAX_BASES} deep`);
  if (!isObject(doc.value)) throw new LrvizError(`${doc.name}: not a YAML mapping of config keys`);
  const base = doc.value._BASE_;
  if (base === undefined || base === null) return doc.value;
  if (typeof base !== 'string') throw new LrvizError(`${doc.name}: _BASE_ is ${JSON.stringify(base)}; expected a file name`);
  const baseDoc = await ctx.readRelated(doc, resolve(dirname(doc.file), base), '_BASE_');
  plan.assume(`_BASE_ ${base} (named by ${doc.name}) merged first, as CfgNode.merge_from_file does`);
  const { _BASE_: _named, ...own } = doc.value;
  return merge(await loadChain(baseDoc, ctx, plan, depth + 1), own);
}

/** yacs _decode_cfg_value: a string that literal_eval reads becomes that value. */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const read = readPythonLiterals(`value = ${value}`).get('value')?.value;
  return read === undefined || read instanceof Unreadable || (typeof read === 'object' && read !== null && !Array.isArray(read)) ? value : read;
}

export async function resolveDetectron2(doc: ConfigDocument, ctx: ResolveContext): Promise<ResolvedConfig> {
  const plan = new Plan(doc.name, ctx);
  const config = await loadChain(doc, ctx, plan);
  const solver = isObject(config.SOLVER) ? config.SOLVER : {};
  const key = (name: string): unknown => {
    if (name in solver) return decode(solver[name]);
    plan.assume(`SOLVER.${name}: ${JSON.stringify(DEFAULTS[name])} (detectron2/config/defaults.py)`);
    return DEFAULTS[name];
  };
  const number = (name: string): number => {
    const value = key(name);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new LrvizError(`${doc.name}: SOLVER.${name} is ${JSON.stringify(value)}; expected a number`);
    return value;
  };
  const name = key('LR_SCHEDULER_NAME');
  if (!DETECTRON2_SCHEDULERS.includes(name as Detectron2SchedulerName)) {
    throw new LrvizError(`${doc.name}: SOLVER.LR_SCHEDULER_NAME is ${JSON.stringify(name)}; detectron2's build_lr_scheduler knows ${DETECTRON2_SCHEDULERS.join(', ')}`);
  }
  const steps = key('STEPS');
  const stepList = typeof steps === 'number' ? [steps] : steps;
  if (!Array.isArray(stepList) || !stepList.every((s) => typeof s === 'number')) throw new LrvizError(`${doc.name}: SOLVER.STEPS is ${JSON.stringify(steps)}; expected a list of iterations`);
  const method = key('WARMUP_METHOD');
  if (method !== 'linear' && method !== 'constant') throw new LrvizError(`${doc.name}: SOLVER.WARMUP_METHOD is ${JSON.stringify(method)}; detectron2 knows linear and constant`);
  let baseLr = number('BASE_LR');
  let maxIter = number('MAX_ITER');
  let warmupIters = number('WARMUP_ITERS');
  let stepValues = stepList as number[];
  const reference = number('REFERENCE_WORLD_SIZE');
  if (reference !== 0) {
    const devices = plan.inputs.devices;
    if (devices === undefined || devices === reference) {
      plan.assume((name) => `REFERENCE_WORLD_SIZE ${reference}: trained on ${reference} devices, so nothing is rescaled (give ${name('devices')} N for another count)`);
    } else {
      // DefaultTrainer.auto_scale_workers; Python's round() rounds half to even.
      const scale = devices / reference;
      baseLr = plan.derive('lr', baseLr * scale, `${baseLr} × ${count(devices)} / ${count(reference)}`, 'SOLVER.REFERENCE_WORLD_SIZE, DefaultTrainer.auto_scale_workers');
      maxIter = plan.derive('MAX_ITER', pythonRound(maxIter / scale), `round(${count(maxIter)} / ${scale})`, 'SOLVER.REFERENCE_WORLD_SIZE');
      warmupIters = plan.derive('WARMUP_ITERS', pythonRound(warmupIters / scale), `round(${count(warmupIters)} / ${scale})`, 'SOLVER.REFERENCE_WORLD_SIZE');
      stepValues = stepValues.map((s) => pythonRound(s / scale));
      plan.assume(`SOLVER.STEPS rescaled to ${JSON.stringify(stepValues)} (round(s / ${scale}))`);
    }
  }
  const updates = plan.derive('updates', maxIter, 'SOLVER.MAX_ITER', 'detectron2 trains MAX_ITER iterations, one optimizer update each');
  const spec = {
    type: `detectron2.${name as string}`,
    BASE_LR: baseLr,
    MAX_ITER: maxIter,
    ...(name === 'WarmupMultiStepLR' ? { STEPS: stepValues, GAMMA: number('GAMMA') } : {}),
    ...(name === 'WarmupCosineLR' ? { BASE_LR_END: number('BASE_LR_END') } : {}),
    ...(name === 'WarmupStepWithFixedGammaLR' ? { GAMMA: number('GAMMA'), NUM_DECAYS: number('NUM_DECAYS') } : {}),
    WARMUP_FACTOR: number('WARMUP_FACTOR'),
    WARMUP_ITERS: warmupIters,
    WARMUP_METHOD: method,
    RESCALE_INTERVAL: key('RESCALE_INTERVAL') === true,
  };
  return { stack: 'detectron2', release: DETECTRON2_RELEASE, file: doc.file, spec, updates, derivations: plan.derivations, assumptions: plan.assumptions, notes: plan.notes };
}
