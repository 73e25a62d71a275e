// Serves the built site (_site) over HTTP: `npm start` and the Playwright tests use it.
// Usage: tsx scripts/serve.ts [--port 8080] [--dir _site]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONTENT_SECURITY_POLICY } from "../src/build/csp.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: process.env["PORT"] ?? "8080" }, dir: { type: "string", default: "_site" } } });
const root = path.resolve(values.dir!);
const port = Number(values.port);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8", ".md5": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".geojson": "application/geo+json", ".map": "application/json", ".ico": "image/x-icon", ".xml": "application/xml",
};

/** Maps a URL path to a file in the site, or undefined when outside it or absent. */
function resolve(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]!);
  } catch {
    return undefined;
  }
  const candidate = path.join(root, decoded);
  if (!candidate.startsWith(root)) return undefined;
  for (const file of [candidate, path.join(candidate, "index.html")]) {
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

const server = http.createServer((request, response) => {
  const file = resolve(request.url ?? "/");
  if (!file) {
    const notFound = path.join(root, "404.html");
    response.writeHead(404, { "Content-Type": TYPES[".html"]! });
    response.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "Page introuvable");
    return;
  }
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  // The pages carry the same policy in a <meta>; the header adds it to every response (and frame-ancestors).
  response.writeHead(200, {
    "Content-Type": type,
    "Cache-Control": "no-cache",
    "Content-Security-Policy": `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    "X-Content-Type-Options": "nosniff",
  });
  fs.createReadStream(file).pipe(response);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Site servi sur http://127.0.0.1:${port}/ (dossier ${path.relative(process.cwd(), root) || "."})`);
});
