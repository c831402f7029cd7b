/**
 * The edge of config reading: bytes from disk (capped), then JSON, YAML or plain text. Only this module
 * touches the file system for configs. YAML goes through the `js-yaml` library, imported the first time
 * a YAML file is read, so that `plot -s ...` never loads it.
 */
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { LrvizError } from '../errors.js';
import { readCappedText } from '../io/read-capped.js';
import { count } from '../text/numbers.js';
import type { ConfigDocument } from './types.js';

/** A training config larger than this is not one (the largest real ones are a few KiB). */
export const MAX_CONFIG_BYTES = 1 << 20;

/**
 * Reads and parses one config file; every failure is one line naming the file, after `where`: what the
 * caller calls the file (its field, which the CLI spells as its flag; a config that names it:
 * `training_args.json: deepspeed`).
 */
export async function readConfig(file: string, where = 'config'): Promise<ConfigDocument> {
  const text = readCapped(file, where);
  const format = formatOf(file, text);
  const name = basename(file);
  if (format === 'json') return { file, name, text, format, value: parseJson(text, name) };
  if (format === 'yaml') return { file, name, text, format, value: await parseYaml(text, name) };
  return { file, name, text, format, value: undefined };
}

/**
 * A file another config names (training_args.json's `deepspeed`). transformers opens it from the working
 * directory; configs in a project's subfolder name it from the project's root (LLaMA-Factory's
 * `deepspeed: examples/deepspeed/ds_z3_config.json`), so the config's folder and each folder above it
 * are tried next.
 */
export async function readRelated(from: ConfigDocument, path: string, key: string): Promise<ConfigDocument> {
  const candidates = isAbsolute(path) ? [path] : [path, ...ancestors(dirname(from.file)).map((folder) => join(folder, path))];
  const found = candidates.find(isFile);
  if (found === undefined) {
    throw new LrvizError(`${from.name}: ${key} names ${JSON.stringify(path)}, which does not exist (looked in the working directory and from ${dirname(from.file)} upwards)`);
  }
  return readConfig(found, `${from.name}: ${key}`);
}

function ancestors(folder: string): string[] {
  const list = [folder];
  for (let up = dirname(folder); up !== list[list.length - 1]; up = dirname(up)) list.push(up);
  return list;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readCapped(file: string, where: string): string {
  const text = readCappedText(file, { where: `${where} ${file}`, maxBytes: MAX_CONFIG_BYTES, what: 'training config', folder: 'is a folder; give the config file' });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** By extension first; a file without a telling one by its first line. */
export function formatOf(file: string, text: string): ConfigDocument['format'] {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (/\.(sh|bash|zsh|slurm|sbatch|txt|args)$/.test(lower)) return 'text';
  const first = text.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('#')) ?? '';
  if (first.trimStart().startsWith('{')) return 'json';
  if (/^[A-Za-z_][\w.-]*\s*:(\s|$)/.test(first)) return 'yaml';
  return 'text';
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LrvizError(`${name}: malformed JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * YAML 1.2 core schema, as the stacks end up reading their numbers: `2e-5` is a number (PyYAML's 1.1
 * would leave it a string, which every stack then casts to float). A repeated key keeps its last value,
 * as PyYAML does; a tag (`!!python/object/apply:eval`, `!include`) is never run: its value stays the
 * plain text, list or mapping written. js-yaml rather than a fuller library: a config is read on the
 * terminal path, and its first parse costs a fraction of what a CST-and-AST library's does.
 */
async function parseYaml(text: string, name: string): Promise<unknown> {
  // An empty file is an empty document: the stack readers say what it lacks.
  if (text.trim() === '') return null;
  const yaml = await import('js-yaml');
  let value: unknown;
  try {
    value = yaml.load(text, { schema: inertTagsSchema(yaml), json: true, filename: name });
  } catch (error) {
    if (error instanceof yaml.YAMLException && error.mark) {
      throw new LrvizError(`${name}: YAML syntax error at line ${error.mark.line + 1}, column ${error.mark.column + 1}: ${error.reason}`);
    }
    throw new LrvizError(`${name}: cannot read the YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (expandedSize(value, MAX_YAML_VALUES) > MAX_YAML_VALUES) {
    throw new LrvizError(`${name}: cannot read the YAML (its aliases expand to more than ${count(MAX_YAML_VALUES)} values)`);
  }
  return value;
}

/** The core schema, where any tag it does not know (every tag starts with '') reads as untagged data. */
function inertTagsSchema(yaml: typeof import('js-yaml')): import('js-yaml').Schema {
  const inert = (['scalar', 'sequence', 'mapping'] as const).map((kind) => new yaml.Type('', { kind, multi: true, construct: (data: unknown) => data }));
  return yaml.CORE_SCHEMA.extend({ explicit: inert });
}

/**
 * Values a YAML config may hold once its aliases are expanded. js-yaml shares an anchored value between
 * its aliases instead of copying it, so a small file of nested aliases is a huge tree to whoever walks
 * it (ten aliases of ten aliases of ...): the walk stops counting past the cap.
 */
const MAX_YAML_VALUES = 1_000_000;

/** How many values `value` holds, aliases expanded, counted up to just past `cap`. */
function expandedSize(value: unknown, cap: number): number {
  let seen = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && seen <= cap) {
    const next = pending.pop();
    seen += 1;
    if (next !== null && typeof next === 'object') for (const inner of Array.isArray(next) ? next : Object.values(next)) pending.push(inner);
  }
  return seen;
}
