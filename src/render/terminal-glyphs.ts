/**
 * How each series looks in the terminal when colour cannot tell them apart (piped, `-o x.txt`, NO_COLOR,
 * a CI log): every planned curve gets its own line style, every logged run its own dot, and the legend
 * shows the same glyphs. With colour they are drawn the same way, coloured too.
 */
export interface LineGlyphs {
  /** A flat stretch. */
  readonly flat: string;
  /** The rows a jump passes through. */
  readonly rise: string;
  /** Coming in from the left, turning down (╮) / turning up (╯). */
  readonly turnDown: string;
  readonly turnUp: string;
  /** Arriving from above (╰) / from below (╭), going on to the right. */
  readonly landFromAbove: string;
  readonly landFromBelow: string;
  /** Two characters for the legend. */
  readonly swatch: string;
}

const line = (chars: string): LineGlyphs => {
  // flat, rise, turnDown, turnUp, landFromAbove, landFromBelow
  const [flat, rise, turnDown, turnUp, landFromAbove, landFromBelow] = [...chars];
  return { flat, rise, turnDown, turnUp, landFromAbove, landFromBelow, swatch: flat + flat };
};

/** The ANSI colour that ends a coloured run of cells. */
export const RESET = '\x1b[0m';

/** A line drawn as the same mark in every cell it passes: for series past the line styles. */
const marker = (mark: string): LineGlyphs => ({ flat: mark, rise: mark, turnDown: mark, turnUp: mark, landFromAbove: mark, landFromBelow: mark, swatch: `${mark} ${mark}` });

/**
 * Light rounded (the one series everyone sees first), heavy, double, light dashed with square corners,
 * heavy dashed; then ASCII markers, which any font has. Twelve styles before one repeats.
 */
export const LINE_STYLES: readonly LineGlyphs[] = [
  line('─│╮╯╰╭'),
  line('━┃┓┛┗┏'),
  line('═║╗╝╚╔'),
  line('┄┆┐┘└┌'),
  line('┅┇┓┛┗┏'),
  marker('x'),
  marker('+'),
  marker('o'),
  marker('*'),
  marker('#'),
  marker('%'),
  marker('@'),
];

/** Logged runs are dots, as the legend says; a second run gets a different dot. */
export const LOG_DOTS: readonly string[] = ['·', '•', '∘', ':'];

export function lineStyle(index: number): LineGlyphs {
  return LINE_STYLES[index % LINE_STYLES.length];
}

export function logDot(index: number): string {
  return LOG_DOTS[index % LOG_DOTS.length];
}
