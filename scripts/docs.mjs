// Writes the pictures the README and docs/gallery.md show: docs/<name>.svg for every built-in lrviz
// schedule (framework dialects excluded), the README's overlay in a light and a dark version, and
// docs/gallery.md listing them. Run through `npm run docs`, which builds dist/ first. The SVGs are
// deterministic, so re-running it changes files only when a schedule or the renderer changed.
import { spawnSync } from 'node:child_process';
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
  expr: { type: 'expr', f: 'lr * min(1, step / 500) * (0.55 + 0.45 * cos(pi * step / total))' },
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
  if (entries.length === 0) return spec.type;
  // A formula holds commas and spaces: quoted as the text form allows ("..."), the whole argument in ''.
  const text = `${spec.type}:${entries.map(([k, v]) => (typeof v === 'string' && /[\s,"]/.test(v) ? `${k}=${JSON.stringify(v)}` : `${k}=${v}`)).join(',')}`;
  return /[\s"]/.test(text) ? `'${text}'` : text;
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

// ---------------------------------------------------------------- figures (docs/figures.md)
// Drawn by the CLI as a user runs it, each with the command that made it: the features a paper figure
// needs (many series, log axis with limits, epoch axis with marks, a real log against its plan, dark
// theme, a zoom that is exact, PDF, the terminal without colour).
const bin = `${root}bin/lrviz.cjs`;
const TINYLLAMA = 'test/fixtures/real-logs/tinyllama-finetune.trainer_state.json';
const TWELVE = ['constant', 'warmup', 'cosine', 'cosine-warmup', 'cosine-restarts', 'linear', 'wsd', 'step', 'exponential', 'polynomial', 'inverse-sqrt', 'one-cycle'];
const EPOCHS = ['-s', 'hf.cosine:lr=3e-4,num_warmup_steps=782,num_training_steps=11730', '-s', 'cosine-restarts:lr=3e-4,cycle=3910', '-s', 'torch.CosineAnnealingLR:lr=3e-4,T_max=7820', '--steps', '11730', '--steps-per-epoch', '391', '--x', 'epochs', '--mark', 'warmup,horizon,epochs', '--xlabel', 'epoch (391 updates each)'];
const FIGURES = [
  {
    file: 'figure-twelve.svg',
    title: 'Twelve series on one chart',
    about: 'Ten colour-blind-safe colours and six dash patterns: twelve series stay apart, in grey print too. The legend goes below in columns.',
    args: [...TWELVE.flatMap((name) => ['-s', name]), '--steps', '10000', '--height', '460', '--title', "lrviz's own schedules, defaults"],
  },
  {
    file: 'figure-log-axis.svg',
    title: 'Log axis with limits',
    about: 'Decades on the axis, `--ylim` choosing them; a rate at or below the floor is drawn there, with a note on stderr.',
    args: ['-s', 'exponential:lr=1e-2,decay_rate=1e-4', '-s', 'inverse-sqrt:lr=1e-2,warmup=200', '-s', 'cosine:lr=1e-2,min_lr=1e-5', '--steps', '10000', '--log-y', '--ylim', '1e-6,1e-1'],
  },
  {
    file: 'figure-epochs.svg',
    title: 'Epoch axis with marks',
    about: '`--x epochs` counts the axis in epochs (the data stay in steps); `--mark` draws where the warmup ends, a horizon inside the run and the epoch boundaries (every 2, 5, 10... when they would crowd).',
    args: EPOCHS,
  },
  {
    file: 'figure-log.svg',
    title: 'A plan against a real log',
    about: 'A HuggingFace run (TinyLlama fine-tune, logged every 15 steps) against the plan `fit` finds and a linear decay it did not use. The logged points sit under the plan lines, so agreement shows as the line and disagreement as dots.',
    args: ['-s', 'cosine-warmup:lr=1e-5,warmup=57,total=2808,label=cosine plan', '-s', 'linear:lr=1e-5,warmup=57,label=linear plan', '--steps', '2808', '--log', `${TINYLLAMA}:label=TinyLlama run`],
  },
  {
    file: 'figure-zoom.svg',
    title: 'A zoom that is exact',
    about: '`--xlim` computes the steps shown, not a crop of the whole run: two restarts of a million-step run, each at its step.',
    args: ['-s', 'cosine-restarts:lr=0.1,cycle=1000', '-s', 'cosine-restarts:lr=0.1,cycle=1000,warmup=100,label=with 100 warmup steps', '--steps', '1000000', '--xlim', '19500,21500'],
  },
  {
    file: 'figure-dark.svg',
    title: 'Dark theme',
    about: '`--theme dark`, for slides and dark pages.',
    args: ['-s', 'wsd:lr=3e-4', '-s', 'cosine-warmup:lr=3e-4', '-s', 'one-cycle:lr=3e-4', '--steps', '10000', '--theme', 'dark', '--title', 'warmup-stable-decay against cosine'],
  },
  {
    file: 'figure-epochs.pdf',
    title: 'PDF',
    about: 'The epoch figure above as a vector PDF with its text in embedded DejaVu Sans, for LaTeX (`\\includegraphics{figure-epochs.pdf}`).',
    args: EPOCHS,
    link: true,
  },
];
const quoted = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
const lrviz = (args) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  if (result.status !== 0) throw new Error(`docs: lrviz ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
};
const figureSections = FIGURES.map(({ file, title, about, args, link }) => {
  lrviz(['plot', ...args, '-o', `docs/${file}`]);
  const command = `lrviz plot ${args.map(quoted).join(' ')} -o ${file}`.replace(TINYLLAMA, 'trainer_state.json');
  return [`## ${title}`, '', about, '', '```sh', command, '```', '', link ? `[${file}](${file})` : `![${title}](${file})`].join('\n');
});
const terminalArgs = ['-s', 'cosine-warmup:lr=3e-4,warmup=500', '-s', 'wsd:lr=3e-4', '-s', 'step:lr=3e-4', '--steps', '10000', '--log', `${TINYLLAMA}:label=a run`, '--width', '78', '--height', '12', '--mark', 'warmup'];
const terminal = lrviz(['plot', ...terminalArgs]);
writeFileSync(
  `${docs}figures.md`,
  `# Figures

What lrviz draws for a paper, a slide or a CI log. Every figure is made by the command above it
(\`npm run docs\` redraws them all); the [schedule gallery](gallery.md) shows each schedule alone.

${figureSections.join('\n\n')}

## The terminal, without colour

Piped, in a file (\`-o chart.txt\`) or a CI log, each series keeps its own line style and a logged run its
dots; the legend shows the same glyphs, and \`┊\` marks what \`--mark\` asked for.

\`\`\`sh
lrviz plot ${terminalArgs.map(quoted).join(' ').replace(TINYLLAMA, 'trainer_state.json')} | cat
\`\`\`

\`\`\`text
${terminal.replaceAll(TINYLLAMA, 'trainer_state.json')}\`\`\`
`,
);
console.log(`docs: ${definitions.length} schedules, ${FEATURED.length} featured pictures and ${FIGURES.length} figures written to docs/`);
