import { parseNumber } from '../text/decimal.js';

/**
 * One CSV row as the log readers see it: cells read by position, as numbers where they hold one. A row
 * read from bytes answers without making a string of each cell (see csv-bytes.ts); a row of strings
 * (the header, a quoted row, a text already in memory) answers the same way.
 */
export interface CsvRow {
  readonly length: number;
  /** The cell, trimmed, as parseNumber reads it; undefined when blank, not a number, or past the row's end. */
  number(k: number): number | undefined;
  /** Whether the cell is empty once trimmed (a cell past the row's end is). */
  blank(k: number): boolean;
  /** The cell as text, untrimmed ('' past the row's end). */
  text(k: number): string;
}

/** A row of strings, as CsvRows yields them. */
export class StringRow implements CsvRow {
  constructor(private readonly cells: readonly string[]) {}

  get length(): number {
    return this.cells.length;
  }

  number(k: number): number | undefined {
    return parseNumber((this.cells[k] ?? '').trim());
  }

  blank(k: number): boolean {
    return (this.cells[k] ?? '').trim() === '';
  }

  text(k: number): string {
    return this.cells[k] ?? '';
  }
}
