// Builds the CLI bundle (dist/cli.cjs + lazily loaded chunks, with their V8 code cache) with esbuild,
// and the typed library (dist/lib) with tsc. Bundling roughly halves start-up; heavy renderers stay in
// their own chunks and their dependencies stay external, so the terminal path never loads them.
import { build, transform } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const skipTypes = process.argv.includes('--no-types');

/**
 * commander requires node:child_process when loaded, for executable subcommands lrviz never has: that
 * costs milliseconds of every run. Its copy is a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// Build beside dist and swap it in, so that a CLI test running meanwhile never sees half a bundle.
const staging = `dist.${process.pid}.tmp`;
rmSync(`${root}${staging}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['vega', 'vega-lite', '@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit', 'dejavu-fonts-ttf', 'playwright-core', '@sparticuz/chromium'],
  define: { LRVIZ_VERSION: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
});

await asCommonJs(`${root}${staging}`);
packStartUp(`${root}${staging}`);

// What bin/lrviz.cjs runs: loads dist/cli.cjs and its chunks with their V8 code cache (src/cli/launch.ts).
await build({
  absWorkingDir: root,
  entryPoints: { launch: 'src/cli/launch.ts' },
  outdir: staging,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});

// The HTML page's own script: lrviz's schedule code and the page's zoom and tooltip, for the browser
// (render/page/main.ts). vega is inlined into the page separately and read here as a global.
await build({
  absWorkingDir: root,
  entryPoints: ['src/render/page/main.ts'],
  outfile: `${staging}/page.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const old = `dist.${process.pid}.old`;
try {
  renameSync(`${root}dist`, `${root}${old}`);
} catch {
  // no previous build
}
renameSync(`${root}${staging}`, `${root}dist`);
rmSync(`${root}${old}`, { recursive: true, force: true });
// Recorded in place: a cache holds the path it was made at, and is used at that path only (launch.ts).
recordCodeCache(realpathSync(`${root}dist`));

if (!skipTypes) {
  execFileSync(`${root}node_modules/.bin/tsc`, ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}

/**
 * esbuild splits chunks only for ES modules, but Node 20 can give V8 a code cache only for a script: so
 * the split ES modules become CommonJS files, one for one (`x.js` -> `x.cjs`), each requiring the chunks
 * it imported. A dynamic `import("./x.js")` of a chunk becomes a `require` run when the promise is, so a
 * chunk still loads only when asked for. `import.meta.url` becomes the file's own URL.
 */
async function asCommonJs(dir) {
  const files = ['cli.js', ...readdirSync(join(dir, 'chunks')).map((name) => `chunks/${name}`)];
  for (const file of files) {
    const code = readFileSync(join(dir, file), 'utf8')
      .replace(/\bimport\((["'])(\.{1,2}\/[^"']+)\.js\1\)/g, 'Promise.resolve().then(() => require("$2.cjs"))')
      .replace(/((?:\bfrom|^import)\s*["'])(\.{1,2}\/[^"']+)\.js(["'])/gm, '$1$2.cjs$3');
    const usesUrl = code.includes('import.meta');
    const { code: commonJs } = await transform(code, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      define: usesUrl ? { 'import.meta.url': '__lrvizFileUrl' } : {},
      banner: usesUrl ? "const __lrvizFileUrl = require('node:url').pathToFileURL(__filename).href;" : '',
      logLevel: 'warning',
    });
    const stray = commonJs.match(/(?:require|import)\(\s*["']\.{1,2}\/[^"']+\.js["']/);
    if (stray) throw new Error(`${file}: ${stray[0]} was not turned into a require of a .cjs chunk`);
    // A script compiled from V8's code cache cannot run a dynamic import() (launch.ts): require instead.
    const dynamic = commonJs.match(/\bimport\(\s*["'][^"']+["']\s*\)/);
    if (dynamic) throw new Error(`${file}: ${dynamic[0]} cannot run from a code-cached script; require the package instead`);
    writeFileSync(join(dir, file.replace(/\.js$/, '.cjs')), commonJs);
    rmSync(join(dir, file));
  }
}

/**
 * dist/start-up.cjs: cli.cjs and every chunk it requires at its top level (what every run loads), as one
 * module whose exports are their bodies by path (src/cli/launch.ts runs them from there). A dozen small
 * files cost a dozen reads, compiles and caches: a few milliseconds of every run.
 */
function packStartUp(dir) {
  const order = [];
  const visit = (file) => {
    if (order.includes(file)) return;
    order.push(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const [, target] of code.matchAll(/^(?:var [\w$]+ = (?:__toESM\()?)?require\("(\.[^"]+)"\)/gm)) visit(join(dirname(file), target));
  };
  visit('cli.cjs');
  const bodies = order.map((file) => `${JSON.stringify(file)}: function (exports, require, module, __filename, __dirname) {\n${readFileSync(join(dir, file), 'utf8')}\n}`);
  // The files stay beside the pack too: test/support/bundle.ts reads the bundle's structure from them.
  writeFileSync(join(dir, 'start-up.cjs'), `// cli.cjs and the chunks it loads on every run, by path (scripts/build.mjs, src/cli/launch.ts).\nmodule.exports = {\n${bodies.join(',\n')}\n};\n`);
}

/**
 * Records the V8 code cache of every file a few typical runs load, each run adding to the last: a
 * terminal chart, a framework's scheduler (the catalog chunk), a YAML and a JSON config, CSV and SVG
 * files, check, compare, list, and a refused flag. Runs in a scratch folder; what they print is dropped.
 */
function recordCodeCache(dir) {
  const scratch = mkdtempSync(join(tmpdir(), 'lrviz-build-'));
  try {
    const yaml = join(scratch, 'train.yaml');
    writeFileSync(yaml, 'learning_rate: 1.0e-4\nnum_train_epochs: 3.0\nlr_scheduler_type: cosine\nwarmup_ratio: 0.1\nper_device_train_batch_size: 8\n');
    const json = join(scratch, 'training_args.json');
    writeFileSync(json, JSON.stringify({ learning_rate: 5e-5, lr_scheduler_type: 'linear', warmup_steps: 100, max_steps: 1000 }));
    const runs = [
      ['plot', '-s', 'cosine-warmup', '--steps', '1e6'],
      ['plot', '-s', 'torch.CosineAnnealingLR:T_max=100', '--steps', '1000'],
      ['plot', '--config', yaml, '--dataset-size', '10000'],
      ['plot', '--config', json],
      ['plot', '-s', 'wsd', '--steps', '1000', '-o', join(scratch, 'x.csv')],
      ['plot', '-s', 'cosine', '--steps', '1000', '-o', join(scratch, 'x.svg')],
      ['check', '-s', 'cosine-warmup', '--train-steps', '1000'],
      ['compare', '-s', 'cosine', '-s', 'linear', '--steps', '1000'],
      ['list'],
      ['plot', '--steps', 'many'],
    ];
    const record = `process.argv.splice(1, 0, 'lrviz'); require(${JSON.stringify(join(dir, 'launch.cjs'))}).launch(${JSON.stringify(join(dir, 'cli.cjs'))}, { record: true });`;
    for (const argv of runs) spawnSync(process.execPath, ['-e', record, ...argv], { cwd: scratch, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
