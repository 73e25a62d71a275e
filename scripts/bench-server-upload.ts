// Peak memory of the local server during a 200 MB upload (part of scripts/bench-server.ts): RSS of the server
// process read from /proc every 10 ms while a multipart body, generated as it is sent, is uploaded.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { DS, startServer, stopServer, TOKEN } from "./bench-server.ts";
import type { ServerResults } from "./bench-server.ts";

const UPLOAD_BYTES = 200 * 1000 * 1000;

/** Resident memory of a process, in bytes (Linux /proc). */
function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/** A multipart body of `size` bytes generated as it is sent. */
function multipartStream(size: number, boundary: string): { stream: Readable; length: number } {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gros.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x42);
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent >= size) {
        this.push(tail);
        this.push(null);
        return;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      this.push(part);
    },
  });
  return { stream, length: head.length + size + tail.length };
}

/** Peak RSS of the server during one 200 MB upload, against its idle RSS after a warm-up. */
export async function measureUpload(): Promise<ServerResults["upload"]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-upload-"));
  const server = await startServer(dir).catch((error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  try {
    const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const created = await fetch(`${server.url}${DS}/uploads`, { method: "POST", headers, body: JSON.stringify({ name: "Archive volumineuse", description: "200 Mo", type: "ARCHIVE", srs: "EPSG:2154" }) });
    const upload = ((await created.json()) as { _id: string })._id;
    for (let i = 0; i < 20; i++) await (await fetch(`${server.url}${DS}/uploads/${upload}`, { headers })).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const pid = server.process.pid!;
    const idle = rss(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 10);
    const boundary = "----banc-200-mo";
    const { stream, length } = multipartStream(UPLOAD_BYTES, boundary);
    const started = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}${DS}/uploads/${upload}/data?path=data/gros.bin`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": length },
      }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", reject);
      stream.pipe(request);
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, rss(pid));
    return { idleMiB: idle / 1024 ** 2, peakMiB: peak / 1024 ** 2, seconds, status };
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
