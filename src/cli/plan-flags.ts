/**
 * The plan flags: what a training config cannot know about the run. They mean the same in plot, compare,
 * check and resolve, so they are declared and read here once.
 */
import type { Command } from 'commander';
import type { PlanInputs } from '../config/types.js';
import { LrvizError, shown } from '../errors.js';
import { parseNumber } from '../text/decimal.js';
import { collect } from './help.js';
import { MAX_STEPS, parsePositiveInteger } from './flags.js';

export interface PlanFlags {
  datasetSize?: string;
  devices?: string;
  stepsPerEpoch?: string;
  epochs?: string;
  gradAccum?: string;
  stack?: string;
  oldRule?: string[];
}

/** Older releases' rules a flag brings back, and what each one is. */
export const OLD_RULES: Record<string, string> = {
  'hf-floor-updates': 'transformers 4.46-4.51: updates per epoch rounded down (floor(batches / gradient_accumulation_steps))',
  'deepspeed-first-update-optimizer-lr': "DeepSpeed before 0.15.3: WarmupLR, WarmupDecayLR and WarmupCosineLR leave update 0 at the optimizer's own lr",
};

/**
 * Adds --dataset-size, --devices, --grad-accum, --stack and --old-rule; --steps-per-epoch and --epochs too
 * where the command has no stepping flags (./stepping.ts declares them, with the same meaning, elsewhere).
 */
export function addPlanOptions(command: Command, { epochFlags }: { epochFlags: boolean }): Command {
  if (epochFlags) {
    command
      .option('--steps-per-epoch <n>', 'optimizer updates per epoch (overrides what the config implies)')
      .option('--epochs <n>', 'epochs the run takes (overrides the config)');
  }
  return command
    .option('--dataset-size <n>', 'training examples after preprocessing (for a config that trains in epochs)')
    .option('--devices <n>', 'data-parallel processes (default 1)')
    .option('--grad-accum <k>', 'micro-batches per optimizer update (overrides the config)')
    .option('--stack <name>', 'read --config files as this stack instead of detecting it: torchtune, axolotl, hf, deepspeed, mmengine, detectron2, megatron, timm, ultralytics, lightning')
    .option('--old-rule <name>', `follow an older release where it differs: ${Object.keys(OLD_RULES).join(', ')}`, collect, []);
}

export function planInputs(flags: PlanFlags): PlanInputs {
  const legacy = new Set<string>();
  for (const name of flags.oldRule ?? []) {
    if (!Object.hasOwn(OLD_RULES, name)) throw new LrvizError(`--old-rule ${shown(name)} is not allowed; use one of ${Object.keys(OLD_RULES).join(', ')}`);
    legacy.add(name);
  }
  const inputs: { -readonly [K in keyof PlanInputs]: PlanInputs[K] } = { legacy };
  if (flags.datasetSize !== undefined) inputs.datasetSize = parsePositiveInteger(flags.datasetSize, '--dataset-size', MAX_STEPS);
  if (flags.devices !== undefined) inputs.devices = parsePositiveInteger(flags.devices, '--devices', 1e7);
  if (flags.stepsPerEpoch !== undefined) inputs.stepsPerEpoch = parsePositiveInteger(flags.stepsPerEpoch, '--steps-per-epoch', MAX_STEPS);
  if (flags.gradAccum !== undefined) inputs.gradAccum = parsePositiveInteger(flags.gradAccum, '--grad-accum', 1e6);
  if (flags.epochs !== undefined) inputs.epochs = parseConfigEpochs(flags.epochs);
  return inputs;
}

/** Epochs overriding a config's may be fractional (HF's num_train_epochs is a float). */
function parseConfigEpochs(text: string): number {
  const value = parseNumber(text.trim());
  if (value === undefined || !(value > 0) || value > MAX_STEPS) throw new LrvizError(`--epochs ${shown(text)} is not allowed; --epochs must be a number above 0 and at most ${MAX_STEPS}`);
  return value;
}
