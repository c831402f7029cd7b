/**
 * Command lines for fuzzing the CLI: every command with its options present or not, in any order, their
 * values mostly plausible and sometimes hostile, files and folders in a scratch folder of the caller's.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anyJson, anySpec, asText, trickyText } from './arbitraries.js';

export interface CommandLines {
  /** A whole command line (without "lrviz"). */
  readonly commandLine: fc.Arbitrary<string[]>;
  /** The spec file `-s @...` may name: the caller writes a spec into it before each run. */
  readonly specFile: string;
}

/** Generators whose paths all lie in `dir`, which gets a log, a folder and a file of junk to point at. */
export function commandLines(dir: string): CommandLines {
  const at = (name: string) => join(dir, name);
  const specFile = at('spec.json');
  writeFileSync(at('run.csv'), 'step,lr\n0,0.001\n10,0.0009\n20,0.0005\n30,0.0001\n');
  mkdirSync(at('folder.csv'), { recursive: true });
  writeFileSync(at('garbage.json'), '\u0000{{{ not json');
  writeFileSync(specFile, '{"type":"constant"}');

  /** Step counts: small enough to run in-process, plus every way of writing a wrong one. */
  const stepsText = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 20000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', '2e4', '0x10', '', ' 7', 'NaN', 'Infinity', '1e400', '99999999999999999999', '1e13', 'abc', '-0') },
  );
  const smallNumberText = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 300 }).map(String) }, { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -3, max: 0 }).map(String), trickyText) });
  const outputName = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('out.csv', 'out.json', 'out.txt', 'out.svg', 'out.html', 'out.vl.json', 'out.png', 'out.CSV').map(at) },
    { weight: 2, arbitrary: fc.constant('-') },
    { weight: 1, arbitrary: fc.constantFrom('out.xlsx', 'out', 'folder.csv', 'missing/out.csv', 'garbage.json/out.csv').map(at) },
    { weight: 1, arbitrary: fc.constant('') },
  );
  const formatName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('csv', 'json', 'txt', 'svg', 'html', 'vl.json', 'png', 'terminal') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('xlsx', ''), fc.string({ maxLength: 5 })) });

  /** A `-s` value: a spec as text or JSON, a spec file, or junk. */
  const specArgument = fc.oneof(
    { weight: 3, arbitrary: anySpec(1).map(asText) },
    { weight: 2, arbitrary: anySpec(1).map((spec) => JSON.stringify(spec)) },
    {
      weight: 4,
      arbitrary: fc.constantFrom('cosine-warmup', 'cosine:lr=3e-4', 'cosine-restarts:cycle=100,cycle_mult=2', 'wsd', 'step:milestones=[10,20]', 'torch.StepLR:lr=0.1,step_size=30', 'hf.linear:lr=1e-3,num_training_steps=100', 'exponential:decay_rate=0.5', 'one-cycle', `@${specFile}`),
    },
    { weight: 1, arbitrary: fc.constantFrom( `@${specFile}`, `@${at('garbage.json')}`, `@${at('folder.csv')}`, `@${at('missing.json')}`, '@') },
    { weight: 1, arbitrary: fc.oneof(trickyText, anyJson.map((v) => JSON.stringify(v) ?? '')) },
  );

  /** Options in any order: each present or not, then shuffled; one stray token now and then. */
  function options(groups: fc.Arbitrary<string[]>[], required: fc.Arbitrary<string[][]> = fc.constant([])): fc.Arbitrary<string[]> {
    const stray = fc.oneof(
      { weight: 12, arbitrary: fc.constant([] as string[]) },
      { weight: 1, arbitrary: fc.constantFrom(['--debug'], ['--help'], ['-V'], ['--'], ['-'], ['--colour'], ['-x'], ['extra']) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('--steps', '--format', '--every', '--json'), trickyText) },
    );
    return fc
      .tuple(required, ...groups.map((group) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: group })), stray)
      .chain(([must, ...rest]) => {
        const chosen = [...must, ...(rest as (string[] | null)[]).filter((g): g is string[] => g !== null && g.length > 0)];
        return fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length });
      })
      .map((chosen) => chosen.flat());
  }

  const schedules = fc.array(fc.tuple(fc.constantFrom('-s', '--schedule'), specArgument), { minLength: 1, maxLength: 2 });
  const plotLine = options(
    [
      stepsText.map((n) => ['--steps', n]),
      outputName.map((o) => ['-o', o]),
      formatName.map((f) => ['--format', f]),
      smallNumberText.map((k) => ['--every', k]),
      smallNumberText.map((w) => ['-W', w]),
      smallNumberText.map((h) => ['-H', h]),
      fc.string({ maxLength: 20 }).map((t) => ['-t', t]),
      fc.constant(['--log-y']),
      fc.constantFrom('light', 'dark', 'dark', 'blue', '').map((t) => ['--theme', t]),
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', '2', '1.5') }, { weight: 1, arbitrary: fc.constantFrom('0', '0.05', '11', 'NaN', '1e400') }).map((x) => ['--scale', x]),
      fc.constantFrom('run.csv', 'garbage.json', 'folder.csv', 'missing.csv').map((l) => ['--log', at(l)]),
    ],
    schedules,
  ).map((rest) => ['plot', ...rest]);
  const listLine = options([fc.constantFrom('cosine', 'torch', 'hf.linear', 'nope').map((n) => [n]), fc.constantFrom('torch', 'hf', 'lrviz', 'x').map((f) => ['--framework', f]), fc.constant(['--json'])]).map((rest) => ['list', ...rest]);
  const checkLine = options(
    [
      smallNumberText.map((n) => ['--train-steps', n]),
      smallNumberText.map((n) => ['--epochs', n]),
      smallNumberText.map((n) => ['--steps-per-epoch', n]),
      fc.constantFrom('batch', 'epoch', 'step').map((u) => ['--stepped', u]),
      fc.constantFrom(['--strict'], ['--json']),
    ],
    schedules,
  ).map((rest) => ['check', ...rest]);
  const compareLine = options(
    [stepsText.map((n) => ['--steps', n]), fc.constantFrom('run.csv', 'garbage.json', 'missing.csv').map((l) => ['--log', at(l)]), fc.constantFrom(['--json'], ['--no-chart']), smallNumberText.map((w) => ['-W', w])],
    schedules,
  ).map((rest) => ['compare', ...rest]);
  const fitLine = options([fc.constantFrom('1', '2', '0', 'x').map((k) => ['--series', k]), fc.constantFrom(['--json'], ['--no-chart'])], fc.constantFrom('run.csv', 'garbage.json', 'folder.csv', 'missing.csv').map((l) => [[at(l)]])).map((rest) => ['fit', ...rest]);

  /** A whole command line: mostly `plot`, every other command too, and lines that are wrong from the start. */
  const commandLine = fc.oneof(
    { weight: 10, arbitrary: plotLine },
    { weight: 1, arbitrary: listLine },
    { weight: 2, arbitrary: checkLine },
    { weight: 2, arbitrary: compareLine },
    { weight: 1, arbitrary: fitLine },
    { weight: 1, arbitrary: fc.constantFrom<string[]>([], ['--help'], ['-V'], ['plto', '-s', 'cosine'], ['--steps', '5', 'plot'], ['plot', 'cosine']) },
  );

  return { commandLine, specFile };
}
