/**
 * The built CLI as Node loads it: the files `dist/cli.cjs` reaches through its top-level requires alone,
 * which every run loads; whatever sits behind a require run from a promise (a dynamic `import()` in the
 * source) is loaded only when asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BIN } from './cli.js';

export const BUNDLE_ENTRY = resolve(dirname(BIN), '../dist/cli.cjs');

/** The files every run of the CLI loads (the entry and its static imports, followed through chunks). */
export function loadedAtStartUp(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Top-level requires only: `var import_x = require("./x.cjs");` or `require("./x.cjs");` at the start of a
    // line, not `Promise.resolve().then(() => require("./x.cjs"))`.
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/^(?:var [\w$]+ = (?:__toESM\()?)?require\(["'](\.[^"']+)["']\)/gm)) visit(resolve(dirname(file), target));
  };
  visit(BUNDLE_ENTRY);
  return seen;
}

/** The text of every chunk the bundler split off, loaded or not. */
export function chunkTexts(): string[] {
  const dir = resolve(dirname(BUNDLE_ENTRY), 'chunks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cjs'))
    .map((f) => readFileSync(resolve(dir, f), 'utf8'));
}
