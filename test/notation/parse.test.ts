import { describe, expect, it } from 'vitest';
import { parseSpecArgument, parseTextSpec } from '../../src/notation/parse.js';
import { parseNumber } from '../../src/text/decimal.js';

describe('text specs', () => {
  it('split on top-level commas; JSON values and quoted strings may hold commas', () => {
    expect(parseTextSpec('step:lr=0.1,milestones=[30,60],label="a, b"')).toEqual({ type: 'step', lr: '0.1', milestones: [30, 60], label: 'a, b' });
  });

  it('a bare name is a spec with defaults', () => {
    expect(parseTextSpec('cosine')).toEqual({ type: 'cosine' });
  });

  it('reject a pair without "=", a key given twice, unbalanced brackets', () => {
    expect(() => parseTextSpec('cosine:lr')).toThrow(/"lr" is not key=value/);
    expect(() => parseTextSpec('cosine:lr=1,lr=2')).toThrow(/lr given twice/);
    expect(() => parseTextSpec('step:milestones=[1,2')).toThrow(/unbalanced/);
  });

  it('keep __proto__ as plain data', () => {
    const spec = parseTextSpec('cosine:__proto__=1');
    expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
    expect(Object.hasOwn(spec, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).lr).toBeUndefined();
  });
});

describe('JSON specs', () => {
  it('read an object or a list', () => {
    expect(parseSpecArgument('{"type":"cosine","lr":0.1}')).toEqual([{ spec: { type: 'cosine', lr: 0.1 }, source: 'cosine' }]);
    expect(parseSpecArgument('[{"type":"a"},{"type":"b"}]').map((p) => p.source)).toEqual(['a', 'b']);
  });

  it('reject what is not a spec object', () => {
    expect(() => parseSpecArgument('[]')).toThrow(/holds no schedule/);
    expect(() => parseSpecArgument('{"lr":1}')).toThrow(/expected \{"type": NAME/);
    expect(() => parseSpecArgument('{')).toThrow(/malformed JSON/);
  });
});

describe('numbers in text', () => {
  it.each([
    ['3e-4', 3e-4],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['-2', -2],
    ['1E3', 1000],
    ['-0', 0],
  ])('%s reads as %d', (text, value) => {
    expect(Object.is(parseNumber(text), value)).toBe(true);
  });

  it.each(['', ' ', '0x10', 'Infinity', 'NaN', '1e400', '1,5', '1_000', 'abc'])('%j is not a number', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});
