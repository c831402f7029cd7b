import { RESET, type LineGlyphs } from './terminal-glyphs.js';

/**
 * A grid of character cells, row 0 at the top, that the terminal chart draws its series on. Each cell
 * keeps the last glyph drawn there and that glyph's colour (an ANSI sequence, or none).
 */
export class TerminalCanvas {
  private readonly glyphs: string[][];
  private readonly colors: (string | undefined)[][];

  constructor(
    readonly rows: number,
    readonly columns: number,
  ) {
    this.glyphs = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
    this.colors = Array.from({ length: rows }, () => Array<string | undefined>(columns).fill(undefined));
  }

  private set(row: number, column: number, glyph: string, color: string | undefined): void {
    const r = Math.min(this.rows - 1, Math.max(0, row));
    this.glyphs[r][column] = glyph;
    this.colors[r][column] = color;
  }

  /**
   * A line through one row a column: a flat cell where it stays, and where it moves the two turns and
   * the rows between, all in this column (as asciichart joins them), so a one-column spike shows at full height.
   */
  drawLine(rowOfColumn: readonly number[], style: LineGlyphs, color?: string): void {
    const count = Math.min(rowOfColumn.length, this.columns);
    for (let x = 0; x < count; x++) {
      const to = rowOfColumn[x];
      const from = x === 0 ? to : rowOfColumn[x - 1];
      if (from === to) {
        this.set(to, x, style.flat, color);
        continue;
      }
      const up = to < from;
      this.set(from, x, up ? style.turnUp : style.turnDown, color);
      this.set(to, x, up ? style.landFromBelow : style.landFromAbove, color);
      for (let r = Math.min(from, to) + 1; r < Math.max(from, to); r++) this.set(r, x, style.rise, color);
    }
  }

  drawPoint(row: number, column: number, glyph: string, color?: string): void {
    if (column >= 0 && column < this.columns) this.set(row, column, glyph, color);
  }

  /** One line of text a row, colour sequences only where a cell has a colour (merged over runs). */
  lines(): string[] {
    return this.glyphs.map((cells, r) => {
      let out = '';
      let open: string | undefined;
      cells.forEach((glyph, c) => {
        const color = glyph === ' ' ? undefined : this.colors[r][c];
        if (color !== open) {
          if (open !== undefined) out += RESET;
          if (color !== undefined) out += color;
          open = color;
        }
        out += glyph;
      });
      return open === undefined ? out : out + RESET;
    });
  }
}
