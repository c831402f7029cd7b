import { describe, expect, it } from 'vitest';
import { factorLabels, legendLayout, middleEllipsis } from '../../src/render/legend.js';

const twelve = Array.from({ length: 12 }, (_, k) => `cosine-warmup:lr=3e-4,warmup=${(k + 1) * 100},min_lr=1e-5`);

describe('legendLayout', () => {
  it('gives one series no legend unless asked, and several a legend below in columns', () => {
    expect(legendLayout(['cosine'], 720, 'auto').orient).toBe('none');
    expect(legendLayout(['cosine'], 720, 'bottom')).toEqual({ orient: 'bottom', columns: 1, title: undefined, entries: ['cosine'] });
    expect(legendLayout(['a', 'b'], 720, 'none').orient).toBe('none');
    const many = legendLayout(twelve, 720, 'auto');
    expect(many.orient).toBe('bottom');
    expect(many.title).toBe('cosine-warmup: lr=3e-4,min_lr=1e-5');
    expect(many.entries).toEqual(twelve.map((_, k) => `warmup=${(k + 1) * 100}`));
    // Twelve short entries fit in rows of several: at most three rows.
    expect(Math.ceil(12 / many.columns)).toBeLessThanOrEqual(3);
  });

  it('stacks entries beside the plot with --legend right, shortened in the middle to a third of the width', () => {
    const long = ['a-very-long-label-that-names-a-run-and-its-seed-1', 'a-very-long-label-that-names-a-run-and-its-seed-2'];
    const layout = legendLayout(long, 600, 'right');
    expect(layout.columns).toBe(1);
    expect(layout.entries.every((e) => e.length * 6.8 + 34 <= 200)).toBe(true);
    // The ends survive, so the two runs still differ.
    expect(layout.entries[0].endsWith('seed-1')).toBe(true);
    expect(layout.entries[1].endsWith('seed-2')).toBe(true);
  });
});

describe('factorLabels', () => {
  it('keeps what differs and moves what is shared to the title', () => {
    expect(factorLabels(['cosine-warmup:lr=3e-4,warmup=500', 'cosine:lr=3e-4'])).toEqual({ title: 'lr=3e-4', entries: ['cosine-warmup:warmup=500', 'cosine'] });
    expect(factorLabels(['wsd:lr=1,decay=[1,2]', 'wsd:lr=1,decay=[1,3]'])).toEqual({ title: 'wsd: lr=1', entries: ['decay=[1,2]', 'decay=[1,3]'] });
  });

  it('leaves labels of other forms, or with nothing shared, alone', () => {
    expect(factorLabels(['baseline', 'cosine:lr=1'])).toBeUndefined();
    expect(factorLabels(['cosine:lr=1', 'linear:lr=2'])).toBeUndefined();
    expect(factorLabels(['cosine:lr=1'])).toBeUndefined();
  });
});

describe('middleEllipsis', () => {
  it('keeps both ends', () => {
    expect(middleEllipsis('abcdefghij', 10)).toBe('abcdefghij');
    expect(middleEllipsis('abcdefghij', 7)).toBe('abc…hij');
    expect(middleEllipsis('ab😀cdefgh😀ij', 7)).toBe('ab😀…😀ij');
  });
});
