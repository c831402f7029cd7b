/**
 * The meaning of a formula: a parsed tree (./parse.ts) turned into a plain function of a few numbers, by
 * a whitelist. Only numbers, the named variables, Python's arithmetic, comparisons, `and`/`or`/`not`,
 * conditionals and the math functions below exist; there is no property access, no call of anything not
 * listed, no string, no assignment: a formula can compute a number and nothing else. Nothing is ever
 * handed to eval or Function.
 *
 * Arithmetic follows Python where it differs from JavaScript, since the formulas are copied from Python:
 * `-x ** 2` is `-(x ** 2)`, `//` and `%` floor (CPython's float rules), `a < b < c` chains, `and`/`or`
 * give an operand, every number but 0 is true (NaN too), and dividing by zero is an error, not Infinity.
 */
import { pythonFloorDiv, pythonMod, pythonRound } from '../dialects/python-math.js';
import { FormulaError, parseFormula, type Node } from './parse.js';

/** A compiled formula: its value for the variables, in the order they were named. */
export type Formula = (values: readonly number[]) => number;

type Evaluate = (values: readonly number[]) => number;

function divisor(b: number, op: string): number {
  if (b === 0) throw new FormulaError(`it divides by zero (${op} 0), where Python raises ZeroDivisionError`);
  return b;
}

const BINARY: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / divisor(b, '/'),
  '//': (a, b) => pythonFloorDiv(a, divisor(b, '//')),
  '%': (a, b) => pythonMod(a, divisor(b, '%')),
  '**': (a, b) => {
    if (a === 0 && b < 0) throw new FormulaError('it raises 0 to a negative power, where Python raises ZeroDivisionError');
    return a ** b;
  },
};

const COMPARISON: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Functions of Python's math module and builtins a schedule formula uses, by arity (-1: two or more). */
const FUNCTIONS: Record<string, { arity: number | readonly number[]; apply: (...args: number[]) => number }> = {
  cos: { arity: 1, apply: Math.cos },
  sin: { arity: 1, apply: Math.sin },
  tan: { arity: 1, apply: Math.tan },
  acos: { arity: 1, apply: Math.acos },
  asin: { arity: 1, apply: Math.asin },
  atan: { arity: 1, apply: Math.atan },
  tanh: { arity: 1, apply: Math.tanh },
  exp: { arity: 1, apply: Math.exp },
  expm1: { arity: 1, apply: Math.expm1 },
  log: { arity: [1, 2], apply: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  log2: { arity: 1, apply: Math.log2 },
  log10: { arity: 1, apply: Math.log10 },
  log1p: { arity: 1, apply: Math.log1p },
  sqrt: { arity: 1, apply: Math.sqrt },
  pow: { arity: 2, apply: Math.pow },
  abs: { arity: 1, apply: Math.abs },
  fabs: { arity: 1, apply: Math.abs },
  floor: { arity: 1, apply: Math.floor },
  ceil: { arity: 1, apply: Math.ceil },
  trunc: { arity: 1, apply: Math.trunc },
  int: { arity: 1, apply: Math.trunc },
  float: { arity: 1, apply: (x) => x },
  round: { arity: 1, apply: pythonRound },
  min: { arity: -1, apply: (...xs) => xs.reduce((m, x) => (x < m ? x : m)) },
  max: { arity: -1, apply: (...xs) => xs.reduce((m, x) => (x > m ? x : m)) },
};

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI, inf: Infinity };

/** The names a formula may use besides its variables, for `lrviz list` and error messages. */
export const FORMULA_FUNCTIONS = Object.keys(FUNCTIONS);
export const FORMULA_CONSTANTS = Object.keys(CONSTANTS);

const truthy = (x: number): boolean => x !== 0;

/** `math.cos` and `cos` are one name; nothing else may stand before a dot. */
function calleeName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'MemberExpression' && !node.computed && (node.object as Node).type === 'Identifier' && (node.object as Node).name === 'math') {
    const property = node.property as Node;
    return property.type === 'Identifier' ? (property.name as string) : undefined;
  }
  return undefined;
}

