/**
 * Formulas in specs (`lr_lambda="0.95 ** step"`, `expr:f="..."`): compiled once when the schedule is built,
 * evaluated at each step. A formula that does not read, or that fails at a step (a division by zero, a
 * value that is not finite), is one line naming the parameter, the formula and the step.
 */
import { shown } from '../errors.js';
import { compileFormula } from './compile.js';
import { FormulaError } from './parse.js';

export { FORMULA_CONSTANTS, FORMULA_FUNCTIONS } from './compile.js';

/** The variables every formula may read besides the step: the horizon and the base learning rate. */
export interface FormulaScope {
  total: number;
  lr: number;
}

/**
 * `text` as a function of the step, with `total` and `lr` bound. `fail` receives the one-line reason
 * (it throws); `name` is the parameter the formula was given in.
 */
export function formulaOfStep(text: string, name: string, scope: FormulaScope, fail: (message: string) => never): (step: number) => number {
  const given = `${name}=${shown(text)}`;
  let formula: ReturnType<typeof compileFormula>;
  try {
    // `epoch` is the step too: torch's and Paddle's documentation write their lambdas of `epoch`.
    formula = compileFormula(text, ['step', 'total', 'lr', 'epoch']);
  } catch (error) {
    if (error instanceof FormulaError) fail(`${given} is not a formula lrviz can read: ${error.reason}`);
    throw error;
  }
  const values = [0, scope.total, scope.lr, 0];
  return (step) => {
    values[0] = step;
    values[3] = step;
    let value: number;
    try {
      value = formula(values);
    } catch (error) {
      if (error instanceof FormulaError) fail(`${given} at step ${step}: ${error.reason}`);
      throw error;
    }
    if (!Number.isFinite(value)) fail(`${given} gives ${value} at step ${step}, where Python raises or the optimizer would get a non-finite lr`);
    return value;
  };
}
