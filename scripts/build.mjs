// Builds the CLI bundle (dist/cli.js + lazily loaded chunks) with esbuild, and the typed library
// (dist/lib) with tsc. Bundling roughly halves start-up; heavy renderers stay in their own chunks and
// their dependencies stay external, so the terminal path never loads them.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync } from 'node:fs';

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
  // commander is CommonJS: give the ESM bundle a real `require` for its node: built-ins.
  banner: { js: "import { createRequire as __lrvizRequire } from 'node:module'; const require = __lrvizRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
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

if (!skipTypes) {
  execFileSync(`${root}node_modules/.bin/tsc`, ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
