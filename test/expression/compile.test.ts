import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/expression/compile.js';
import { FormulaError, MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH } from '../../src/expression/parse.js';

const value = (text: string, step: number): number => compileFormula(text, ['step', 'total', 'lr'])([step, 1000, 0.1]);

/**
 * Expected values: each formula evaluated by CPython 3.11 (`eval` with `step` bound and math's names).
 * Equal to the last bit, except that `**` is V8's, which may be an ulp from glibc's pow behind CPython.
 */
const PYTHON: Array<[string, number, number]> = [
  ['0.95**step', 7, 0.6983372960937497],
  ['-step**2', 3, -9.0],
  ['(-step)**2', 3, 9.0],
  ['2**3**2', 0, 512.0],
  ['-2**-2', 0, -0.25],
  ['step // 0.1', 1, 9.0],
  ['7 // -2', 0, -4.0],
  ['-7 % 3', 0, 2.0],
  ['7.5 % -2', 0, -0.5],
  ['step % 3', 11, 2.0],
  ['1 if step < 10 else 2 if step < 20 else 3', 5, 1.0],
  ['1 if step < 10 else 2 if step < 20 else 3', 15, 2.0],
  ['1 if step < 10 else 2 if step < 20 else 3', 25, 3.0],
  ['0 < step < 10', 5, 1.0],
  ['0 < step < 10', 10, 0.0],
  ['step and 5', 0, 0.0],
  ['step or 5', 0, 5.0],
  ['step or 5', 3, 3.0],
  ['not (step > 3)', 4, 0.0],
  ['min(1.0, step / 500)', 250, 0.5],
  ['max(0.1, 1 - step / 1000, 0.2)', 900, 0.2],
  ['math.cos(math.pi * step / 100)', 30, 0.5877852522924732],
  ['0.5 * (1 + cos(pi * step / 100))', 30, 0.7938926261462367],
  ['log(step, 2)', 8, 3.0],
  ['round(2.5)', 0, 2.0],
  ['round(3.5)', 0, 4.0],
  ['lambda epoch: 0.95 ** epoch', 10, 0.5987369392383787],
  ['(step + 1) ** -0.5', 99, 0.1],
  ['True + 1', 0, 2.0],
  ['int(step / 3) * 0.5', 10, 1.5],
  ['step < 100 and step / 100 or 1', 50, 0.5],
  ['-7 // 2', 0, -4.0],
];

describe('formulas compute as Python does', () => {
  it.each(PYTHON)('%s at step %d', (text, step, expected) => {
    const got = value(text, step);
    if (text.includes('**')) expect(Math.abs(got - expected)).toBeLessThanOrEqual(Math.abs(expected) * Number.EPSILON);
    else expect(got).toBe(expected);
  });

  it('reads the other variables and JavaScript conditionals', () => {
    expect(value('lr * (1 - step / total)', 250)).toBeCloseTo(0.075, 15);
    expect(value('step < 10 ? 1 : 2', 12)).toBe(2);
  });
});

describe('only arithmetic exists', () => {
  const refusals: Array<[string, RegExp]> = [
    ['constructor', /constructor is not known/],
    ['step.constructor', /only math\.NAME/],
    ['__proto__', /__proto__ is not known/],
    ['math.constructor(1)', /not a function a formula may call/],
    ['process.exit(1)', /not a function a formula may call/],
    ['toString()', /not a function a formula may call/],
    ['cos', /cos is a function/],
    ['"a"', /not a number/],
    ['[1, 2]', /array syntax/],
    ['(1, 2)', /sequence syntax/],
    ['f(1)(2)', /not a function/],
    ['step ^ 2', /write \*\* for a power/],
    ['not step < 3', /not \(\.\.\.\)/],
    ['1 if step', /A if CONDITION else B/],
    ['step 2', /two expressions side by side/],
    ['min(step)', /min takes two or more arguments, not 1/],
    ['(', /Unclosed/],
  ];
  it.each(refusals)('%s is refused', (text, reason) => {
    expect(() => value(text, 1)).toThrow(FormulaError);
    expect(() => value(text, 1)).toThrow(reason);
  });

  it('division by zero is an error, as in Python', () => {
    expect(() => value('1 / (step - 3)', 3)).toThrow(/divides by zero/);
    expect(() => value('step % 0', 3)).toThrow(/divides by zero/);
    expect(() => value('0 ** -1', 3)).toThrow(/negative power/);
  });

  it('refuses overlong and deeply nested formulas with a reason', () => {
    expect(() => value('1+'.repeat(MAX_FORMULA_LENGTH), 1)).toThrow(/at most 2000/);
    const nested = (depth: number): string => `${'('.repeat(depth)}step${')'.repeat(depth)}`;
    expect(value(nested(MAX_FORMULA_DEPTH), 3)).toBe(3);
    expect(() => value(nested(MAX_FORMULA_DEPTH + 1), 1)).toThrow(/more than 100 levels/);
    expect(() => value(`${'-'.repeat(MAX_FORMULA_DEPTH + 1)}1`, 1)).toThrow(/more than 100 levels/);
    expect(value(`${'-'.repeat(MAX_FORMULA_DEPTH)}1`, 1)).toBe(1);
  });

  it('a lambda renames the step and only the step', () => {
    expect(() => value('lambda epoch: step', 1)).toThrow(/step is not known/);
    expect(value('lambda it: it * total', 2)).toBe(2000);
  });
});
