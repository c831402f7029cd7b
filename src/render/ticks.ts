/**
 * Round ticks for the learning-rate axis, shared by the terminal and the pictures: multiples of 1, 2 or
 * 5 times a power of ten on a linear axis, labelled with one exponent for the whole axis, the top
 * tick's, so the top reads as the rate the user typed (0, 0.5e-4, 1e-4, ..., 3e-4; 0, 0.2e-3, ...,
 * 1e-3; trailing zeros dropped), or as plain decimals when the rates are ordinary numbers (0, 0.02, 0.04); whole decades on a
 * log axis, all in one notation.
 */
export interface Ticks {
  /** Tick values, ascending; each the double nearest its decimal, so labels and positions agree. */
  readonly values: number[];
  readonly labels: string[];
  /** How a label is written: 'fixed' with `digits` decimals, 'exponent' as mantissa e `exponent`, or 'decade' (1eN). */
  readonly notation: { kind: 'fixed'; digits: number } | { kind: 'exponent'; exponent: number; digits: number } | { kind: 'decade'; plain: boolean };
}

/** Rates from 1e-2 up to 1e5 read as decimals; anything else in scientific notation. */
function ordinary(magnitude: number): boolean {
  return magnitude === 0 || (magnitude >= 1e-2 && magnitude < 1e5);
}

/** A spacing of 1, 2 or 5 times a power of ten, the nearest to `rough` by ratio: [mantissa, exponent]. */
export function niceSpacing(rough: number): [number, number] {
  if (!(rough > 0) || !Number.isFinite(rough)) return [1, 0];
  const exponent = Math.floor(Math.log10(rough));
  const fraction = rough / 10 ** exponent;
  let best = 1;
  for (const candidate of [2, 5, 10]) if (Math.abs(Math.log(candidate / fraction)) < Math.abs(Math.log(best / fraction))) best = candidate;
  return best === 10 ? [1, exponent + 1] : [best, exponent];
}

/** k * mantissa * 10^exponent as the double nearest that decimal (3 * 0.1 would be 0.30000000000000004). */
function decimal(k: number, mantissa: number, exponent: number): number {
  return Number(`${k * mantissa}e${exponent}`);
}

/**
 * About `count` round ticks covering [low, high]: the first at or below low, the last at or above
 * high, so an axis drawn from the first to the last begins and ends on a label.
 */
export function linearTicks(low: number, high: number, count: number): Ticks {
  // A range narrower than a billionth of its values is drawn as if that wide: ticks finer than that
  // could not be told apart in print, and their count (high - low) / spacing would leave safe integers.
  const span = Math.max(high - low, Math.max(Math.abs(low), Math.abs(high)) * 1e-9);
  const [mantissa, exponent] = niceSpacing(span > 0 ? span / Math.max(1, count) : 1);
  const spacing = mantissa * 10 ** exponent;
  const first = Math.floor(low / spacing + 1e-9);
  const last = Math.max(first + 1, Math.ceil(high / spacing - 1e-9));
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(decimal(k, mantissa, exponent));
  // Near the largest double the round tick above the top does not exist: the top itself ends the axis.
  const capped = values.map((v) => (Number.isFinite(v) ? v : v > 0 ? high : low));
  values.splice(0, values.length, ...capped.filter((v, k) => k === 0 || v !== capped[k - 1]));
  const magnitude = Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
  const top = Math.floor(Math.log10(magnitude) + 1e-9);
  const notation: Ticks['notation'] = ordinary(magnitude)
    ? { kind: 'fixed', digits: Math.max(0, -exponent) }
    : { kind: 'exponent', exponent: top, digits: Math.max(0, top - exponent) };
  return { values, labels: values.map((v) => label(notation, v, v / 10 ** top)), notation };
}

/**
 * Whole decades from the one at or below `low` to the one at or above `high`, every n-th when there
 * are more than `count`. All in one notation: 0.01, 0.1, 1 when every decade is an ordinary number,
 * else 1e-5, 1e-4, ... throughout (never 1e-3 beside 0.01).
 */
export function logTicks(low: number, high: number, count: number): Ticks {
  const bottom = Math.floor(Math.log10(low) + 1e-9);
  const top = Math.max(bottom + 1, Math.ceil(Math.log10(high) - 1e-9));
  const every = Math.max(1, Math.ceil((top - bottom) / Math.max(1, count)));
  const exponents: number[] = [];
  for (let e = top; e >= bottom - every + 1; e -= every) exponents.unshift(e);
  const values = exponents.map((e) => Number(`1e${e}`));
  const plain = values.every((v) => ordinary(v));
  const notation: Ticks['notation'] = { kind: 'decade', plain };
  return { values, labels: values.map((v) => label(notation, v, 0)), notation };
}

/** A tick's label; `mantissa` is value / 10^exponent for the 'exponent' notation (rounded to its digits). */
function label(notation: Ticks['notation'], value: number, mantissa: number): string {
  if (value === 0) return '0';
  switch (notation.kind) {
    case 'fixed':
      return String(+value.toFixed(notation.digits));
    case 'exponent': {
      const fixed = +mantissa.toFixed(notation.digits);
      // Only the top of an axis cut at the largest double is not a round tick: two digits for it.
      return `${Math.abs(fixed - mantissa) > 1e-9 * Math.abs(mantissa) ? +mantissa.toPrecision(2) : fixed}e${notation.exponent}`;
    }
    case 'decade':
      return notation.plain ? String(value) : `1e${Math.round(Math.log10(value))}`;
  }
}

/**
 * The same labels as a vega expression over `datum.value`, for axes whose ticks vega places itself
 * (they are the given values). Only numbers lrviz chose go into it, never user text.
 */
export function labelExpression(notation: Ticks['notation']): string {
  switch (notation.kind) {
    case 'fixed':
      return `datum.value === 0 ? '0' : format(datum.value, '.${notation.digits}~f')`;
    case 'exponent':
      return `datum.value === 0 ? '0' : format(datum.value / 1e${notation.exponent}, '.${notation.digits}~f') + 'e${notation.exponent}'`;
    case 'decade':
      return notation.plain ? "format(datum.value, '~g')" : "'1e' + round(log(datum.value) / LN10)";
  }
}
