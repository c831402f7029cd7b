/**
 * The CLI's catalog loads the frameworks only when a spec names something beyond lrviz's own schedules,
 * and whatever it hands back finds every name exactly as the full catalog (src/catalog.ts) does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog.js';
import { catalogOnDemand } from '../../src/cli/catalog-on-demand.js';
import { builtins } from '../../src/schedules/builtins.js';
import { lrviz } from '../support/cli.js';
import { chunkTexts, loadedAtStartUp } from '../support/bundle.js';

describe('the catalog on demand', () => {
  it('holds only lrviz own schedules when every name is one of them, nested ones too', async () => {
    const specs = [{ type: 'cosine-warmup' }, { type: 'sequence', parts: [{ type: 'constant' }, { type: 'cosine' }] }];
    const found = await catalogOnDemand().forSpecs(specs);
    expect(found.frameworks()).toEqual(['lrviz']);
  });

  it('is the whole catalog as soon as a name is not lrviz own: a dialect, a copied name, a typo, a nested symbol', async () => {
    for (const type of ['torch.CosineAnnealingLR', 'transformers.get_cosine_schedule_with_warmup', 'get_linear_schedule_with_warmup', 'cosine_warmup', 'consine', 'expr']) {
      const found = await catalogOnDemand().forSpecs([{ type }]);
      expect([type, found.all().length]).toEqual([type, catalog.all().length]);
    }
    const nested = await catalogOnDemand().forSpecs([{ type: 'sequence', parts: [{ type: 'hf.cosine' }] }]);
    expect(nested.frameworks()).toEqual(catalog.frameworks());
  });

  it('finds every builtin name and alias as the full catalog does (so a name it keeps to itself means the same)', async () => {
    const names = builtins.flatMap((d) => [d.name, ...(d.aliases ?? [])]);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const found = await catalogOnDemand().forSpecs([{ type: name }]);
      expect([name, found.lookup(name)?.name]).toEqual([name, catalog.lookup(name)?.name]);
    }
  });

  it('all() is the full catalog, in its order', async () => {
    expect((await catalogOnDemand().all()).all().map((d) => d.name)).toEqual(catalog.all().map((d) => d.name));
  });
});

describe('the built CLI', () => {
  it("never compiles a framework's dialect for lrviz's own schedules: the dialects sit behind a dynamic import", () => {
    // What torch's dialect module declares (the bundle keeps module-level names).
    const dialect = /\btorchDefinitions\b/;
    for (const file of loadedAtStartUp()) expect([file, dialect.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    expect(chunkTexts().some((code) => dialect.test(code))).toBe(true);
  });

  it('draws a dialect and a builtin side by side, and still suggests across every framework', () => {
    const both = lrviz(['plot', '-s', 'cosine:lr=0.1', '-s', 'torch.CosineAnnealingLR:lr=0.1,T_max=10', '--steps', '3', '-o', '-']);
    expect([both.status, both.stderr]).toEqual([0, '']);
    expect(both.stdout.split('\r\n')[1]).toBe('0,0.1,0.1');
    const typo = lrviz(['plot', '-s', 'torch.CosineAnealingLR']);
    expect([typo.status, typo.stderr]).toEqual([2, 'lrviz: error: schedule: unknown schedule "torch.CosineAnealingLR" (did you mean "torch.CosineAnnealingLR"?); run "lrviz list" to see them all\n']);
  });
});
