/**
 * One config file to a ResolvedConfig: read it (the edge), find its stack (detected, or forced by the
 * caller), let that stack's reader resolve it against the plan's inputs.
 */
import { asFields, FieldError, shown, type FieldNamer } from '../errors.js';
import { readConfig, readRelated } from './read.js';
import { STACKS } from './stacks/index.js';
import type { ConfigDocument, PlanInputs, ResolvedConfig, StackReader } from './types.js';

export interface ResolveOptions {
  readonly inputs: PlanInputs;
  /** A stack id, to read the file as that stack instead of detecting it. */
  readonly stack?: string;
  readonly stacks?: readonly StackReader[];
  /**
   * How the caller calls its fields (`datasetSize`, `config`, ...) in what the resolved config records
   * (derivations, assumptions, notes): as the library does by default; the CLI hands in its flags.
   */
  readonly fieldName?: FieldNamer;
}

export async function resolveConfigFile(file: string, options: ResolveOptions): Promise<ResolvedConfig> {
  const doc = await readConfig(file, (options.fieldName ?? asFields)('config'));
  return resolveConfig(doc, options);
}

export async function resolveConfig(doc: ConfigDocument, options: ResolveOptions): Promise<ResolvedConfig> {
  const stacks = options.stacks ?? STACKS;
  const reader = options.stack === undefined ? detectStack(doc, stacks) : stackById(options.stack, stacks);
  return reader.resolve(doc, { inputs: options.inputs, fieldName: options.fieldName, readRelated });
}

export function stackById(id: string, stacks: readonly StackReader[] = STACKS): StackReader {
  const reader = stacks.find((s) => s.id === id);
  if (reader === undefined) throw new FieldError((name) => `${name('stack')} ${shown(id)} is not allowed; use one of ${stacks.map((s) => s.id).join(', ')}`);
  return reader;
}

export function detectStack(doc: ConfigDocument, stacks: readonly StackReader[] = STACKS): StackReader {
  const reader = stacks.find((s) => s.detect(doc));
  if (reader !== undefined) return reader;
  throw new FieldError(
    (name) => `${doc.name}: not a training config lrviz knows (${stacks.map((s) => s.id).join(', ')}); if it is one, name its stack with ${name('stack')} NAME`,
  );
}
