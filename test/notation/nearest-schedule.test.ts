import { describe, expect, it } from 'vitest';
import { nearestSchedule } from '../../src/notation/suggest.js';
import { catalog } from '../../src/catalog.js';

const names = catalog.all().map((d) => d.name);

describe('nearestSchedule', () => {
  const cases: [string, string][] = [
    ['cosin-warmup', 'cosine-warmup'],
    ['torch.CosineAnealingLR', 'torch.CosineAnnealingLR'],
    ['torch.CosineAnnealing', 'torch.CosineAnnealingLR'],
    ['keras.CosineDecayy', 'keras.CosineDecay'],
    ['optax.warmup_cosine_decay', 'optax.warmup_cosine_decay_schedule'],
  ];
  for (const [given, expected] of cases) it(`${given} → ${expected}`, () => expect(nearestSchedule(given, names)).toBe(expected));

  it('always has one to offer, in the framework named when it has one', () => {
    expect(names).toContain(nearestSchedule('qqqqqqqq', names));
    expect(nearestSchedule('timm.Foo', names)?.startsWith('timm.')).toBe(true);
  });
});

describe('nearestSchedule across frameworks', () => {
  it('finds the symbol in the framework it belongs to when the one named lacks it', () => {
    expect(nearestSchedule('hf.CosineAnnealingLR', names)).toBe('torch.CosineAnnealingLR');
  });
});
