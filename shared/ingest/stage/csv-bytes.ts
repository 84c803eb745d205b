/**
 * CSV text written straight into UTF-8 bytes, for staging grids of millions of cells: no string per line, no
 * join, no second pass to encode. Writes what `new TextEncoder().encode(text)` would give for the same text (lone
 * surrogates as U+FFFD); test/ingest/stage/csv-bytes.test.ts compares the two on arbitrary strings.
 */
export class CsvBytes {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 1 << 20) {
    this.buf = new Uint8Array(capacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** ASCII text as it is (digits, separators). */
  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  /** Bytes as they are (a field written before). */
  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    if (bytes.length > 32) this.buf.set(bytes, this.len);
    else for (let k = 0; k < bytes.length; k++) this.buf[this.len + k] = bytes[k] as number;
    this.len += bytes.length;
  }

  /** One byte (an ASCII separator). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }

  /**
   * `t` as a quoted field: every '"' doubled and NUL dropped (DuckDB strings cannot hold it). Returns the field's
   * length in UTF-16 units, quotes included, as the same field built as a string would have.
   */
  quoted(t: string): number {
    // At most 3 bytes a UTF-16 unit (a doubled quote takes 2, a surrogate pair 4 for 2 units), and the 2 quotes.
    this.room(3 * t.length + 2);
    const b = this.buf;
    let n = this.len;
    let units = 2;
    b[n++] = 34;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x80) {
        if (c === 0) continue;
        if (c === 34) {
          b[n++] = 34;
          units++;
        }
        b[n++] = c;
        units++;
      } else if (c < 0x800) {
        b[n++] = 0xc0 | (c >> 6);
        b[n++] = 0x80 | (c & 0x3f);
        units++;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (t.charCodeAt(++i) - 0xdc00);
        b[n++] = 0xf0 | (cp >> 18);
        b[n++] = 0x80 | ((cp >> 12) & 0x3f);
        b[n++] = 0x80 | ((cp >> 6) & 0x3f);
        b[n++] = 0x80 | (cp & 0x3f);
        units += 2;
      } else {
        // A lone surrogate is written as U+FFFD, as TextEncoder does.
        const u = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
        b[n++] = 0xe0 | (u >> 12);
        b[n++] = 0x80 | ((u >> 6) & 0x3f);
        b[n++] = 0x80 | (u & 0x3f);
        units++;
      }
    }
    b[n++] = 34;
    this.len = n;
    return units;
  }

  /** Valid UTF-8 text as a quoted field, as quoted() writes the same text: every '"' doubled and NUL dropped. */
  quotedUtf8(src: Uint8Array, from: number, to: number): void {
    this.room(2 * (to - from) + 2);
    const b = this.buf;
    let n = this.len;
    b[n++] = 34;
    for (let k = from; k < to; k++) {
      const c = src[k] as number;
      if (c === 0) continue;
      if (c === 34) b[n++] = 34;
      b[n++] = c;
    }
    b[n++] = 34;
    this.len = n;
  }

  /** The bytes written, in a buffer of their own. */
  take(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
