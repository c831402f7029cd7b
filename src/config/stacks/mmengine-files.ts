/**
 * An OpenMMLab Python config and its `_base_` files, read as literals (../python-literals.ts) and merged
 * the way mmengine's Config does (mmengine/config/config.py, Config._file2dict and _merge_a_into_b):
 * bases in order, then the file's own names on top; a dict merges into the base's dict key by key unless
 * it says `_delete_=True`; anything else replaces.
 */
import { dirname, join, resolve } from 'node:path';
import { LrvizError } from '../../errors.js';
import { inFile, readPythonLiterals, Unreadable, type PyDict, type PyValue } from '../python-literals.js';
import type { ConfigDocument, ResolveContext } from '../types.js';

/** Base chains deeper than this are a loop or an attack, not a config. */
const MAX_BASES = 64;

export interface MmengineTree {
  /** Every top-level name after merging, as the running config would hold it. */
  readonly config: PyDict;
  /** Which file gave each top-level key its (last) value: errors name it. */
  readonly origin: ReadonlyMap<string, string>;
  /** Bases that could not be followed (missing, or a package's `mmdet::...`), with the file naming them. */
  readonly missingBases: readonly { base: string; from: string }[];
  /** Every file read, the config first. */
  readonly files: readonly string[];
}

function isDict(value: PyValue | undefined): value is PyDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unreadable);
}

/** mmengine's Config._merge_a_into_b(child, base). */
export function mergeInto(child: PyDict, base: PyDict): PyDict {
  const out: PyDict = Object.assign(Object.create(null) as PyDict, base);
  for (const [key, value] of Object.entries(child)) {
    if (isDict(value)) {
      const { _delete_: deleted, ...rest } = value;
      const kept = Object.assign(Object.create(null) as PyDict, rest);
      out[key] = deleted !== true && isDict(out[key]) ? mergeInto(kept, out[key] as PyDict) : kept;
    } else out[key] = value;
  }
  return out;
}

/** Dotted lookup for `{{_base_.a.b}}`. */
function lookup(config: PyDict, path: readonly string[], line: number): PyValue {
  let value: PyValue | undefined = config;
  for (const key of path) value = isDict(value) ? value[key] : undefined;
  return value === undefined ? new Unreadable(line, `{{_base_.${path.join('.')}}} is not in the base files`) : value;
}

export async function readMmengineTree(doc: ConfigDocument, ctx: ResolveContext): Promise<MmengineTree> {
  const origin = new Map<string, string>();
  const missingBases: { base: string; from: string }[] = [];
  const files: string[] = [];
  const visiting = new Set<string>();

  async function load(file: ConfigDocument, label: string): Promise<PyDict> {
    if (files.length >= MAX_BASES) throw new LrvizError(`${doc.name}: _base_ files nest more than ${MAX_BASES} deep`);
    if (visiting.has(file.file)) throw new LrvizError(`${doc.name}: _base_ files form a loop through ${label}`);
    visiting.add(file.file);
    files.push(label);
    // First pass: only `_base_` is wanted, and it is a literal.
    const declared = readPythonLiterals(file.text).get('_base_')?.value;
    const bases = declared === undefined ? [] : typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : [declared];
    let merged: PyDict = Object.create(null) as PyDict;
    for (const base of bases) {
      if (typeof base !== 'string') throw new LrvizError(`${label}: _base_ holds ${base instanceof Unreadable ? `a value lrviz does not read (line ${base.line})` : 'a value that is not a file name'}; it must be a file name or a list of them`);
      if (base.includes('::') || !/\.py$/.test(base)) {
        missingBases.push({ base, from: label });
        continue;
      }
      // mmengine resolves a base from the folder of the file that names it, never from the working directory.
      const path = resolve(dirname(file.file), base);
      let baseDoc: ConfigDocument;
      try {
        baseDoc = await ctx.readRelated(file, path, `_base_ ${JSON.stringify(base)}`);
      } catch (error) {
        if (!(error instanceof LrvizError) || !/does not exist|cannot read/.test(error.message)) throw error;
        missingBases.push({ base, from: label });
        continue;
      }
      const baseLabel = join(dirname(label), base);
      const values = await load(baseDoc, baseLabel);
      for (const key of Object.keys(values)) if (!origin.has(key) || !isDict(values[key])) origin.set(key, baseLabel);
      merged = mergeInto(values, merged);
    }
    const bindings = readPythonLiterals(file.text, { baseReference: (path, line) => lookup(merged, path, line) });
    const own: PyDict = Object.create(null) as PyDict;
    for (const [name, binding] of bindings) {
      if (name === '_base_' || name.startsWith('__')) continue;
      own[name] = inFile(binding.value, label);
      origin.set(name, label);
    }
    visiting.delete(file.file);
    return mergeInto(own, merged);
  }

  const config = await load(doc, doc.name);
  return { config, origin, missingBases, files };
}
