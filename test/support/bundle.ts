/**
 * The built CLI as Node loads it: the files `dist/cli.js` reaches through static imports alone, which
 * every run compiles; whatever sits behind a dynamic `import()` is loaded only when asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BIN } from './cli.js';

export const BUNDLE_ENTRY = resolve(dirname(BIN), '../dist/cli.js');

/** The files every run of the CLI loads (the entry and its static imports, followed through chunks). */
export function loadedAtStartUp(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports only: `import ... from "./x.js"` or `import "./x.js"`, not `import("./x.js")`.
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/^import\s[^;(]*?["'](\.[^"']+)["']/gm)) visit(resolve(dirname(file), target));
  };
  visit(BUNDLE_ENTRY);
  return seen;
}

/** The text of every chunk the bundler split off, loaded or not. */
export function chunkTexts(): string[] {
  const dir = resolve(dirname(BUNDLE_ENTRY), 'chunks');
  return readdirSync(dir).map((f) => readFileSync(resolve(dir, f), 'utf8'));
}
