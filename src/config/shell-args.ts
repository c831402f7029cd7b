/**
 * Command-line flags as a launch script lists them, read without running anything: in the command itself,
 * in bash arrays (`ARGS=( --lr 1e-4 ... )`), in strings (`ARGS=" --lr 1e-4 ..."`), across `\` line
 * continuations. `$VAR`, `${VAR}`, `${VAR:-default}` and `$((A * B))` are expanded from plain
 * `VAR=value` assignments in the same file; the last occurrence of a repeated flag wins, as argparse does.
 * Anything a script would compute at run time (command substitution, sourced files, positional `$1`)
 * stays unknown and is reported as such.
 */

export interface ShellFlags {
  /** Flag (`--lr`) to its value as written after expansion ('' for a switch with no value). */
  readonly flags: ReadonlyMap<string, string>;
  /** Variables assigned in the file, as expanded. */
  readonly variables: ReadonlyMap<string, string>;
}

/** Reads every `--flag value` / `--flag=value` in a script or an argument list. */
export function readShellFlags(text: string): ShellFlags {
  const variables = new Map<string, string>();
  const flags = new Map<string, string>();
  const words = shellWords(joinContinuations(text), variables);
  for (let i = 0; i < words.length; i++) {
    // A quoted string holding several flags is split again, as the unquoted `$ARGS` that uses it would be.
    const parts = words[i].split(/\s+/).filter((w) => w !== '');
    for (let j = 0; j < parts.length; j++) {
      const word = parts[j];
      if (!/^--[A-Za-z][\w-]*(=.*)?$/.test(word)) continue;
      const eq = word.indexOf('=');
      if (eq !== -1) {
        setLast(flags, word.slice(0, eq), word.slice(eq + 1));
        continue;
      }
      const next = j + 1 < parts.length ? parts[j + 1] : i + 1 < words.length && !/\s/.test(words[i + 1].trim()) ? words[i + 1] : undefined;
      const value = next !== undefined && !next.startsWith('--') ? next : '';
      setLast(flags, word, value);
      if (value !== '' && j + 1 < parts.length) j++;
      else if (value !== '' && next === words[i + 1]) i++;
    }
  }
  return { flags, variables };
}

function setLast(flags: Map<string, string>, flag: string, value: string): void {
  flags.delete(flag);
  flags.set(flag, value);
}

function joinContinuations(text: string): string {
  return text.replace(/\\\r?\n/g, ' ');
}

/**
 * Splits the text into words as the shell would (quotes, comments), recording `NAME=value` assignments
 * and expanding variables from those seen so far. Arrays contribute their elements as words.
 */
function shellWords(text: string, variables: Map<string, string>): string[] {
  const words: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const lineWords = lineToWords(line, variables);
    const assignment = /^(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)(\+?)=(.*)$/s.exec(line.trim());
    if (assignment && !assignment[3].trimStart().startsWith('(')) {
      const [, name, append] = assignment;
      const word = lineWords.find((w) => w.startsWith(`${name}=`) || w.startsWith(`${name}+=`)) ?? '';
      const value = word.slice(word.indexOf('=') + 1);
      variables.set(name, append ? (variables.get(name) ?? '') + value : value);
    }
    words.push(...lineWords);
  }
  return words;
}

/** Words of one line; `#` starts a comment outside quotes. */
function lineToWords(line: string, variables: Map<string, string>): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let i = 0;
  const flush = () => {
    if (started) words.push(word);
    word = '';
    started = false;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '#' && !started) break;
    if (/\s/.test(c) || c === '(' || c === ')' || c === ';' || c === '|' || c === '&') {
      flush();
      i++;
      continue;
    }
    started = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let inner = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) {
          inner += line[j + 1];
          j += 2;
        } else if (line[j] === '$') {
          const [value, next] = expansion(line, j, variables);
          inner += value;
          j = next;
        } else inner += line[j++];
      }
      word += inner;
      i = j + 1;
    } else if (c === '$') {
      const [value, next] = expansion(line, i, variables);
      word += value;
      i = next;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[i + 1];
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return words;
}

/** `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME[@]}` or `$((arithmetic))` at `at`: its value and where it ends. */
function expansion(line: string, at: number, variables: Map<string, string>): [string, number] {
  if (line.startsWith('$((', at)) {
    const end = line.indexOf('))', at);
    if (end === -1) return ['', line.length];
    const value = arithmetic(line.slice(at + 3, end), variables);
    return [value === undefined ? '' : String(value), end + 2];
  }
  if (line[at + 1] === '{') {
    const end = line.indexOf('}', at);
    if (end === -1) return ['', line.length];
    const body = line.slice(at + 2, end);
    const m = /^([A-Za-z_]\w*)(?:\[[@*]\])?(?::?-(.*))?$/.exec(body);
    if (!m) return ['', end + 1];
    const value = variables.get(m[1]);
    return [value !== undefined && value !== '' ? value : (m[2] ?? '').replace(/^["']|["']$/g, ''), end + 1];
  }
  const m = /^[A-Za-z_]\w*/.exec(line.slice(at + 1));
  if (!m) return ['$', at + 1];
  return [variables.get(m[0]) ?? '', at + 1 + m[0].length];
}

/** Integer arithmetic of `$(( ))`: + - * / % and parentheses over numbers and variables; undefined otherwise. */
export function arithmetic(expression: string, variables: ReadonlyMap<string, string>): number | undefined {
  const tokens = expression.match(/\$?[A-Za-z_]\w*|\d+|[-+*/%()]|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const primary = (): number | undefined => {
    const token = tokens[position++];
    if (token === undefined) return undefined;
    if (token === '(') {
      const value = sum();
      if (tokens[position++] !== ')') return undefined;
      return value;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    if (/^\d+$/.test(token)) return Number(token);
    if (/^\$?[A-Za-z_]\w*$/.test(token)) {
      const raw = variables.get(token.replace(/^\$/, ''));
      return raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
    }
    return undefined;
  };
  const product = (): number | undefined => {
    let value = primary();
    while (value !== undefined && (peek() === '*' || peek() === '/' || peek() === '%')) {
      const op = tokens[position++];
      const right = primary();
      if (right === undefined || (op !== '*' && right === 0)) return undefined;
      value = op === '*' ? value * right : op === '/' ? Math.trunc(value / right) : value % right;
    }
    return value;
  };
  const sum = (): number | undefined => {
    let value = product();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const op = tokens[position++];
      const right = product();
      if (right === undefined) return undefined;
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };
  const value = sum();
  return position === tokens.length ? value : undefined;
}
