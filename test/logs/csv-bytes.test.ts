/**
 * The byte tokenizer the log files stream through: however the bytes are cut, its rows are the rows of
 * the text tokenizer (parseCsv), cell for cell, and its numbers are parseNumber's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvByteRows } from '../../src/logs/csv-bytes.js';
import { parseCsv } from '../../src/logs/csv.js';
import type { CsvRow } from '../../src/logs/csv-row.js';
import { parseNumber } from '../../src/text/decimal.js';

interface SeenRow {
  cells: string[];
  numbers: (number | undefined)[];
  blanks: boolean[];
}

function rowsFromBytes(bytes: Uint8Array, cuts: number[]): SeenRow[] {
  const rows: SeenRow[] = [];
  const onRow = (row: CsvRow) => {
    const cells = Array.from({ length: row.length }, (_, k) => row.text(k));
    rows.push({ cells, numbers: cells.map((_, k) => row.number(k)), blanks: cells.map((_, k) => row.blank(k)) });
  };
  const tokenizer = new CsvByteRows();
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(bytes.subarray(from, cut), onRow);
    from = cut;
  }
  tokenizer.push(bytes.subarray(from), onRow);
  tokenizer.end(onRow);
  return rows;
}

function rowsFromText(text: string): SeenRow[] {
  return parseCsv(text).map((cells) => ({ cells, numbers: cells.map((c) => parseNumber(c.trim())), blanks: cells.map((c) => c.trim() === '') }));
}

describe('CsvByteRows', () => {
  it('reads quoting, CRLF, a lone CR, blank lines and a last line without a break as parseCsv does', () => {
    const text = 'step,"a,b"\r\n\r\n 1 ,2e-3\r3,"x\ny"\n  \n4,.5';
    expect(rowsFromBytes(new TextEncoder().encode(text), [])).toEqual(rowsFromText(text));
    expect(rowsFromBytes(new TextEncoder().encode(text), []).map((r) => r.numbers)).toEqual([
      [undefined, undefined],
      [1, 2e-3],
      [3, undefined],
      [4, 0.5],
    ]);
  });

  it('gives the rows of the whole text however the bytes are cut, multi-byte characters included', () => {
    const csvText = fc.stringMatching(/^[a-c0-9.e+\-,"\r\n é\u00a0\u2028]{0,80}$/);
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const bytes = new TextEncoder().encode(text);
        expect(rowsFromBytes(bytes, cuts.map((c) => c % (bytes.length + 1)))).toEqual(rowsFromText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('a row longer than it will scan again (a 3 MB quoted field in 64 KB pieces) still reads whole', () => {
    const long = 'x'.repeat(3 << 20);
    const text = `step,lr\n1,"${long}\n"\n2,0.5\n`;
    const bytes = new TextEncoder().encode(text);
    const cuts = Array.from({ length: Math.floor(bytes.length / 65536) }, (_, k) => (k + 1) * 65536);
    const rows = rowsFromBytes(bytes, cuts);
    expect(rows.map((r) => r.cells.map((c) => c.length))).toEqual([[4, 2], [1, long.length + 1], [1, 3]]);
    expect(rows[2].numbers).toEqual([2, 0.5]);
  });
});
