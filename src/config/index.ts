export { resolveConfig, resolveConfigFile, detectStack, stackById, type ResolveOptions } from './resolve.js';
export { readConfig, MAX_CONFIG_BYTES } from './read.js';
export { Plan, count } from './plan.js';
export { STACKS } from './stacks/index.js';
export { resolvedJson, specText } from './format.js';
export type { ConfigDocument, ConfigNote, Derivation, PlanInputs, ResolveContext, ResolvedConfig, StackReader } from './types.js';
