/**
 * How the built CLI starts (bin/lrviz.cjs): it loads dist/cli.cjs and the chunks that file requires with
 * the V8 code cache the build recorded beside each of them (`<file>.v8-cache`). The entry and the chunks
 * every run loads also come packed in one file, dist/start-up.cjs (a module whose exports are their
 * bodies, by path): one file to read and one cache to take instead of a dozen.
 *
 * Why: half of a terminal chart's own time went to parsing and compiling lrviz's JavaScript, every run
 * again. Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), but V8 takes a
 * cache for a script: with it a run skips the parse and the lazy compiles of every function the recorded
 * runs used. A cache V8 does not accept (another Node, other V8 flags, a file rebuilt without one) is
 * ignored and the file compiles as usual, so the cache can make a run faster and never different.
 *
 * V8 (in Node 20) keeps the name of the file a cache was recorded from: its stack traces would name the
 * build's paths. And V8 checks a cache against its source's length only: an edited file of the same
 * length would run the old code. So each cache starts with the path, size and modification time of the
 * file it was recorded for (`cacheKey`), and is used for that file only; a moved install or an edited
 * file compiles as usual. A script compiled from a cache has no dynamic `import()` either; the build
 * refuses a bundle that has one.
 *
 * Only lrviz's own files go through here, in a registry of their own; every other `require` (node:
 * built-ins, vega's, resvg's) is Node's.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { Script } from 'node:vm';

export const CACHE_SUFFIX = '.v8-cache';
/** The start-up pack, beside the entry. */
export const START_UP_PACK = 'start-up.cjs';

interface OwnModule {
  exports: Record<string, unknown>;
}

/** A CommonJS module's body: what Node's wrapper makes of a file. */
type ModuleBody = (exports: unknown, require: NodeJS.Require, module: OwnModule, filename: string, dirname: string) => void;

interface LaunchOptions {
  /** Write each loaded file's cache at exit (the build does this over a few typical runs). */
  readonly record?: boolean;
}

/** Runs the CLI whose entry is the file `entry` (dist/cli.cjs), as `lrviz <process.argv>`. */
export function launch(entry: string, options: LaunchOptions = {}): Promise<void> {
  const loaded = new Map<string, OwnModule>();
  const compiled: [string, Script][] = [];
  const root = dirname(entry);
  let packed: Readonly<Record<string, ModuleBody>> = {};

  const compile = (file: string): ModuleBody => {
    const script = new Script(wrap(readFileSync(file, 'utf8')), {
      filename: file,
      // Recording reads the cache too: each recorded run adds what it compiled to what the runs before it did.
      cachedData: cacheOf(file),
    });
    if (options.record) compiled.push([file, script]);
    return script.runInThisContext() as ModuleBody;
  };

  const load = (file: string): Record<string, unknown> => {
    const known = loaded.get(file);
    if (known !== undefined) return known.exports;
    const module: OwnModule = { exports: {} };
    // Registered before it runs, as Node does, so that a cycle between chunks sees the exports made so far.
    loaded.set(file, module);
    const body = packed[relative(root, file).split(sep).join('/')] ?? compile(file);
    body.call(module.exports, module.exports, requireFrom(file), module, file, dirname(file));
    return module.exports;
  };

  const requireFrom = (file: string): NodeJS.Require => {
    const node = createRequire(file);
    const own = ((id: string) => (id.startsWith('./') || id.startsWith('../') ? load(resolve(dirname(file), id)) : node(id))) as NodeJS.Require;
    return Object.assign(own, { resolve: node.resolve, cache: node.cache, main: node.main });
  };

  const pack = resolve(root, START_UP_PACK);
  if (existsSync(pack)) packed = load(pack) as Record<string, ModuleBody>;
  // Recorded after the run, so the cache holds every function the run compiled, not only the top level.
  if (options.record) process.on('exit', () => compiled.forEach(([file, script]) => writeFileSync(file + CACHE_SUFFIX, Buffer.concat([Buffer.from(`${cacheKey(file)}\n`), script.createCachedData()]))));
  return (load(entry) as unknown as { run(): Promise<void> }).run();
}

/** V8's bytes in `file`'s cache, if there is one and it was recorded for this very file. */
export function cacheOf(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file + CACHE_SUFFIX);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  return newline > 0 && bytes.toString('utf8', 0, newline) === cacheKey(file) ? bytes.subarray(newline + 1) : undefined;
}

/** What a cache is recorded for: the file's path, size and modification time (as a .pyc keys its source). */
export function cacheKey(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${file}\t${size}\t${mtimeMs}`;
}
