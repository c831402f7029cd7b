/**
 * CSV rows from text that arrives in pieces (RFC 4180: quoted fields may hold commas, doubled quotes and
 * line breaks). Blank lines are dropped; a final line without a line break still counts. The state lives
 * between pieces, so a row or field split across them is never scanned twice: reading is linear in the
 * text however it is cut, and only the rows themselves, never the whole file, are kept.
 */
export class CsvRows {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** Inside a quoted field, the previous character was a quote: its end, or the first of a doubled "". */
  private quoteSeen = false;
  private fieldStarted = false;
  /** The previous piece ended on CR: a LF that opens this one belongs to it. */
  private skipLineFeed = false;

  /** The rows this piece completes. */
  *push(text: string): Generator<string[]> {
    const n = text.length;
    let i = 0;
    if (this.skipLineFeed) {
      this.skipLineFeed = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    // Characters from `start` to `i` belong to the current field and are not yet in this.field.
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === 34) {
            this.field += '"';
            start = ++i;
            continue;
          }
          // The quote before closed the field; this character is read as outside quotes.
          this.quoted = false;
          start = i;
          continue;
        }
        if (c === 34) {
          this.field += text.slice(start, i);
          this.quoteSeen = true;
          start = ++i;
        } else i++;
        continue;
      }
      if (c === 44) {
        this.row.push(this.field + text.slice(start, i));
        this.field = '';
        this.fieldStarted = false;
        start = ++i;
      } else if (c === 10 || c === 13) {
        this.field += text.slice(start, i);
        const row = this.endRow();
        if (row) yield row;
        i++;
        if (c === 13) {
          if (i === n) this.skipLineFeed = true;
          else if (text.charCodeAt(i) === 10) i++;
        }
        start = i;
      } else if (c === 34 && !this.fieldStarted) {
        this.quoted = true;
        this.fieldStarted = true;
        start = ++i;
      } else {
        this.fieldStarted = true;
        i++;
      }
    }
    if (!this.quoteSeen) this.field += text.slice(start, n);
  }

  /** The last row, when the text did not end with a line break. */
  *end(): Generator<string[]> {
    this.quoted = false;
    this.quoteSeen = false;
    if (this.field !== '' || this.row.length > 0) {
      const row = this.endRow();
      if (row) yield row;
    }
  }

  private endRow(): string[] | undefined {
    const row = this.row;
    row.push(this.field);
    this.row = [];
    this.field = '';
    this.fieldStarted = false;
    return row.length === 1 && row[0].trim() === '' ? undefined : row;
  }
}

/** The rows of a whole CSV text. */
export function parseCsv(text: string): string[][] {
  const rows = new CsvRows();
  return [...rows.push(text), ...rows.end()];
}
