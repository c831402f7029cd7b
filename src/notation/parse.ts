import { LrvizError, shown } from '../errors.js';
import type { SpecObject } from '../schedules/definition.js';
import { isPlainObject } from '../json.js';
import { readCappedText } from '../io/read-capped.js';
import { duplicateKey } from './duplicate-keys.js';

/** A spec file larger than this is not a schedule. */
const MAX_SPEC_FILE_BYTES = 1 << 20;

export interface ParsedSpec {
  spec: SpecObject;
  /** What the user typed (or the file they named), for default labels and error messages. */
  source: string;
}

/**
 * Reads one schedule argument. `name` is what the caller calls it in messages (the CLI: `--schedule`).
 * Three forms:
 *   NAME:key=value,...         text; a value in [...] or {...} is JSON, a "quoted" value may hold commas
 *   {"type": NAME, ...}        JSON, which may nest
 *   @path                      a JSON file holding one spec object or a list of them
 */
export function parseSpecArgument(argument: string, name = 'schedule'): ParsedSpec[] {
  const text = argument.trim();
  if (text.startsWith('@')) return parseSpecFile(text.slice(1), name);
  if (text.startsWith('{') || text.startsWith('[')) return specsFromJson(parseJson(text, 'schedule JSON'), text, name);
  return [{ spec: parseTextSpec(text, name), source: text }];
}

function parseSpecFile(path: string, name: string): ParsedSpec[] {
  if (path === '') throw new LrvizError(`${name} @: a file name must follow "@"`);
  const where = `${name} @${path}`;
  const text = readCappedText(path, { where, maxBytes: MAX_SPEC_FILE_BYTES, what: 'spec file', folder: 'is a folder; give a JSON file' });
  // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse would call it malformed.
  return specsFromJson(parseJson(text.replace(/^\uFEFF/, ''), where), path, name);
}

/**
 * JSON nested deeper than this is no schedule (32 nested schedules take about 100 levels) and would
 * overflow the stack of whatever walks it later, from error messages to the JSON writer.
 */
const MAX_JSON_DEPTH = 100;

function parseJson(text: string, where: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LrvizError(`${where}: malformed JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (depthOf(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new LrvizError(`${where}: JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  const twice = duplicateKey(text);
  if (twice !== undefined) throw new LrvizError(`${where}: ${shown(twice)} given twice in one object`);
  return value;
}

/** Nesting depth of arrays and objects, counted without recursion; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function specsFromJson(value: unknown, source: string, name: string): ParsedSpec[] {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new LrvizError(`${name} ${shown(source)}: the list holds no schedule`);
  return items.map((item) => {
    if (!isPlainObject(item) || (typeof item.type !== 'string' && typeof item.symbol !== 'string')) {
      throw new LrvizError(`${name} ${shown(source)}: expected {"type": NAME, ...}, got ${shown(item)}`);
    }
    const spec = item as SpecObject;
    return { spec, source: typeof spec.type === 'string' ? spec.type : String(spec.symbol) };
  });
}

/**
 * `NAME:key=value,...` into `{type: NAME, key: "value", ...}`; values stay strings until the schedule reads
 * them. `name` is what the caller calls the text in messages.
 */
export function parseTextSpec(text: string, name = 'schedule'): SpecObject {
  const colon = text.indexOf(':');
  const type = (colon === -1 ? text : text.slice(0, colon)).trim();
  if (type === '') throw new LrvizError(`${name} ${shown(text)}: no schedule name; write NAME:key=value,... (see lrviz list)`);
  const spec: SpecObject = Object.create(null);
  spec.type = type;
  if (colon === -1) return { ...spec };
  for (const pair of splitTopLevel(text.slice(colon + 1), text, name)) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new LrvizError(`${name} ${shown(text)}: ${shown(pair.trim())} is not key=value`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    if (key === 'type') throw new LrvizError(`${name} ${shown(text)}: "type" is the name before ":", not a parameter`);
    if (Object.hasOwn(spec, key)) throw new LrvizError(`${name} ${shown(text)}: ${key} given twice`);
    spec[key] = raw.startsWith('[') || raw.startsWith('{') || raw.startsWith('"') ? parseJson(raw, `${name} ${shown(text)}: ${key}`) : raw;
  }
  // A plain object again, so that keys like __proto__ stay ordinary data.
  return { ...spec };
}

/** Splits on commas that are not inside brackets, braces or double quotes. */
function splitTopLevel(body: string, whole: string, name: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted || depth !== 0) throw new LrvizError(`${name} ${shown(whole)}: unbalanced quotes or brackets`);
  parts.push(body.slice(start));
  return parts;
}
