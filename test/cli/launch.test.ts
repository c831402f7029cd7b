/**
 * The built CLI starts through src/cli/launch.ts: its files load with the V8 code cache the build
 * recorded (what every run loads packed in one file), and a cache V8 refuses changes nothing but the
 * time a run takes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_SUFFIX, cacheKey, cacheOf, START_UP_PACK } from '../../src/cli/launch.js';
import { BUNDLE_ENTRY, loadedAtStartUp } from '../support/bundle.js';
import { BIN, lrviz } from '../support/cli.js';

const dist = dirname(BUNDLE_ENTRY);
const TERMINAL = ['plot', '-s', 'cosine-warmup', '--steps', '1000'];

/** Whether there is a cache for `file` at its path and V8 takes it (compiled as launch.ts compiles it). */
function cacheAccepted(file: string): boolean {
  const cachedData = cacheOf(file);
  return cachedData !== undefined && !new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData }).cachedDataRejected;
}

describe('the code cache of the built CLI', () => {
  it('packs every file a run loads at start into start-up.cjs, and V8 takes that pack\'s recorded cache', () => {
    const pack = join(dist, START_UP_PACK);
    const bodies = Object.keys(createRequire(import.meta.url)(pack) as object);
    expect(bodies.map((file) => join(dist, file)).sort()).toEqual([...loadedAtStartUp()].sort());
    expect(bodies.length).toBeGreaterThan(1);
    expect(cacheAccepted(pack)).toBe(true);
  });

  it('is recorded for the chunks the typical runs load: the terminal chart, the catalog, configs and YAML', () => {
    const chunks = readdirSync(join(dist, 'chunks'));
    for (const prefix of ['ascii-', 'catalog-', 'config-', 'csv-', 'js-yaml-']) {
      const chunk = chunks.find((name) => name.startsWith(prefix) && name.endsWith('.cjs'));
      expect([prefix, chunk !== undefined && cacheAccepted(join(dist, 'chunks', chunk))]).toEqual([prefix, true]);
    }
  });
});

describe('a cache that does not fit', () => {
  let copy: string;
  const copied = () => join(copy, 'bin', 'lrviz.cjs');
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'lrviz-launch-'));
    cpSync(dirname(BIN), join(copy, 'bin'), { recursive: true });
    cpSync(dist, join(copy, 'dist'), { recursive: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('is not used away from the path it was recorded at: the stack of a --debug error names the files run', () => {
    const { status, stderr } = spawnSync(process.execPath, [copied(), 'plot', '--steps', 'many', '--debug'], { encoding: 'utf8' });
    expect(status).toBe(2);
    expect(stderr).toContain(join(copy, 'dist', START_UP_PACK));
    expect(stderr).not.toContain(dist);
  });

  it('is not used for a file edited since (V8 would take it: it checks only the length)', () => {
    const pack = join(copy, 'dist', START_UP_PACK);
    const args = ['plot', '--steps', 'many'];
    const record = `process.argv.splice(1, 0, 'lrviz'); require(${JSON.stringify(join(copy, 'dist', 'launch.cjs'))}).launch(${JSON.stringify(join(copy, 'dist', 'cli.cjs'))}, { record: true });`;
    spawnSync(process.execPath, ['-e', record, ...args], { encoding: 'utf8' });
    expect(cacheAccepted(pack)).toBe(true);
    // The same length, another message: run from the recorded cache, it would still say the old one.
    const edited = readFileSync(pack, 'utf8').replace('is not allowed; ${flag} must be a whole number from 1 to ${MAX_STEPS}', 'is NOT allowed; ${flag} must be a whole number from 1 to ${MAX_STEPS}');
    expect(edited).toContain('is NOT allowed');
    writeFileSync(pack, edited);
    const { status, stderr } = spawnSync(process.execPath, [copied(), ...args], { encoding: 'utf8' });
    expect([status, stderr]).toEqual([2, 'lrviz: error: --steps "many" is NOT allowed; --steps must be a whole number from 1 to 1000000000000\n']);
  });

  it('is ignored when V8 refuses it (garbage, cut short): the run prints what it prints with the recorded cache', () => {
    const put = (file: string, bytes: Buffer) => writeFileSync(file + CACHE_SUFFIX, Buffer.concat([Buffer.from(`${cacheKey(file)}\n`), bytes]));
    put(join(copy, 'dist', START_UP_PACK), Buffer.alloc(4096, 7));
    const chunks = join(copy, 'dist', 'chunks');
    for (const name of readdirSync(chunks).filter((f) => f.endsWith('.cjs'))) {
      const recorded = cacheOf(join(dist, 'chunks', name));
      if (recorded !== undefined) put(join(chunks, name), recorded.subarray(0, 1000));
    }
    for (const args of [[...TERMINAL, '-o', '-'], [...TERMINAL, '-s', 'torch.StepLR:step_size=100']]) {
      const recorded = lrviz(args);
      const refused = spawnSync(process.execPath, [copied(), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(recorded.status).toBe(0);
      expect([refused.status, refused.stderr, refused.stdout]).toEqual([0, '', recorded.stdout]);
    }
  });
});
