/**
 * The streaming CSV tokenizer: however the text is cut into pieces, the rows are those of the whole
 * text; and reading stays linear (a long quoted field or digit run is not rescanned per piece).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRows, parseCsv } from '../../src/logs/csv.js';

function rowsInPieces(text: string, cuts: number[]): string[][] {
  const tokenizer = new CsvRows();
  const rows: string[][] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    rows.push(...tokenizer.push(text.slice(from, cut)));
    from = cut;
  }
  rows.push(...tokenizer.push(text.slice(from)), ...tokenizer.end());
  return rows;
}

describe('CsvRows', () => {
  it('reads RFC 4180 quoting, CRLF and blank lines', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n\r\n1,2,"x\ny"\r3,4')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', 'x\ny'],
      ['3', '4'],
    ]);
  });

  it('gives the same rows however the text is cut', () => {
    const csvText = fc.stringMatching(/^[a-c0-9,"\r\n ]{0,60}$/);
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        expect(rowsInPieces(text, cuts.map((c) => c % (text.length + 1)))).toEqual(parseCsv(text));
      }),
    );
  });

  it('a CR at the end of one piece and its LF at the start of the next make one line break', () => {
    expect(rowsInPieces('1,2\r\n3,4\r\n', [4])).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('an unclosed quoted field of 8 MB in 64 KB pieces is read in linear time', () => {
    const text = `step,lr\n"${'1'.repeat(8 << 20)}`;
    // CPU time of this process, not the clock: a shared machine's neighbours stretch the clock.
    const started = process.cpuUsage();
    const cuts = Array.from({ length: Math.floor(text.length / 65536) }, (_, k) => (k + 1) * 65536);
    const rows = rowsInPieces(text, cuts);
    expect(rows[1][0]).toHaveLength(8 << 20);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