/** The operands and operators of a run of one family of operators (if/else, comparisons) in source order. */
function flatten(node: Node, family: (op: string) => boolean, out: Array<Node | string> = []): Array<Node | string> {
  if (node.type === 'BinaryExpression' && family(node.operator as string)) {
    flatten(node.left as Node, family, out);
    out.push(node.operator as string);
    flatten(node.right as Node, family, out);
  } else out.push(node);
  return out;
}

const isConditional = (op: string): boolean => op === 'if' || op === 'else';
const isComparison = (op: string): boolean => op in COMPARISON;

class Compiler {
  constructor(private readonly variables: readonly string[]) {}

  compile(node: Node): Evaluate {
    switch (node.type) {
      case 'Parenthesized':
        return this.compile(node.expression as Node);
      case 'Literal': {
        const value = node.value;
        if (typeof value === 'boolean') return value ? () => 1 : () => 0;
        if (typeof value !== 'number') throw new FormulaError(`${String(node.raw)} is not a number (a formula computes numbers only)`);
        return () => value;
      }
      case 'Identifier':
      case 'MemberExpression':
        return this.name(node);
      case 'UnaryExpression':
        return this.unary(node);
      case 'BinaryExpression':
        return this.binary(node);
      case 'ConditionalExpression': {
        const test = this.compile(node.test as Node);
        const consequent = this.compile(node.consequent as Node);
        const alternate = this.compile(node.alternate as Node);
        return (v) => (truthy(test(v)) ? consequent(v) : alternate(v));
      }
      case 'CallExpression':
        return this.call(node);
      case 'Compound':
        throw new FormulaError('it has two expressions side by side (a missing operator?)');
      default:
        throw new FormulaError(`it uses ${node.type.replace(/Expression$/, '').toLowerCase() || 'something'} syntax, which a formula does not have`);
    }
  }

  private name(node: Node): Evaluate {
    const name = calleeName(node);
    if (name === undefined) throw new FormulaError('it reads a property; only math.NAME is allowed');
    const index = this.variables.indexOf(name);
    if (index >= 0 && node.type === 'Identifier') return (v) => v[index];
    if (Object.hasOwn(CONSTANTS, name)) {
      const value = CONSTANTS[name];
      return () => value;
    }
    if (Object.hasOwn(FUNCTIONS, name)) throw new FormulaError(`${name} is a function: call it, as ${name}(...)`);
    throw new FormulaError(`${name} is not known; a formula may use ${this.variables.join(', ')}, ${FORMULA_CONSTANTS.join(', ')} and math functions`);
  }

  private unary(node: Node): Evaluate {
    const argument = this.compile(node.argument as Node);
    switch (node.operator) {
      case '-':
        return (v) => -argument(v);
      case '+':
        return argument;
      case 'not':
      case '!':
        return (v) => (truthy(argument(v)) ? 0 : 1);
      default:
        throw new FormulaError(`the operator ${String(node.operator)} is not in the language`);
    }
  }

  private binary(node: Node): Evaluate {
    const op = node.operator as string;
    if (isConditional(op)) return this.conditional(node);
    const left = node.left as Node;
    const right = node.right as Node;
    // jsep binds a prefix operator tighter than any binary one; Python binds `-x ** y` as -(x ** y).
    if (op === '**' && left.type === 'UnaryExpression' && left.operator !== 'not') {
      return this.unary({ ...left, argument: { type: 'BinaryExpression', operator: '**', left: left.argument, right } as Node });
    }
    for (const operand of [left, right]) {
      if (operand.type === 'UnaryExpression' && (operand.operator === 'not' || operand.operator === '!') && op !== 'and' && op !== 'or' && op !== '&&' && op !== '||') {
        throw new FormulaError(`"not" applies to everything after it in Python: write not (...) to say how far`);
      }
    }
    if (isComparison(op)) return this.comparison(node);
    if (op === 'and' || op === '&&') {
      const a = this.compile(left);
      const b = this.compile(right);
      return (v) => {
        const x = a(v);
        return truthy(x) ? b(v) : x;
      };
    }
    if (op === 'or' || op === '||') {
      const a = this.compile(left);
      const b = this.compile(right);
      return (v) => {
        const x = a(v);
        return truthy(x) ? x : b(v);
      };
    }
    if (op === '^') throw new FormulaError('^ is not a power in Python (it is XOR): write ** for a power');
    const apply = BINARY[op];
    if (apply === undefined) throw new FormulaError(`the operator ${op} is not in the language`);
    const a = this.compile(left);
    const b = this.compile(right);
    return (v) => apply(a(v), b(v));
  }

