// Bounds-checked reading of numbers in a byte array, in either byte order: every read past the end throws a
// FormatError instead of returning garbage, so that truncated files are reported, never crash a reader.
import { FormatError } from "./errors.ts";

/** Reads integers and floats at absolute offsets of a byte array. */
export class ByteReader {
  private readonly view: DataView;

  /** A reader over `bytes`; `little` selects little-endian numbers. */
  constructor(
    readonly bytes: Uint8Array,
    public little: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Length of the array. */
  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless `size` bytes are readable at `offset`. */
  check(offset: number, size: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw new FormatError(`fichier tronqué ou incohérent : lecture de ${size} octet(s) à la position ${offset} au-delà de la fin (${this.bytes.length} octets)`);
    }
  }

  /** Unsigned byte. */
  u8(offset: number): number {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }
  /** Unsigned 16-bit integer. */
  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, this.little);
  }
  /** Signed 16-bit integer. */
  i16(offset: number): number {
    this.check(offset, 2);
    return this.view.getInt16(offset, this.little);
  }
  /** Unsigned 32-bit integer. */
  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, this.little);
  }
  /** Signed 32-bit integer. */
  i32(offset: number): number {
    this.check(offset, 4);
    return this.view.getInt32(offset, this.little);
  }
  /** Unsigned 64-bit integer as a number (exact up to 2^53). */
  u64(offset: number): number {
    this.check(offset, 8);
    return Number(this.view.getBigUint64(offset, this.little));
  }
  /** 32-bit float. */
  f32(offset: number): number {
    this.check(offset, 4);
    return this.view.getFloat32(offset, this.little);
  }
  /** 64-bit float. */
  f64(offset: number): number {
    this.check(offset, 8);
    return this.view.getFloat64(offset, this.little);
  }
  /** A copy of `size` bytes at `offset`. */
  slice(offset: number, size: number): Uint8Array {
    this.check(offset, size);
    return this.bytes.slice(offset, offset + size);
  }
  /** Bytes as Latin-1 text (ASCII tags and magic numbers). */
  ascii(offset: number, size: number): string {
    return String.fromCharCode(...this.slice(offset, size));
  }
}

/** A growable little- or big-endian byte writer (used by the sample generators). */
export class ByteWriter {
  private buffer = new Uint8Array(1024);
  private view = new DataView(this.buffer.buffer);
  /** Bytes written so far. */
  length = 0;

  /** A writer; `little` selects little-endian numbers. */
  constructor(readonly little: boolean) {}

  private reserve(size: number): number {
    if (this.length + size > this.buffer.length) {
      const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + size));
      next.set(this.buffer);
      this.buffer = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length += size;
    return at;
  }

  /** Appends one byte. */
  u8(value: number): this {
    const at = this.reserve(1);
    this.view.setUint8(at, value);
    return this;
  }
  /** Appends an unsigned 16-bit integer. */
  u16(value: number): this {
    const at = this.reserve(2);
    this.view.setUint16(at, value, this.little);
    return this;
  }
  /** Appends an unsigned 32-bit integer. */
  u32(value: number): this {
    const at = this.reserve(4);
    this.view.setUint32(at, value, this.little);
    return this;
  }
  /** Appends a signed 32-bit integer. */
  i32(value: number): this {
    const at = this.reserve(4);
    this.view.setInt32(at, value, this.little);
    return this;
  }
  /** Appends a 64-bit float. */
  f64(value: number): this {
    const at = this.reserve(8);
    this.view.setFloat64(at, value, this.little);
    return this;
  }
  /** Appends raw bytes. */
  bytes(values: Uint8Array): this {
    const at = this.reserve(values.length);
    this.buffer.set(values, at);
    return this;
  }
  /** The bytes written. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
