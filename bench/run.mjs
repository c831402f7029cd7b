// lrviz's benchmark: `npm run bench` (builds first). Every figure is a ratio to a baseline measured in the
// same run, interleaved with it (job A, baseline, job B, ... then again), so that a busy machine slows
// both alike; the median of several repetitions is reported. Absolute times are printed for reference.
//
//   node bench/run.mjs [--reps N] [--only JOB,...] [--worst CASE,...] [--skip-growth] [--skip-stream] [--skip-page] [--skip-worst] [--save]
//
// --worst check,hf.cosine: only the worst-case rows whose name contains one of the words (the log rows
// write a 1e7-row file first, which takes a while; name one of them to run them).
//
// --save writes the report to bench/RESULTS.md.
//
// Sections: speed against floors (node start-up, a plain-loop CSV writer), against the usual Python way
// (numpy, matplotlib, a torch optimizer loop: rows skipped when not installed), growth with the number
// of steps (time and peak memory), and streaming a 3e7-step CSV through a pipe that checks every value.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Output is discarded through /dev/null opened for writing: read-write /dev/null (stdio 'ignore') is how lrviz
// recognises a closed stdout (`>&-`), which it refuses.
const DISCARD = openSync('/dev/null', 'w');
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/lrviz.cjs');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const REPS = option('--reps', 5);
const work = mkdtempSync(join(tmpdir(), 'lrviz-bench-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const node = process.execPath;
// The numpy rows run without these: they pin OpenBLAS to settings that are wrong for this machine.
const pythonEnv = { ...process.env };
delete pythonEnv.OPENBLAS_CORETYPE;
delete pythonEnv.OPENBLAS_L2_SIZE;
const cleanEnv = { ...process.env, NO_COLOR: '1' };

/**
 * Runs a command once: wall time (ms) measured here, peak resident memory (MiB) from /usr/bin/time when
 * present. stdout goes to /dev/null.
 */
function once({ command, argv, env = cleanEnv }) {
  const rss = join(work, 'rss');
  rmSync(rss, { force: true });
  const wrapped = TIME ? [TIME, ['-f', '%M', '-o', rss, command, ...argv]] : [command, argv];
  const started = process.hrtime.bigint();
  const result = spawnSync(wrapped[0], wrapped[1], { env, stdio: ['ignore', DISCARD, 'pipe'], cwd: root, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let peakMiB;
  try {
    peakMiB = Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024;
  } catch {
    peakMiB = undefined;
  }
  const stderr = String(result.stderr ?? '');
  if (result.status !== 0) throw new Error(`${[command, ...(argv ?? [])].join(' ')} failed (${result.status}): ${stderr.slice(0, 300)}`);
  return { ms, peakMiB };
}

/** Wall time of one run (ms); a run that exits 1 counts when `exitOneIsDone` (check reporting an error). */
function timeOf(job, exitOneIsDone) {
  const started = process.hrtime.bigint();
  const result = spawnSync(job.command, job.argv, { env: job.env ?? cleanEnv, stdio: ['ignore', DISCARD, 'pipe'], cwd: root, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !(exitOneIsDone && result.status === 1)) throw new Error(`${[job.command, ...job.argv].join(' ')} failed (${result.status}): ${String(result.stderr).slice(0, 300)}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const lrviz = (...rest) => ({ command: node, argv: [bin, 'plot', ...rest] });
const out = (name) => join(work, name);
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtRatio = (x) => `${x.toFixed(2)}x`;
const lines = [];
const say = (text = '') => {
  lines.push(text);
  console.log(text);
};

/** Can lrviz write this format yet? (Picture renderers arrive from other work; until then: no.) */
function available(format) {
  const result = spawnSync(node, [bin, 'plot', '-s', 'cosine-warmup', '--steps', '10', '-o', out(`probe.${format}`)], { env: cleanEnv, encoding: 'utf8' });
  return result.status === 0 && existsSync(out(`probe.${format}`)) && statSync(out(`probe.${format}`)).size > 0;
}

function pythonHas(module) {
  const result = spawnSync('python3', ['-c', `import ${module}`], { env: pythonEnv, encoding: 'utf8' });
  return result.status === 0;
}

// ---------------------------------------------------------------- jobs
const STEPS = 1_000_000;
const steps = String(STEPS);
const formats = { svg: available('svg'), png: available('png'), pdf: available('pdf') };
const python = { numpy: pythonHas('numpy'), matplotlib: pythonHas('numpy') && pythonHas('matplotlib'), torch: pythonHas('torch') };
const py = (job, n, file) => ({ command: 'python3', argv: [join(root, 'bench/python/jobs.py'), job, String(n), file], env: pythonEnv });
// A torch loop over 1e6 steps takes minutes; it is timed over 1e5 and scaled (the loop is linear).
const TORCH_STEPS = 100_000;

const jobs = {
  'node start-up': { run: { command: node, argv: ['-e', ''] } },
  'terminal chart': { run: lrviz('-s', 'cosine-warmup', '--steps', steps), baseline: 'node start-up', goal: 1.5 },
  // A YAML training config (LLaMA-Factory, 1e6 examples: 375,000 updates): reading YAML stays within the start-up goal.
  'terminal chart, --config YAML': {
    run: lrviz('--config', 'test/fixtures/configs/hf/llamafactory/examples/train_lora/qwen3_lora_sft.yaml', '--dataset-size', '1000000'),
    baseline: 'node start-up',
    goal: 1.5,
  },
  'csv floor': { run: { command: node, argv: [join(root, 'bench/floor-csv.mjs'), steps, out('floor.csv')] } },
  'csv file': { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', out('lrviz.csv')), baseline: 'csv floor', goal: 1.5 },
  'csv stdout': { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', '-'), baseline: 'csv floor', goal: 1.5 },
  'json file': { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', out('lrviz.json')), baseline: 'csv floor' },
};
if (formats.svg) jobs['svg file'] = { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', out('lrviz.svg')), baseline: 'node start-up' };
// The PDF is the SVG's drawing with its text set in embedded DejaVu: the issue asks for it within 2x the SVG.
if (formats.svg && formats.pdf) jobs['pdf file'] = { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', out('lrviz.pdf')), baseline: 'svg file', goal: 2 };
if (formats.png) jobs['png file'] = { run: lrviz('-s', 'cosine-warmup', '--steps', steps, '-o', out('lrviz.png')), baseline: 'node start-up' };
if (python.numpy) jobs['numpy csv'] = { run: py('csv', STEPS, out('numpy.csv')), reps: 3 };
if (python.matplotlib) {
  jobs['matplotlib svg'] = { run: py('svg', STEPS, out('mpl.svg')), reps: 3 };
  jobs['matplotlib png'] = { run: py('png', STEPS, out('mpl.png')), reps: 3 };
}
if (python.torch) jobs[`torch loop (${TORCH_STEPS} steps)`] = { run: py('torch', TORCH_STEPS, out('torch.txt')), reps: 3 };

// `--only csv,terminal`: just those jobs and their baselines (for working on one of them).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
if (only) {
  const wanted = new Set(Object.keys(jobs).filter((name) => only.some((word) => name.includes(word))));
  // Baselines of baselines too (pdf against svg, svg against node start-up): a ratio never reads NaN.
  for (const name of wanted) if (jobs[name].baseline) wanted.add(jobs[name].baseline);
  for (const name of Object.keys(jobs)) if (!wanted.has(name)) delete jobs[name];
}

// ---------------------------------------------------------------- speed, interleaved
const benchStarted = Date.now();
say(`# lrviz benchmark`);
say();
say(`${new Date().toISOString()}, node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${REPS} repetitions, median`);
say(`command: npm run bench (node bench/run.mjs${args.length ? ' ' + args.join(' ') : ''})`);
say();
const times = Object.fromEntries(Object.keys(jobs).map((name) => [name, []]));
const peaks = Object.fromEntries(Object.keys(jobs).map((name) => [name, []]));
for (const job of Object.values(jobs)) once(job.run); // warm the file cache
for (let rep = 0; rep < REPS; rep++) {
  for (const [name, job] of Object.entries(jobs)) {
    if (rep >= (job.reps ?? REPS)) continue;
    const { ms, peakMiB } = once(job.run);
    times[name].push(ms);
    if (peakMiB !== undefined) peaks[name].push(peakMiB);
  }
}
const med = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t)]));
const csvSame = existsSync(out('floor.csv')) && existsSync(out('lrviz.csv')) ? readFileSync(out('floor.csv')).equals(readFileSync(out('lrviz.csv'))) : undefined;

say(`## Speed, ${STEPS.toLocaleString('en')} steps of cosine-warmup`);
say();
say('| job | median | peak RSS | ratio | to | goal |');
say('|---|---:|---:|---:|---|---|');
for (const [name, job] of Object.entries(jobs)) {
  const ratio = job.baseline ? med[name] / med[job.baseline] : undefined;
  const goal = job.goal === undefined ? '' : `<= ${job.goal}x ${ratio <= job.goal ? 'met' : 'NOT met'}`;
  const peak = peaks[name].length ? `${median(peaks[name]).toFixed(0)} MiB` : 'n/a';
  say(`| ${name} | ${fmt(med[name])} | ${peak} | ${ratio === undefined ? 'baseline' : fmtRatio(ratio)} | ${job.baseline ?? ''} | ${goal} |`);
}
if (!formats.svg) say('| svg file | not available (renderer not built yet) | | | | |');
if (!formats.png) say('| png file | not available (renderer not built yet) | | | | |');
say();
if (csvSame !== undefined) {
  say(`CSV floor and lrviz CSV byte-identical: ${csvSame ? 'yes' : 'NO'}`);
  say();
}

// ---------------------------------------------------------------- against the usual Python way
say('## Against the usual Python way');
say();
if (!python.numpy) say('- numpy: not installed, rows skipped');
if (!python.matplotlib) say('- matplotlib: not installed, SVG/PNG comparison skipped (the bench never pip-installs)');
if (!python.torch) say('- torch: not installed, optimizer-loop comparison skipped');
const versus = [];
const pair = (name, a, b, goal) => {
  if (med[a] !== undefined && med[b] !== undefined) versus.push([name, med[a] / med[b], goal]);
};
pair('lrviz csv file / numpy savetxt', 'csv file', 'numpy csv', 0.5);
pair('lrviz svg / matplotlib svg', 'svg file', 'matplotlib svg', 1);
pair('lrviz png / matplotlib png', 'png file', 'matplotlib png', 1);
if (med[`torch loop (${TORCH_STEPS} steps)`] !== undefined) {
  const torchMs = (med[`torch loop (${TORCH_STEPS} steps)`] * STEPS) / TORCH_STEPS;
  say(`- torch loop scaled to ${STEPS.toLocaleString('en')} steps: ${fmt(torchMs)}`);
  for (const name of ['terminal chart', 'csv file', 'json file', 'svg file', 'png file']) {
    if (med[name] !== undefined) versus.push([`lrviz ${name} / torch loop`, med[name] / torchMs, 1 / 50]);
  }
}
if (versus.length) {
  say();
  say('| comparison | ratio | goal |');
  say('|---|---:|---|');
  for (const [name, ratio, goal] of versus) say(`| ${name} | ${fmtRatio(ratio)} | <= ${fmtRatio(goal)} ${ratio <= goal ? 'met' : 'NOT met'} |`);
}
say();

// ---------------------------------------------------------------- growth
if (!flag('--skip-growth')) {
  say('## Growth with the number of steps (median of 3 runs, 1 at 1e7)');
  say();
  say('| output | 1e3 | 1e5 | 1e6 | 1e7 |');
  say('|---|---|---|---|---|');
  const kinds = [
    ['terminal', () => []],
    ['csv', (n) => ['-o', out(`g${n}.csv`)]],
    ['json', (n) => ['-o', out(`g${n}.json`)]],
    ...(formats.svg ? [['svg', (n) => ['-o', out(`g${n}.svg`)]]] : []),
    ...(formats.png ? [['png', (n) => ['-o', out(`g${n}.png`)]]] : []),
  ];
  for (const [kind, extra] of kinds) {
    const cells = [];
    for (const n of [1e3, 1e5, 1e6, 1e7]) {
      const runs = Array.from({ length: n >= 1e7 ? 1 : 3 }, () => once(lrviz('-s', 'cosine-warmup', '--steps', String(n), ...extra(n))));
      const ms = median(runs.map((r) => r.ms));
      const peaks = runs.map((r) => r.peakMiB).filter((p) => p !== undefined);
      cells.push(`${fmt(ms)}, ${peaks.length ? `${median(peaks).toFixed(0)} MiB` : 'n/a'}`);
      rmSync(out(`g${n}.${kind}`), { force: true });
    }
    say(`| ${kind} | ${cells.join(' | ')} |`);
  }
  say();
  say('Each cell: wall time, peak resident memory of the lrviz process.');
  say();
}

// ---------------------------------------------------------------- streaming
if (!flag('--skip-stream')) {
  const n = 30_000_000;
  say(`## Streaming ${n.toLocaleString('en')} steps of CSV to stdout`);
  say();
  const command = `${node} ${bin} plot -s cosine-warmup --steps ${n} -o -`;
  const rss = join(work, 'stream-rss');
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', `set -o pipefail; ${TIME ? `${TIME} -f %M -o ${rss} ` : ''}${command} | ${node} ${join(root, 'bench/check-csv.mjs')} ${n}`], {
    env: cleanEnv,
    encoding: 'utf8',
    cwd: root,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const check = JSON.parse(result.stdout.trim() || '{}');
  const peak = TIME ? Number(readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  say(`- command: \`lrviz plot -s cosine-warmup --steps ${n} -o - | node bench/check-csv.mjs ${n}\``);
  say(`- ${fmt(ms)} for ${check.bytes?.toLocaleString('en')} bytes, ${check.rows?.toLocaleString('en')} rows; every value read back identical and shortest: ${check.complete && check.mismatch === null ? 'yes' : `NO ${JSON.stringify(check)}`}`);
  say(`- peak RSS of lrviz: ${peak === undefined ? 'n/a (no /usr/bin/time)' : `${peak.toFixed(0)} MiB`} (goal: under 200 MB ${peak !== undefined && peak * 1.048576 < 200 ? 'met' : 'NOT met'})`);
  say();
}

// ---------------------------------------------------------------- worst cases
/** A step,lr CSV of a cosine over `points` logged steps (every step), written once for the log rows. */
function writeLog(points) {
  const file = out(`log${points}.csv`);
  if (existsSync(file)) return file;
  const parts = ['step,lr\n'];
  let chunk = '';
  for (let s = 0; s < points; s++) {
    chunk += `${s},${(5e-4 * (1 + Math.cos((Math.PI * s) / points))).toPrecision(6)}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  writeFileSync(file, parts.join(''));
  return file;
}

if (!flag('--skip-worst')) {
  say('## Worst cases: cost against the number of steps (median of 3, interleaved)');
  say();
  say('Each row runs a command at its worst size and the same command at 1e6 (steps or logged points), alternately; the goal is 2x (issue 13).');
  say();
  const command = (...rest) => ({ command: node, argv: [bin, ...rest] });
  const rows = [
    ['restarts of 2 steps, terminal, 1e12 steps', (n) => command('plot', '-s', 'cosine-restarts:cycle=2', '--steps', n), '1e12'],
    ['restarts of 1 step, SVG, 1e12 steps', (n) => command('plot', '-s', 'cosine-restarts:cycle=1', '--steps', n, '-o', out('worst.svg')), '1e12'],
    ['hf.cosine, terminal, 1e10 steps', (n) => command('plot', '-s', 'hf.cosine', '--steps', n), '1e10'],
    ['torch.CosineAnnealingLR:T_max=100, terminal, 1e10 steps', (n) => command('plot', '-s', 'torch.CosineAnnealingLR:T_max=100', '--steps', n), '1e10'],
    ['compare cosine vs linear, 1e10 steps', (n) => command('compare', '-s', 'cosine', '-s', 'linear', '--steps', n, '--no-chart'), '1e10'],
    ['check torch.CosineAnnealingLR:T_max=100, 1e9 steps', (n) => command('check', '-s', 'torch.CosineAnnealingLR:T_max=100', '--train-steps', n), '1e9'],
    ['check restarts of 3 steps, 1e12 steps', (n) => command('check', '-s', 'torch.CosineAnnealingWarmRestarts:T_0=3', '--train-steps', n), '1e12'],
  ];
  const mayFail = new Set(['check torch.CosineAnnealingLR:T_max=100, 1e9 steps', 'check restarts of 3 steps, 1e12 steps']);
  say('| case | at its size | at 1e6 | ratio | goal |');
  say('|---|---:|---:|---:|---|');
  const worstOnly = args.includes('--worst') ? args[args.indexOf('--worst') + 1].split(',') : undefined;
  const wantedWorst = (name) => worstOnly === undefined || worstOnly.some((word) => name.includes(word));
  for (const [name, make, size] of rows.filter(([name]) => wantedWorst(name))) {
    const big = [];
    const small = [];
    for (let rep = 0; rep < 3; rep++) {
      big.push(timeOf(make(size), mayFail.has(name)));
      small.push(timeOf(make('1e6'), mayFail.has(name)));
    }
    const ratio = median(big) / median(small);
    say(`| ${name} | ${fmt(median(big))} | ${fmt(median(small))} | ${fmtRatio(ratio)} | <= 2x ${ratio <= 2 ? 'met' : 'NOT met'} |`);
  }
  // Logs. A log's bytes must be read, so a 1e7-row log costs ten times the reading of a 1e6-row one
  // whatever lrviz does: against the 1e6-row command the ratio only says the reading is linear. The rows
  // with a goal compare what grows with something other than the input: the number of steps drawn over
  // the same log, and the 1e7-row commands against the floor of reading that very file (bench/read-floor.mjs:
  // a plain loop that splits lines and keeps both numbers). Peak RSS is that of the bigger command.
  // Each row makes its commands when it runs, so that a log is written only for the rows chosen (--worst).
  const floor = (file) => ({ command: node, argv: [join(root, 'bench/read-floor.mjs'), file] });
  const logRows = [
    ['fit of a 1e6-point log (against 1e4 points)', () => [command('fit', writeLog(1e6), '--no-chart'), command('fit', writeLog(1e4), '--no-chart')], 2],
    ['1e6-row log overlay, terminal, 1e10 steps (against 1e6 steps)', () => [command('plot', '-s', 'cosine', '--steps', '1e10', '--log', writeLog(1e6)), command('plot', '-s', 'cosine', '--steps', '1e6', '--log', writeLog(1e6))], 2],
    ['1e7-row log overlay, terminal (against reading the file)', () => [command('plot', '-s', 'cosine', '--steps', '1e7', '--log', writeLog(1e7)), floor(writeLog(1e7))], 2],
    ['fit of a 1e7-row log (against reading the file)', () => [command('fit', writeLog(1e7), '--no-chart'), floor(writeLog(1e7))], 2],
    ['1e7-row log overlay, terminal (against 1e6 rows: 10x the bytes)', () => [command('plot', '-s', 'cosine', '--steps', '1e7', '--log', writeLog(1e7)), command('plot', '-s', 'cosine', '--steps', '1e6', '--log', writeLog(1e6))], undefined],
  ];
  say();
  say('| log case | at its size | baseline | ratio | peak RSS | goal |');
  say('|---|---:|---:|---:|---:|---|');
  for (const [name, commands, goal] of logRows.filter(([name]) => wantedWorst(name))) {
    const [big, small] = commands();
    const b = [];
    const sm = [];
    const rss = [];
    for (let rep = 0; rep < 3; rep++) {
      const run = once(big);
      b.push(run.ms);
      if (run.peakMiB !== undefined) rss.push(run.peakMiB);
      sm.push(once(small).ms);
    }
    const ratio = median(b) / median(sm);
    const verdict = goal === undefined ? 'linear in the bytes read (no goal)' : `<= ${goal}x ${ratio <= goal ? 'met' : 'NOT met'}`;
    say(`| ${name} | ${fmt(median(b))} | ${fmt(median(sm))} | ${fmtRatio(ratio)} | ${rss.length ? `${median(rss).toFixed(0)} MiB` : 'n/a'} | ${verdict} |`);
  }
  say();
}

// ---------------------------------------------------------------- the HTML page
if (!flag('--skip-page')) {
  const pageSteps = 10_000_000;
  const spec = 'cosine-restarts:lr=0.1,cycle=1000';
  say(`## The HTML page: zoom redraws of ${pageSteps.toLocaleString('en')} steps`);
  say();
  const page = out('page.html');
  const written = once(lrviz('-s', spec, '--steps', String(pageSteps), '-o', page));
  const result = spawnSync(node, [join(root, 'bench/page-zoom.mjs'), page], { encoding: 'utf8', cwd: root });
  say(`- command: \`lrviz plot -s ${spec} --steps ${pageSteps} -o page.html\` (${fmt(written.ms)}, ${(statSync(page).size / 1e6).toFixed(2)} MB; goal under 1.5 MB ${statSync(page).size < 1.5e6 ? 'met' : 'NOT met'})`);
  if (result.status !== 0) say(`- zoom redraws: not measured (${(result.stderr || '').trim().split('\n')[0] || 'chromium failed'})`);
  else {
    const { redraws, compute } = JSON.parse(result.stdout);
    const goal = median(redraws) < 50;
    say(`- ${redraws.length} zoom and pan redraws in Chromium, each from the new window to the drawn picture (bench/page-zoom.mjs):`);
    say(`  median ${median(redraws).toFixed(1)} ms, fastest ${Math.min(...redraws).toFixed(1)} ms, slowest ${Math.max(...redraws).toFixed(1)} ms (goal: under 50 ms ${goal ? 'met' : 'NOT met'});`);
    say(`  of which recomputing the rows from the schedule: median ${median(compute).toFixed(1)} ms`);
  }
  say();
}

say('## How to read this');
say();
say('- Ratios compare medians of runs interleaved in the same loop, so a busy machine slows both sides alike; absolute times are for reference only.');
say("- node start-up is `node -e ''`: the floor of any Node CLI. csv floor is bench/floor-csv.mjs, a plain loop writing the same bytes (checked identical above) through one buffered stream.");
say('- csv file includes the atomic write: a temporary file, fsync, rename. csv stdout and json go through the same streaming writer.');
say('- Terminal and pictures read each column\'s extremes from the schedule (monotone stretches), so their cost does not grow with the number of steps; CSV and JSON print every step and grow linearly in time, not in memory.');
say('- numpy csv is np.savetxt with %.17g (reads back exactly); its rows run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.');
say();
say(`bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
rmSync(work, { recursive: true, force: true });
if (flag('--save')) writeFileSync(join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