  /** `a < b <= c` means `a < b and b <= c`, each operand computed once (Python's chained comparison). */
  private comparison(node: Node): Evaluate {
    const parts = flatten(node, isComparison);
    const operands = parts.filter((_, k) => k % 2 === 0).map((part) => this.compile(part as Node));
    const tests = parts.filter((_, k) => k % 2 === 1).map((op) => COMPARISON[op as string]);
    return (v) => {
      let previous = operands[0](v);
      for (let k = 0; k < tests.length; k++) {
        const next = operands[k + 1](v);
        if (!tests[k](previous, next)) return 0;
        previous = next;
      }
      return 1;
    };
  }

  /**
   * `a if c else b`, nested to the right as Python reads it: jsep sees `if` and `else` as two binary
   * operators and may group them either way, so the run is read again in source order.
   */
  private conditional(node: Node): Evaluate {
    const parts = flatten(node, isConditional);
    const build = (from: number): Evaluate => {
      if (from === parts.length - 1) return this.compile(parts[from] as Node);
      if (parts[from + 1] !== 'if' || parts[from + 3] !== 'else' || from + 4 >= parts.length) {
        throw new FormulaError('a conditional reads "A if CONDITION else B"');
      }
      const consequent = this.compile(parts[from] as Node);
      const test = this.compile(parts[from + 2] as Node);
      const alternate = build(from + 4);
      return (v) => (truthy(test(v)) ? consequent(v) : alternate(v));
    };
    return build(0);
  }

  private call(node: Node): Evaluate {
    const name = calleeName(node.callee as Node);
    if (name === undefined || !Object.hasOwn(FUNCTIONS, name)) {
      throw new FormulaError(`${name ?? 'that'} is not a function a formula may call; it may call ${FORMULA_FUNCTIONS.join(', ')}`);
    }
    const { arity, apply } = FUNCTIONS[name];
    const args = (node.arguments as Node[]).map((argument) => this.compile(argument));
    const allowed = arity === -1 ? args.length >= 2 : typeof arity === 'number' ? args.length === arity : arity.includes(args.length);
    if (!allowed) {
      const wanted = arity === -1 ? 'two or more' : typeof arity === 'number' ? String(arity) : arity.join(' or ');
      throw new FormulaError(`${name} takes ${wanted} argument${wanted === '1' ? '' : 's'}, not ${args.length}`);
    }
    if (args.length === 1) {
      const [x] = args;
      return (v) => apply(x(v));
    }
    return (v) => apply(...args.map((argument) => argument(v)));
  }
}

/**
 * Compiles `text` into a function of `variables` (in that order). The first variable is the step: a
 * formula written `lambda epoch: ...` calls it `epoch` instead. Throws FormulaError with a one-line reason.
 */
export function compileFormula(text: string, variables: readonly string[]): Formula {
  const { tree, stepName } = parseFormula(text);
  const names = stepName === undefined ? variables : [stepName, ...variables.slice(1)];
  const evaluate = new Compiler(names).compile(tree);
  return (values) => {
    const value = evaluate(values);
    if (typeof value !== 'number') throw new FormulaError('it does not compute a number');
    return value;
  };
}
