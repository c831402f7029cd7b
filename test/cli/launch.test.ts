/**
 * The built CLI starts through src/cli/launch.ts: its files load with the V8 code cache the build
 * recorded, and a cache V8 refuses changes nothing but the time a run takes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_SUFFIX } from '../../src/cli/launch.js';
import { BUNDLE_ENTRY, loadedAtStartUp } from '../support/bundle.js';
import { BIN, lrviz } from '../support/cli.js';

const dist = dirname(BUNDLE_ENTRY);
const TERMINAL = ['plot', '-s', 'cosine-warmup', '--steps', '1000'];

/** Whether V8 takes `file`'s recorded cache (compiled as launch.ts compiles it). */
function cacheAccepted(file: string): boolean {
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + CACHE_SUFFIX) });
  return !script.cachedDataRejected;
}

describe('the code cache of the built CLI', () => {
  it('is recorded for every file a terminal chart loads, and V8 takes it', () => {
    const files = [...loadedAtStartUp()];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect([file, cacheAccepted(file)]).toEqual([file, true]);
  });

  it('is recorded for the chunks the typical runs load: the terminal chart, the catalog, configs and YAML', () => {
    const chunks = readdirSync(join(dist, 'chunks'));
    for (const prefix of ['ascii-', 'catalog-', 'config-', 'csv-']) {
      const chunk = chunks.find((name) => name.startsWith(prefix) && name.endsWith('.cjs'));
      expect([prefix, chunk !== undefined && chunks.includes(chunk + CACHE_SUFFIX)]).toEqual([prefix, true]);
    }
  });
});

describe('a cache V8 refuses', () => {
  let copy: string;
  beforeAll(() => {
    // A copy of bin/ and dist/ whose caches are garbage, or cut short.
    copy = mkdtempSync(join(tmpdir(), 'lrviz-launch-'));
    cpSync(dirname(BIN), join(copy, 'bin'), { recursive: true });
    cpSync(dist, join(copy, 'dist'), { recursive: true });
    const chunks = join(copy, 'dist', 'chunks');
    const caches = readdirSync(chunks).filter((name) => name.endsWith(CACHE_SUFFIX));
    writeFileSync(join(copy, 'dist', `cli.cjs${CACHE_SUFFIX}`), Buffer.alloc(4096, 7));
    for (const name of caches) writeFileSync(join(chunks, name), readFileSync(join(chunks, name)).subarray(0, 1000));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('is ignored: the run prints what it prints with the recorded cache, byte for byte', () => {
    const recorded = lrviz([...TERMINAL, '-o', '-']);
    const refused = spawnSync(process.execPath, [join(copy, 'bin', 'lrviz.cjs'), ...TERMINAL, '-o', '-'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(recorded.status).toBe(0);
    expect([refused.status, refused.stderr, refused.stdout]).toEqual([0, '', recorded.stdout]);
    const chart = spawnSync(process.execPath, [join(copy, 'bin', 'lrviz.cjs'), ...TERMINAL, '-s', 'torch.StepLR:step_size=100'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([chart.status, chart.stderr, chart.stdout]).toEqual([0, '', lrviz([...TERMINAL, '-s', 'torch.StepLR:step_size=100']).stdout]);
  });
});
