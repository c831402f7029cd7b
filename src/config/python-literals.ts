/**
 * The literal subset of Python that OpenMMLab configs are written in, read without running anything:
 * top-level assignments of `dict(...)`, `{...}`, lists, tuples, numbers, strings, True/False/None, names
 * bound earlier in the file, `+ - * / // % **` and parentheses. Whatever else a file holds (imports, calls,
 * lambdas, comprehensions, `if` blocks) is never evaluated: the value it would produce is an `Unreadable`
 * that remembers its line, so a reader fails only when it needs that very value, and says which line.
 */
import { pythonFloorDiv } from '../dialects/python-math.js';

/** A value lrviz declined to compute, and where it stands in the file. */
export class Unreadable {
  constructor(
    readonly line: number,
    readonly reason: string,
    /** The file it stands in, once a reader of several files (`_base_`) has said. */
    readonly file?: string,
  ) {}

  /** `schedule.py line 12: a call to lambda is not a literal ...` */
  where(): string {
    return `${this.file === undefined ? '' : `${this.file} `}line ${this.line}`;
  }
}

/** The same value with every Unreadable in it marked with the file it came from. */
export function inFile(value: PyValue, file: string): PyValue {
  if (value instanceof Unreadable) return value.file === undefined ? new Unreadable(value.line, value.reason, file) : value;
  if (Array.isArray(value)) return value.map((v) => inFile(v, file));
  if (value !== null && typeof value === 'object') {
    const out: PyDict = Object.create(null) as PyDict;
    for (const [k, v] of Object.entries(value)) out[k] = inFile(v, file);
    return out;
  }
  return value;
}

export type PyValue = number | string | boolean | null | PyValue[] | PyDict | Unreadable;
export interface PyDict {
  [key: string]: PyValue;
}

export interface Binding {
  readonly value: PyValue;
  /** 1-based line of the assignment. */
  readonly line: number;
}

export interface ReadOptions {
  /** Values named by `{{_base_.a.b}}`, which mmengine substitutes from the base files before running. */
  baseReference?: (path: readonly string[], line: number) => PyValue;
  /** Names bound before the file's first line (the `_base_` files' variables are not: mmengine keeps them apart). */
  predefined?: ReadonlyMap<string, Binding>;
}

interface Token {
  kind: 'name' | 'number' | 'string' | 'op';
  text: string;
  value?: number | string;
  line: number;
}

interface LogicalLine {
  tokens: Token[];
  indented: boolean;
  line: number;
}

const KEYWORDS = new Set(['import', 'from', 'if', 'elif', 'else', 'for', 'while', 'def', 'class', 'with', 'try', 'except', 'finally', 'assert', 'del', 'pass', 'return', 'raise', 'global', 'nonlocal', 'async', 'lambda', 'yield', 'await', 'print']);
const OPERATORS = ['**=', '//=', '>>=', '<<=', '**', '//', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '->', ':=', '<<', '>>', '{', '}', '(', ')', '[', ']', ',', ':', '=', '+', '-', '*', '/', '%', '.', '<', '>', '@', '&', '|', '^', '~', ';'];
const MAX_DEPTH = 200;

