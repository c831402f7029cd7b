/**
 * Schedule names as people copy them from code, turned into lrviz's dialect names: the module path in
 * front of a symbol (`torch.optim.lr_scheduler.CosineAnnealingLR`, `keras.optimizers.schedules.CosineDecay`,
 * `optax.schedules.warmup_cosine_decay_schedule`), the package name instead of lrviz's framework name
 * (`transformers.`, `huggingface.`, `tf.keras.`), and HF's bare `get_*_schedule*` functions. Pure: it
 * knows spellings, not which symbols exist; the catalog decides that.
 */
import { nearest } from './suggest.js';

/** What people write before a symbol, to the framework name lrviz uses. */
const FRAMEWORK_ALIASES: Readonly<Record<string, string>> = {
  torch: 'torch',
  pytorch: 'torch',
  hf: 'hf',
  huggingface: 'hf',
  transformers: 'hf',
  timm: 'timm',
  paddle: 'paddle',
  paddlepaddle: 'paddle',
  optax: 'optax',
  keras: 'keras',
  tf: 'keras',
  tensorflow: 'keras',
  mmengine: 'mmengine',
  detectron2: 'detectron2',
  ultralytics: 'ultralytics',
  deepspeed: 'deepspeed',
  megatron: 'megatron',
  axolotl: 'axolotl',
  torchtune: 'torchtune',
};

/** The framework lrviz calls it (`huggingface` → `hf`), or undefined when it is none lrviz knows. */
export function frameworkName(given: string): string | undefined {
  const key = given.trim().toLowerCase().replace(/[-_\s]/g, '');
  return Object.hasOwn(FRAMEWORK_ALIASES, key) ? FRAMEWORK_ALIASES[key] : undefined;
}

/**
 * `torch.optim.lr_scheduler.CosineAnnealingLR` → `torch.CosineAnnealingLR`; `get_linear_schedule_with_warmup`
 * → `hf.get_linear_schedule_with_warmup`; `lr_scheduler.StepLR` → `torch.StepLR`. The name itself when
 * there is nothing to translate. A module path is everything between the framework and the last dot:
 * lrviz's dialect symbols never hold a dot of their own.
 */
export function dialectName(given: string): string {
  const name = given.trim().replace(/\(\s*\)$/, '');
  const parts = name.split('.');
  if (parts.length === 1) return /^get_\w*schedule/i.test(name) ? `hf.${name}` : name;
  const symbol = parts[parts.length - 1];
  const framework = frameworkName(parts[0]);
  if (framework !== undefined) return `${framework}.${symbol}`;
  // `lr_scheduler.StepLR` and `optim.lr_scheduler.StepLR`, as written after `from torch import optim`.
  if (parts.some((part) => part === 'lr_scheduler')) return `torch.${symbol}`;
  return name;
}

/**
 * A misspelt framework (`hugginface`, `tourch`, `optx`) as the framework lrviz calls it, for suggestions
 * only: the nearest of the names people use (and the catalog's own `frameworks`) within a typo or two.
 * Undefined for a name lrviz knows as it is, and for short prefixes, where any two letters are near.
 */
export function misspeltFramework(given: string, frameworks: readonly string[] = []): string | undefined {
  const key = given.trim().toLowerCase().replace(/[-_\s]/g, '');
  if (key.length < 3 || frameworkName(key) !== undefined || frameworks.includes(key)) return undefined;
  const guess = nearest(key, [...Object.keys(FRAMEWORK_ALIASES), ...frameworks]);
  return guess === undefined ? undefined : (frameworkName(guess) ?? guess);
}

/**
 * The name to look for suggestions under: as copied from code (dialectName), with a misspelt framework in
 * front corrected (`hugginface.cosine` → `hf.cosine`), so the did-you-mean offers that framework's symbol.
 */
export function suggestionKey(given: string, frameworks: readonly string[] = []): string {
  const name = dialectName(given);
  const dot = name.indexOf('.');
  if (dot === -1) return name;
  const framework = misspeltFramework(name.slice(0, dot), frameworks);
  return framework === undefined ? name : `${framework}.${name.slice(name.lastIndexOf('.') + 1)}`;
}
