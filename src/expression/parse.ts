/**
 * The syntax of a formula (`0.95 ** step`, `lambda epoch: min(1, epoch / 500)`): Python's arithmetic as
 * people copy it from a LambdaLR, read by jsep, a small, dependency-free expression parser that only
 * builds a tree and never evaluates or compiles anything (evaluation is ./compile.ts, over a whitelist).
 *
 * jsep (11 kB, bundled: the HTML page evaluates formulas too) is given Python's operators on the first formula: `**` (right
 * to left), `//`, `and`, `or`, `not`, `a if c else b`, `True`/`False`. Parentheses are kept as nodes, so
 * that the Python precedences jsep does not have can be restored from the tree (compile.ts).
 */
import jsepModule from 'jsep';

export type Node = jsepModule.Expression & { type: string };

/** A formula that does not parse, or uses something outside the language: `reason` is one line for people. */
export class FormulaError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FormulaError';
  }
}

/** A formula longer than this is refused before parsing: every step evaluates the whole tree. */
export const MAX_FORMULA_LENGTH = 2000;

/** Deeper nesting is refused before parsing: jsep and the compiler recurse once a level. */
export const MAX_FORMULA_DEPTH = 100;

/** The deepest run of brackets or prefix operators, read in one pass. */
function nesting(text: string): number {
  let depth = 0;
  let deepest = 0;
  let prefixes = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === '-' || ch === '+' || ch === '!') prefixes++;
    else if (ch !== ' ') prefixes = 0;
    deepest = Math.max(deepest, depth + prefixes);
  }
  return deepest;
}

/** Python's precedences, lowest first (jsep needs them above 0 and compares them as numbers). */
const BINARY_PRECEDENCE: Record<string, number> = {
  if: 1,
  else: 2,
  or: 3,
  '||': 3,
  and: 4,
  '&&': 4,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  '==': 6,
  '!=': 6,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '//': 10,
  '%': 10,
  // Not Python's power (it is XOR there): parsed only so that compile.ts can say "use **".
  '^': 10,
  '**': 11,
};

const OPEN_PARENTHESIS = 40; // '('

let configured: typeof jsepModule | undefined;

function jsep(): typeof jsepModule {
  if (configured) return configured;
  // Python's operators are given to jsep on the first formula, not at start-up.
  const parser = jsepModule;
  parser.removeAllBinaryOps();
  for (const [op, precedence] of Object.entries(BINARY_PRECEDENCE)) parser.addBinaryOp(op, precedence, op === '**');
  for (const op of ['~']) parser.removeUnaryOp(op);
  parser.addUnaryOp('not');
  parser.addLiteral('True', true);
  parser.addLiteral('False', false);
  parser.removeLiteral('null');
  parser.removeLiteral('this');
  parser.hooks.add('gobble-token', function markParentheses(env) {
    if (this.code === OPEN_PARENTHESIS) env.node = { type: 'Parenthesized', expression: this.gobbleGroup() };
  });
  configured = parser;
  return parser;
}

/** `lambda NAME:` in front of a formula, as copied from Python: NAME is the step. */
const LAMBDA = /^\s*lambda\s+([A-Za-z_]\w*)\s*:/;

export interface ParsedFormula {
  tree: Node;
  /** The name the formula gives the step (`lambda epoch: ...` → `epoch`), if it says. */
  stepName?: string;
}

export function parseFormula(text: string): ParsedFormula {
  if (text.length > MAX_FORMULA_LENGTH) throw new FormulaError(`it is ${text.length} characters long; at most ${MAX_FORMULA_LENGTH} are allowed`);
  const lambda = LAMBDA.exec(text);
  const body = lambda ? text.slice(lambda[0].length) : text;
  if (body.trim() === '') throw new FormulaError('it is empty');
  if (nesting(body) > MAX_FORMULA_DEPTH) throw new FormulaError(`it nests more than ${MAX_FORMULA_DEPTH} levels deep`);
  let tree: Node;
  try {
    tree = jsep()(body) as Node;
  } catch (error) {
    throw new FormulaError((error as Error).message.replace(/ at character (\d+)$/, (_, at: string) => ` at character ${Number(at) + (text.length - body.length)}`));
  }
  return lambda ? { tree, stepName: lambda[1] } : { tree };
}
