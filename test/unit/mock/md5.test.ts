// The pure-TS MD5 must agree with node:crypto on every length around the 64-byte block boundaries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Md5, md5Hex } from "../../../src/shared/md5.ts";

function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const nodeMd5 = (bytes: Uint8Array): string => createHash("md5").update(bytes).digest("hex");

test("md5Hex matches node:crypto on lengths 0, 55, 56, 64, 1000, 100000 and neighbours", () => {
  for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100000]) {
    const bytes = bytesOf(length, length + 7);
    assert.equal(md5Hex(bytes), nodeMd5(bytes), `length ${length}`);
  }
});

test("md5Hex gives the RFC 1321 test vectors", () => {
  const text = (s: string) => new TextEncoder().encode(s);
  assert.equal(md5Hex(text("")), "d41d8cd98f00b204e9800998ecf8427e");
  assert.equal(md5Hex(text("abc")), "900150983cd24fb0d6963f7d28e17f72");
  assert.equal(md5Hex(text("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
});

test("incremental updates in odd chunks give the same digest", () => {
  const bytes = bytesOf(100000, 42);
  const md5 = new Md5();
  for (let offset = 0, step = 1; offset < bytes.length; offset += step, step = (step * 7) % 131 + 1) {
    md5.update(bytes.subarray(offset, offset + step));
  }
  assert.equal(md5.hex(), nodeMd5(bytes));
});
