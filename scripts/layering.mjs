// The layering of src/, checked by dependency-cruiser against the rules in .dependency-cruiser.cjs:
// `npm run layering` prints every import that breaks a rule; test/layering.test.ts runs it on every `npm test`.
//
// dependency-cruiser reads TypeScript through the TypeScript compiler API, which TypeScript 7 no longer
// ships. So esbuild (the build's own tool) first turns each src/*.ts into JavaScript beside it in a scratch
// folder, one file for one file, with every import kept: type-only imports are made plain imports first, so
// that a type imported from a floor above breaks a rule as surely as a value does.
import { transform } from 'esbuild';
import { cruise } from 'dependency-cruiser';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { forbidden } = createRequire(import.meta.url)('../.dependency-cruiser.cjs');

function sourcesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `import type {A}` and `import {type A, B}` as plain imports, so that esbuild keeps them. */
function typeImportsAsImports(text) {
  return text
    .replace(/^import type\s/gm, 'import ')
    .replace(/^export type\s+(?=[{*])/gm, 'export ')
    .replace(/^(import|export)\s*\{[^}]*\}/gm, (clause) => clause.replace(/([{,]\s*)type\s+(?=[\w$]+\s*(?:,|\}|\sas\s))/g, '$1'));
}

/** Every import that breaks a rule: `{ rule, from, to, comment }`, paths relative to the repository. */
export async function layeringViolations() {
  const scratch = mkdtempSync(join(tmpdir(), 'lrviz-layering-'));
  try {
    for (const path of sourcesUnder(join(root, 'src'))) {
      const { code } = await transform(typeImportsAsImports(readFileSync(path, 'utf8')), {
        loader: 'ts',
        format: 'esm',
        // Keeps every import as written, even one whose names are never used as values.
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      });
      const target = join(scratch, relative(root, path)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }
    const previous = process.cwd();
    process.chdir(scratch);
    let result;
    try {
      result = await cruise(['src'], { ruleSet: { forbidden }, validate: true, doNotFollow: { path: 'node_modules' }, moduleSystems: ['es6'] });
    } finally {
      process.chdir(previous);
    }
    const back = (path) => path.replace(/^src\/(.*)\.js$/, 'src/$1.ts');
    return result.output.summary.violations.map((v) => ({
      rule: v.rule.name,
      from: back(v.from),
      to: back(v.to),
      comment: forbidden.find((r) => r.name === v.rule.name)?.comment ?? '',
    }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const violations = await layeringViolations();
  for (const v of violations) console.log(`${v.rule}: ${v.from} -> ${v.to}\n  ${v.comment}`);
  console.log(violations.length === 0 ? 'layering: every import keeps to the rules' : `layering: ${violations.length} import(s) break the rules`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
