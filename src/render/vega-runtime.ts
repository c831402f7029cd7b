import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

// Not named `require`: the CLI bundle's banner already declares one in every chunk.
const resolveHere = createRequire(import.meta.url);

/**
 * The single-file, minified builds vega and vega-lite ship (vega/build/vega.min.js, ...), found beside
 * each package's entry point because their package.json exports do not list them. The HTML page inlines
 * these same files.
 */
export function minifiedBuild(name: 'vega' | 'vega-lite'): string {
  const file = { vega: 'vega.min.js', 'vega-lite': 'vega-lite.min.js' }[name];
  return join(dirname(resolveHere.resolve(name)), file);
}

let loaded: { vega: Vega; vegaLite: VegaLite } | undefined;

/**
 * vega and vega-lite for drawing in Node. Importing their ES modules walks some seventy small files and
 * costs about 0.4 s here; evaluating the two single-file UMD builds as CommonJS costs about 0.06 s, which
 * is most of what keeps a picture of a million steps quicker than matplotlib. Loaded once per process.
 */
export function vegaRuntime(): { vega: Vega; vegaLite: VegaLite } {
  if (loaded === undefined) {
    const vega = evaluateUmd(minifiedBuild('vega'), {}) as Vega;
    const vegaLite = evaluateUmd(minifiedBuild('vega-lite'), { vega }) as VegaLite;
    loaded = { vega, vegaLite };
  }
  return loaded;
}

/**
 * Runs a UMD file the way Node runs CommonJS: wrapped in a function given `exports`, `require` and
 * `module`. Going through Node's own `require` does not work: these packages are `"type": "module"`,
 * so Node would treat the file as an ES module and the UMD would write a global instead.
 */
function evaluateUmd(path: string, dependencies: Record<string, unknown>): unknown {
  const wrapped = runInThisContext(`(function (exports, require, module) {${readFileSync(path, 'utf8')}\n})`, { filename: path });
  const module = { exports: {} as unknown };
  const requireDependency = (name: string) => {
    if (Object.hasOwn(dependencies, name)) return dependencies[name];
    throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  };
  wrapped.call(module.exports, module.exports, requireDependency, module);
  return module.exports;
}