/** Splits a file into logical lines of tokens (brackets and backslashes join physical lines). */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let tokens: Token[] = [];
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let indented = false;
  let startLine = 1;
  const flush = (): void => {
    if (tokens.length > 0) lines.push({ tokens, indented, line: startLine });
    tokens = [];
    lineStart = true;
  };
  const push = (token: Token): void => {
    if (lineStart) {
      startLine = token.line;
      lineStart = false;
    }
    tokens.push(token);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) flush();
      if (lineStart) indented = text[i] === ' ' || text[i] === '\t';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      line++;
      continue;
    }
    const stringStart = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (stringStart) {
      const [whole, prefix, quote] = stringStart;
      const begin = line;
      i += whole.length;
      let value = '';
      let closed = false;
      while (i < text.length) {
        if (text.startsWith(quote, i)) {
          i += quote.length;
          closed = true;
          break;
        }
        const ch = text[i];
        if (ch === '\n') {
          if (quote.length === 1) break;
          line++;
        }
        if (ch === '\\' && !/[rR]/.test(prefix) && i + 1 < text.length) {
          const next = text[i + 1];
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next === '\n' ? '' : next;
          if (next === '\n') line++;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      // An f-string holds code; a string left open ends the readable part of the file.
      push({ kind: 'string', text: /[fF]/.test(prefix) || !closed ? 'f-string' : 'string', value, line: begin });
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJ]?/.exec(text.slice(i, i + 400));
    if (number && /[\d.]/.test(c) && number[0] !== '.') {
      const raw = number[0].replace(/_/g, '');
      const value = /^0[xob]/i.test(raw) ? Number(raw) : /[jJ]$/.test(raw) ? NaN : Number(raw);
      push({ kind: 'number', text: number[0], value, line });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/.exec(text.slice(i, i + 400));
    if (name) {
      push({ kind: 'name', text: name[0], line });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? c;
    if (op === '(' || op === '[' || op === '{') depth++;
    if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    push({ kind: 'op', text: op, line });
    i += op.length;
  }
  flush();
  return lines;
}

class Unsupported extends Error {}
/** Nesting past MAX_DEPTH: the whole statement is given up at once rather than level by level. */
class TooDeep extends Error {}

/** Evaluates one expression's tokens; sub-expressions it will not compute become Unreadable values. */
class Evaluator {
  private pos = 0;
  private depth = 0;
  /** Set when the element just skipped was a comprehension: its container has no knowable length. */
  private skippedComprehension = false;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Map<string, Binding>,
    private readonly options: ReadOptions,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind === 'op' && t.text === text;
  }
  private expect(text: string): void {
    if (!this.isOp(text)) throw new Unsupported(`expected "${text}"`);
    this.pos++;
  }
  private line(): number {
    return (this.peek() ?? this.tokens[this.tokens.length - 1])?.line ?? 0;
  }

  /** The whole token list as one value. */
  all(): PyValue {
    let value: PyValue;
    try {
      value = this.item([]);
    } catch (error) {
      if (error instanceof TooDeep) return new Unreadable(this.tokens[0].line, `brackets nested more than ${MAX_DEPTH} deep`);
      throw error;
    }
    if (this.pos < this.tokens.length) return new Unreadable(this.tokens[0].line, `"${this.peek()!.text}" after the value`);
    return value;
  }

  /**
   * One element (an argument, a list item, a dict value): read, or skipped to the next delimiter at this
   * depth and kept as Unreadable, so that its neighbours still read.
   */
  item(stops: readonly string[]): PyValue {
    const start = this.pos;
    const line = this.line();
    try {
      const value = this.expression();
      const next = this.peek();
      if (next === undefined || (next.kind === 'op' && [',', ')', ']', '}', ...stops].includes(next.text))) return value;
      throw new Unsupported(`"${next.text}"`);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      this.pos = start;
      const skipped = this.skip(stops);
      return new Unreadable(line, `${skipped} is not a literal lrviz reads (configs are read, never run)`);
    }
  }

  private skip(stops: readonly string[]): string {
    let depth = 0;
    const parts: string[] = [];
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (t.kind === 'op') {
        if (depth === 0 && [',', ')', ']', '}', ...stops].includes(t.text)) break;
        if ('([{'.includes(t.text)) depth++;
        if (')]}'.includes(t.text)) depth--;
      }
      if (depth === 0 && t.kind === 'name' && t.text === 'for') this.skippedComprehension = true;
      if (parts.length < 8) parts.push(t.kind === 'string' ? JSON.stringify(t.value) : t.text);
      this.pos++;
    }
    // Spaced as code is written: between words, after commas and colons, nowhere else.
    let text = '';
    for (const part of parts) {
      if (text !== '' && ((/[\w"']$/.test(text) && /^[\w"']/.test(part)) || /[,:]$/.test(text))) text += ' ';
      text += part;
    }
    return `"${text.length > 50 ? `${text.slice(0, 47)}...` : text}${parts.length >= 8 ? ' ...' : ''}"`;
  }

  private expression(): PyValue {
    if (++this.depth > MAX_DEPTH) throw new TooDeep();
    try {
      return this.binary(0);
    } finally {
      this.depth--;
    }
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [['+', '-'], ['*', '/', '//', '%']];

  private binary(level: number): PyValue {
    if (level === Evaluator.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek()?.kind === 'op' && Evaluator.LEVELS[level].includes(this.peek()!.text)) {
      const op = this.tokens[this.pos++].text;
      const line = this.line();
      left = arithmetic(op, left, this.binary(level + 1), line);
    }
    return left;
  }

  private unary(): PyValue {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.tokens[this.pos++].text;
      const line = this.line();
      const value = this.unary();
      if (value instanceof Unreadable) return value;
      if (typeof value !== 'number') return new Unreadable(line, `${op} of a ${kindOf(value)}`);
      return op === '-' ? -value : value;
    }
    return this.power();
  }

  private power(): PyValue {
    const base = this.primary();
    if (!this.isOp('**')) return base;
    this.pos++;
    const line = this.line();
    // ** binds tighter than unary minus on its left and looser on its right: 2 ** -1.
    return arithmetic('**', base, this.unary(), line);
  }

  private primary(): PyValue {
    const t = this.peek();
    if (t === undefined) throw new Unsupported('a missing value');
    if (t.kind === 'number') {
      this.pos++;
      if (Number.isNaN(t.value)) throw new Unsupported(t.text);
      return t.value as number;
    }
    if (t.kind === 'string') {
      if (t.text === 'f-string') throw new Unsupported('an f-string');
      let value = '';
      // Adjacent strings concatenate.
      while (this.peek()?.kind === 'string') {
        const s = this.tokens[this.pos++];
        if (s.text === 'f-string') throw new Unsupported('an f-string');
        value += s.value as string;
      }
      return value;
    }
    if (t.kind === 'name') return this.named(t);
    if (this.isOp('(')) return this.parenthesized();
    if (this.isOp('[')) {
      this.pos++;
      return this.sequence(']');
    }
    if (this.isOp('{')) {
      if (this.isOp('{', 1)) return this.baseReference();
      this.pos++;
      return this.dictLiteral();
    }
    throw new Unsupported(t.text);
  }

  private named(t: Token): PyValue {
    this.pos++;
    if (t.text === 'True') return true;
    if (t.text === 'False') return false;
    if (t.text === 'None') return null;
    if (KEYWORDS.has(t.text)) throw new Unsupported(t.text);
    if (this.isOp('(')) {
      if (t.text !== 'dict') throw new Unsupported(`a call to ${t.text}`);
      this.pos++;
      return this.dictCall();
    }
    if (this.isOp('.') || this.isOp('[')) throw new Unsupported(`${t.text}${this.peek()!.text}`);
    const bound = this.scope.get(t.text);
    if (bound === undefined) return new Unreadable(t.line, `the name ${t.text} is not bound earlier in the file`);
    return bound.value;
  }

  private parenthesized(): PyValue {
    this.pos++;
    if (this.isOp(')')) {
      this.pos++;
      return [];
    }
    const first = this.item([]);
    if (this.isOp(')')) {
      this.pos++;
      return first;
    }
    this.expect(',');
    // A tuple: read as a list.
    const rest = this.sequence(')');
    return rest instanceof Unreadable ? rest : [first, ...(rest as PyValue[])];
  }

  private sequence(close: string): PyValue {
    const values: PyValue[] = [];
    while (!this.isOp(close)) {
      if (this.peek() === undefined) throw new Unsupported(`an unclosed "${close}"`);
      this.skippedComprehension = false;
      values.push(this.item([]));
      if (this.skippedComprehension) throw new Unsupported('a comprehension');
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp(close)) throw new Unsupported(this.peek()?.text ?? 'the end');
    }
    this.pos++;
    return values;
  }

  private dictCall(): PyValue {
    const dict: PyDict = Object.create(null) as PyDict;
    while (!this.isOp(')')) {
      const key = this.peek();
      if (key?.kind !== 'name' || !this.isOp('=', 1)) throw new Unsupported('dict(...) with an argument that is not key=value');
      this.pos += 2;
      dict[key.text] = this.item([]);
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp(')')) throw new Unsupported(this.peek()?.text ?? 'the end');
    }
    this.pos++;
    return dict;
  }

  private dictLiteral(): PyValue {
    const dict: PyDict = Object.create(null) as PyDict;
    while (!this.isOp('}')) {
      const line = this.line();
      const key = this.item([':']);
      this.expect(':');
      const value = this.item([]);
      if (typeof key === 'string' || typeof key === 'number') dict[String(key)] = value;
      else return new Unreadable(line, 'a dict key that is not a string or number');
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp('}')) throw new Unsupported(this.peek()?.text ?? 'the end');
    }
    this.pos++;
    return dict;
  }

  /** `{{_base_.a.b}}`: mmengine's textual reference to a base file's variable. */
  private baseReference(): PyValue {
    const line = this.line();
    this.pos += 2;
    const path: string[] = [];
    while (this.peek()?.kind === 'name') {
      path.push(this.tokens[this.pos++].text);
      if (this.isOp('.')) this.pos++;
      else break;
    }
    this.expect('}');
    this.expect('}');
    if (path[0] !== '_base_' || path.length < 2 || this.options.baseReference === undefined) throw new Unsupported(`{{${path.join('.')}}}`);
    return this.options.baseReference(path.slice(1), line);
  }
}

function kindOf(value: PyValue): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'dict' : typeof value;
}

