// Each character has one place in this pattern (no two quantifiers compete for the same digits), so a
// rejected 100 KB digit run fails in linear time; `\d+\.?\d*` backtracked quadratically.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number as a person writes it (in a spec, a flag, a CSV log): decimal or scientific, finite. Rejects
 * what `Number()` would quietly accept (hex, "", whitespace, "Infinity"). -0 reads as 0 so that no "-0"
 * is ever printed.
 */
export function parseNumber(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? 0 : value;
}

// 10^0 .. 10^22: every one is a double exactly, so one multiplication or division by it rounds once.
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * parseNumber of the bytes buf[start, end) (a CSV cell), without making a string of them: the same
 * grammar, the same trimming, the same double. A cell of at most 15 significant digits and a decimal
 * exponent within ±22 is m × 10^e with m and 10^e both exact, so one rounded operation gives the correctly
 * rounded double, as Number() does (Clinger's fast path); anything else, and any byte outside ASCII,
 * goes through parseNumber itself.
 */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && isAsciiSpace(buf[start])) start++;
  while (end > start && isAsciiSpace(buf[end - 1])) end--;
  // A blank cell (Lightning's metrics.csv leaves the lr empty on most rows) is no number, as parseNumber says.
  if (start === end) return undefined;
  let i = start;
  let negative = false;
  if (i < end && (buf[i] === 43 || buf[i] === 45)) negative = buf[i++] === 45;
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  for (; i < end && buf[i] >= 48 && buf[i] <= 57; i++, digits++) {
    if (mantissa !== 0 || buf[i] !== 48) {
      if (significant < 16) mantissa = mantissa * 10 + (buf[i] - 48);
      else exponent++;
      significant++;
    }
  }
  if (i < end && buf[i] === 46) {
    for (i++; i < end && buf[i] >= 48 && buf[i] <= 57; i++, digits++) {
      if (mantissa !== 0 || buf[i] !== 48) {
        if (significant < 16) {
          mantissa = mantissa * 10 + (buf[i] - 48);
          exponent--;
        }
        significant++;
      } else exponent--;
    }
  }
  if (digits === 0) return slowPath(buf, start, end);
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let sign = 1;
    if (i < end && (buf[i] === 43 || buf[i] === 45)) sign = buf[i++] === 45 ? -1 : 1;
    let written = 0;
    let digitsSeen = 0;
    for (; i < end && buf[i] >= 48 && buf[i] <= 57; i++, digitsSeen++) if (written < 1e6) written = written * 10 + (buf[i] - 48);
    if (digitsSeen === 0) return undefined;
    exponent += sign * written;
  }
  if (i !== end) return slowPath(buf, start, end);
  if (significant > 15 || exponent > 22 || exponent < -22) return slowPath(buf, start, end);
  if (mantissa === 0) return 0;
  const magnitude = exponent >= 0 ? mantissa * EXACT_POWERS[exponent] : mantissa / EXACT_POWERS[-exponent];
  return negative ? -magnitude : magnitude;
}

/** A space, tab, line feed, vertical tab, form feed or carriage return: what trim() takes off in ASCII. */
export function isAsciiSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

const UTF8 = new TextDecoder();

function slowPath(buf: Uint8Array, start: number, end: number): number | undefined {
  return parseNumber(UTF8.decode(buf.subarray(start, end)).trim());
}
