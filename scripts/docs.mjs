// Writes the pictures the README and docs/gallery.md show: docs/<name>.svg for every built-in lrviz
// schedule (framework dialects excluded), the README's overlay in a light and a dark version, and
// docs/gallery.md listing them. Run through `npm run docs`, which builds dist/ first. The SVGs are
// deterministic, so re-running it changes files only when a schedule or the renderer changed.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { buildSchedule, catalog, curveOf, render } from '../dist/lib/index.js';

const root = new URL('..', import.meta.url).pathname;
const docs = `${root}docs/`;
const STEPS = 10_000;

/** Schedules that need parameters to draw anything, with an example that shows what they do. */
const EXAMPLES = {
  sequence: {
    type: 'sequence',
    parts: [
      { type: 'warmup', lr: 1e-3, warmup: 1000 },
      { type: 'cosine', lr: 1e-3, min_lr: 1e-4, total: 6000 },
      { type: 'constant', lr: 1e-4 },
    ],
    boundaries: [1000, 7000],
  },
  scale: { type: 'scale', schedule: { type: 'cosine-warmup' }, factor: 0.5 },
};

/** The README's pictures: one overlay, and a million steps of restarts to show nothing is lost. */
const FEATURED = [
  { file: 'lr.svg', specs: ['cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4'], steps: 10_000, theme: 'light' },
  { file: 'lr-dark.svg', specs: ['cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4'], steps: 10_000, theme: 'dark' },
  { file: 'million-steps.svg', specs: ['cosine-restarts:lr=0.1,cycle=100000'], steps: 1_000_000, theme: 'light' },
];

function request(curves, options = {}) {
  return { curves, every: 1, logY: false, color: false, theme: 'light', scale: 1, ...options };
}

/** The spec as the user would type it after -s: text for flat specs, JSON for nested ones. */
function specArgument(spec) {
  const entries = Object.entries(spec).filter(([key]) => key !== 'type');
  if (entries.some(([, value]) => typeof value === 'object')) return `'${JSON.stringify(spec)}'`;
  return entries.length === 0 ? spec.type : `${spec.type}:${entries.map(([k, v]) => `${k}=${v}`).join(',')}`;
}

function curveFor(spec, label, steps) {
  return curveOf(buildSchedule(catalog, spec, steps).schedule, label, steps);
}

function textSpec(text) {
  const [type, rest] = text.split(':');
  const spec = { type };
  for (const pair of rest ? rest.split(',') : []) {
    const [key, value] = pair.split('=');
    spec[key] = Number(value);
  }
  return spec;
}

mkdirSync(docs, { recursive: true });
// Pictures of schedules that no longer exist should not linger.
for (const file of readdirSync(docs)) if (file.endsWith('.svg')) rmSync(docs + file);

for (const { file, specs, steps, theme } of FEATURED) {
  const curves = specs.map((text) => curveFor(textSpec(text), text, steps));
  writeFileSync(docs + file, await render('svg', request(curves, { theme })));
}

const definitions = catalog.all()
  .filter((d) => d.framework === undefined)
  .sort((a, b) => a.name.localeCompare(b.name));
for (const { name } of definitions) {
  if (FEATURED.some(({ file }) => file === `${name}.svg`)) throw new Error(`docs: schedule ${name} would overwrite the featured docs/${name}.svg; rename the featured picture`);
}
const sections = [];
for (const definition of definitions) {
  const spec = EXAMPLES[definition.name] ?? { type: definition.name };
  let curve;
  try {
    curve = curveFor(spec, definition.name, STEPS);
  } catch (error) {
    throw new Error(`docs: schedule ${definition.name} needs an example in scripts/docs.mjs EXAMPLES (${error.message})`);
  }
  writeFileSync(`${docs}${definition.name}.svg`, await render('svg', request([curve])));
  const aliases = definition.aliases?.length ? ` (also: ${definition.aliases.join(', ')})` : '';
  sections.push(
    [
      `## ${definition.name}`,
      '',
      `${definition.summary}${aliases}`,
      '',
      ...(definition.formula ? ['```text', `lr(i) = ${definition.formula}`, '```', ''] : []),
      '```sh',
      `lrviz plot -s ${specArgument(spec)} --steps ${STEPS} -o ${definition.name}.svg`,
      '```',
      '',
      `![${definition.name}](${definition.name}.svg)`,
    ].join('\n'),
  );
}

const index = definitions.map((d) => `[${d.name}](#${d.name})`).join(' · ');
writeFileSync(
  `${docs}gallery.md`,
  `# Schedule gallery

Every schedule lrviz defines itself, with its default parameters over ${STEPS.toLocaleString('en-US')} steps
(peak \`lr\` 1e-3), drawn by \`lrviz plot -o NAME.svg\`. \`lrviz list NAME\` explains each parameter.
Framework schedulers (\`torch.*\`, \`hf.*\`, \`timm.*\`, ...) draw the same way. Regenerate with \`npm run docs\`.

${index}

${sections.join('\n\n')}
`,
);
console.log(`docs: ${definitions.length} schedules and ${FEATURED.length} featured pictures written to docs/`);