/** Python's arithmetic on the values configs use: numbers, and + on strings and lists. */
function arithmetic(op: string, left: PyValue, right: PyValue, line: number): PyValue {
  if (left instanceof Unreadable) return left;
  if (right instanceof Unreadable) return right;
  const a = typeof left === 'boolean' ? Number(left) : left;
  const b = typeof right === 'boolean' ? Number(right) : right;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? new Unreadable(line, 'a division by zero') : a / b;
      case '//':
        return b === 0 ? new Unreadable(line, 'a division by zero') : pythonFloorDiv(a, b);
      case '%':
        return b === 0 ? new Unreadable(line, 'a division by zero') : a - b * pythonFloorDiv(a, b);
      case '**':
        return a ** b;
    }
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (op === '*' && (typeof a === 'string' || Array.isArray(a)) && typeof b === 'number' && b <= 1000) {
    return typeof a === 'string' ? a.repeat(Math.max(0, b)) : Array.from({ length: Math.max(0, Math.floor(b)) }, () => a).flat();
  }
  return new Unreadable(line, `${kindOf(left)} ${op} ${kindOf(right)}`);
}

/**
 * The names a config binds at its top level, each with its value (Unreadable where lrviz will not compute
 * it) and line. Later assignments win, as in Python.
 */
export function readPythonLiterals(text: string, options: ReadOptions = {}): Map<string, Binding> {
  const scope = new Map<string, Binding>(options.predefined ?? []);
  let blockLine = 0;
  for (const { tokens, indented, line } of logicalLines(text)) {
    const first = tokens[0];
    if (indented) {
      // Inside a block lrviz skipped: a name bound here may or may not be bound when the file runs.
      if (blockLine > 0 && first.kind === 'name' && tokens[1]?.kind === 'op' && tokens[1].text === '=') {
        scope.set(first.text, { value: new Unreadable(line, `${first.text} is assigned inside the block at line ${blockLine}, which lrviz does not run`), line });
      }
      continue;
    }
    blockLine = 0;
    if (first.kind === 'name' && KEYWORDS.has(first.text)) {
      blockLine = line;
      // `from x import a` and `import a as b` bind names lrviz cannot know.
      if (first.text === 'import' || first.text === 'from') {
        for (const [k, t] of tokens.entries()) {
          if (t.kind === 'name' && k > 0 && (tokens[k - 1].text === 'import' || tokens[k - 1].text === 'as' || tokens[k - 1].text === ',')) {
            if (tokens[k + 1]?.text !== 'as') scope.set(t.text, { value: new Unreadable(line, `${t.text} comes from an import, which lrviz does not run`), line });
          }
        }
      }
      continue;
    }
    const targets: string[] = [];
    let k = 0;
    while (tokens[k]?.kind === 'name' && tokens[k + 1]?.kind === 'op' && tokens[k + 1].text === '=') {
      targets.push(tokens[k].text);
      k += 2;
    }
    const augmented = targets.length === 0 && first.kind === 'name' && tokens[1]?.kind === 'op' && /^(\+|-|\*|\/|\/\/|%|\*\*)=$/.test(tokens[1].text);
    if (targets.length > 0 || augmented) {
      const value = new Evaluator(tokens.slice(augmented ? 2 : k), scope, options).all();
      if (augmented) {
        const before = scope.get(first.text)?.value ?? new Unreadable(line, `${first.text} is not bound before line ${line}`);
        scope.set(first.text, { value: arithmetic(tokens[1].text.slice(0, -1), before, value, line), line });
      } else for (const target of targets) scope.set(target, { value, line });
      continue;
    }
    // Anything else (x.y = 1, x['a'] = 1, x.update(...), a, b = 1, 2) may change the names it starts with.
    if (first.kind === 'name' && scope.has(first.text)) {
      scope.set(first.text, { value: new Unreadable(line, `${first.text} is changed at line ${line} by a statement lrviz does not run`), line });
    }
    for (const [j, t] of tokens.entries()) {
      if (t.kind === 'op' && t.text === '=' && j > 0) {
        for (const [n, target] of tokens.slice(0, j).entries()) {
          if (target.kind === 'name' && tokens[n - 1]?.text !== '.') scope.set(target.text, { value: new Unreadable(line, `${target.text} is bound at line ${line} by an assignment lrviz does not read`), line });
        }
        break;
      }
    }
  }
  return scope;
}
