/**
 * The warmup the HF Trainer derives from TrainingArguments (training_args.py, get_warmup_steps), shared by the
 * `hf.*` dialect (which takes the TrainingArguments names) and the HF config reader:
 *   transformers 4.x, with warmup_ratio: warmup_steps when > 0, else ceil(warmup_ratio × num_training_steps)
 *   transformers 5 (warmup_ratio removed): int(warmup_steps) when >= 1, else ceil(warmup_steps × num_training_steps)
 */
export function trainerWarmupSteps(warmupSteps: number, warmupRatio: number | undefined, trainingSteps: number): number {
  if (warmupRatio !== undefined && warmupSteps <= 0) return Math.ceil(warmupRatio * trainingSteps);
  if (warmupRatio !== undefined || warmupSteps >= 1) return Math.trunc(warmupSteps);
  return Math.ceil(warmupSteps * trainingSteps);
}
