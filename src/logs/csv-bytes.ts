import { isAsciiSpace, parseNumberBytes } from '../text/decimal.js';
import { CsvRows, parseCsv } from './csv.js';
import { StringRow, type CsvRow } from './csv-row.js';

/**
 * A row longer than this (a quoted field holding megabytes, a file with no line breaks) is left to the
 * text tokenizer from there on: waiting for its end would rescan the bytes kept so far with every piece.
 */
const MAX_PENDING_BYTES = 1 << 20;

const UTF8 = new TextDecoder();

/**
 * CSV rows from bytes that arrive in pieces, read as CsvRows reads text (RFC 4180, blank lines dropped,
 * CR, LF or CRLF ending a row) but without a string per row or cell: a plain row (no quote in it) is
 * handed on as offsets into the bytes, and its numbers are read from them. A row with a quote is cut out
 * and read by the text tokenizer. One row object is reused for every plain row, so a 1e7-row log makes
 * no object per row. Linear in the bytes however they are cut: a piece is scanned once, and at most
 * MAX_PENDING_BYTES of an unfinished row are scanned again.
 */
export class CsvByteRows {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The previous piece ended on CR: a LF that opens this one belongs to it. */
  private skipLineFeed = false;
  /** Past an over-long row, the rest goes through the text tokenizer. */
  private text?: { tokenizer: CsvRows; decoder: TextDecoder };
  private readonly row = new ByteRow();
  /** Bytes of the rows handed on so far, from the first piece's start. */
  private done = 0;

  /** How far the rows handed on reach into the bytes: with the file's size, it tells how many rows are left. */
  get bytesDone(): number {
    return this.done;
  }

  push(piece: Uint8Array, onRow: (row: CsvRow) => void): void {
    if (this.text !== undefined) {
      for (const cells of this.text.tokenizer.push(this.text.decoder.decode(piece, { stream: true }))) onRow(new StringRow(cells));
      return;
    }
    let data = piece;
    // The offset of data[0] in the whole: rows end at `this.done`, and pending bytes start there.
    const base = this.done;
    if (this.pending.length > 0) {
      data = concat([...this.pending, piece], this.pendingBytes + piece.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    let at = 0;
    if (this.skipLineFeed) {
      this.skipLineFeed = false;
      if (data[0] === 10) at = 1;
    }
    const n = data.length;
    while (at < n) {
      const rowStart = at;
      const row = this.row;
      row.data = data;
      row.length = 0;
      let fieldStart = at;
      let quoted = false;
      while (at < n) {
        const c = data[at];
        if (c === 44) {
          row.add(fieldStart, at);
          fieldStart = ++at;
        } else if (c === 10 || c === 13) break;
        else if (c === 34) {
          quoted = true;
          break;
        } else at++;
      }
      const rowEnd = quoted ? quotedRowEnd(data, rowStart) : at < n ? at : -1;
      if (rowEnd === -1) {
        this.keep(data.subarray(rowStart));
        return;
      }
      if (quoted) {
        for (const cells of parseCsv(UTF8.decode(data.subarray(rowStart, rowEnd)))) onRow(new StringRow(cells));
      } else {
        row.add(fieldStart, rowEnd);
        if (!row.isBlankLine()) onRow(row);
      }
      // rowEnd is a CR or LF.
      at = rowEnd + 1;
      if (data[rowEnd] === 13) {
        if (at === n) this.skipLineFeed = true;
        else if (data[at] === 10) at++;
      }
      this.done = base + at;
    }
  }

  /** The last row, when the bytes did not end with a line break. */
  end(onRow: (row: CsvRow) => void): void {
    if (this.text !== undefined) {
      const { tokenizer, decoder } = this.text;
      for (const cells of tokenizer.push(decoder.decode())) onRow(new StringRow(cells));
      for (const cells of tokenizer.end()) onRow(new StringRow(cells));
      return;
    }
    if (this.pendingBytes === 0) return;
    const rest = UTF8.decode(concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
    for (const cells of parseCsv(rest)) onRow(new StringRow(cells));
  }

  /** An unfinished row waits for the next piece, unless it has grown too long to scan again. */
  private keep(rest: Uint8Array): void {
    if (rest.length === 0) return;
    this.pending.push(rest);
    this.pendingBytes += rest.length;
    if (this.pendingBytes <= MAX_PENDING_BYTES) return;
    const decoder = new TextDecoder();
    const tokenizer = new CsvRows();
    // The pending bytes start a row: the tokenizer begins in the same state as a fresh one. Rows come only
    // when a later piece ends this one, so nothing is yielded here.
    for (const piece of this.pending) for (const _ of tokenizer.push(decoder.decode(piece, { stream: true }))) void _;
    this.pending = [];
    this.pendingBytes = 0;
    this.text = { tokenizer, decoder };
  }
}

/**
 * Where the row that begins at `start` ends (the index of its CR or LF), reading quotes as CsvRows does:
 * a quote opens a quoted field only as a field's first character, "" inside one is a quote. -1 when the
 * bytes end first.
 */
function quotedRowEnd(data: Uint8Array, start: number): number {
  let quoted = false;
  let fieldStarted = false;
  for (let at = start; at < data.length; at++) {
    const c = data[at];
    if (quoted) {
      if (c !== 34) continue;
      if (data[at + 1] === 34) at++;
      else if (at + 1 === data.length) return -1;
      else quoted = false;
      continue;
    }
    if (c === 10 || c === 13) return at;
    if (c === 44) fieldStarted = false;
    else if (c === 34 && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else fieldStarted = true;
  }
  return -1;
}

function concat(pieces: readonly Uint8Array[], bytes: number): Uint8Array {
  const joined = new Uint8Array(bytes);
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}

/** A plain row: its cells as offsets into the bytes it was read from. */
class ByteRow implements CsvRow {
  data: Uint8Array = new Uint8Array(0);
  length = 0;
  private starts = new Int32Array(8);
  private ends = new Int32Array(8);

  add(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const starts = new Int32Array(this.length * 2);
      const ends = new Int32Array(this.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  number(k: number): number | undefined {
    return k < this.length ? parseNumberBytes(this.data, this.starts[k], this.ends[k]) : undefined;
  }

  blank(k: number): boolean {
    if (k >= this.length) return true;
    for (let at = this.starts[k]; at < this.ends[k]; at++) {
      const c = this.data[at];
      if (c >= 128) return this.text(k).trim() === '';
      if (!isAsciiSpace(c)) return false;
    }
    return true;
  }

  text(k: number): string {
    return k < this.length ? UTF8.decode(this.data.subarray(this.starts[k], this.ends[k])) : '';
  }

  /** CsvRows drops a line that is one blank cell. */
  isBlankLine(): boolean {
    return this.length === 1 && this.blank(0);
  }
}
