// Static server of the built site (sirv), with the site's security headers on every response and 404.html for
// unknown paths. scripts/serve.ts is its command line; the unit tests start it on a free port.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";
import { CONTENT_SECURITY_POLICY } from "../src/build/csp.ts";

/** Content types by extension, with a charset for text (the site's samples include .md5, .csv and .geojson). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8", ".md5": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".geojson": "application/geo+json", ".map": "application/json", ".ico": "image/x-icon", ".xml": "application/xml",
};

/** Headers of every response: the pages carry the same policy in a <meta>; the header adds frame-ancestors. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-cache",
};

/** Where to serve from and on which port (0: any free port). */
export interface SiteServerOptions {
  dir: string;
  port: number;
}

/** A running server: its base URL (with a trailing slash) and how to stop it. */
export interface SiteServer {
  url: string;
  root: string;
  close(): Promise<void>;
}

/** Answers an unknown path with the site's 404.html (status 404), or a short text if the build has none. */
function notFound(root: string, response: http.ServerResponse): void {
  response.statusCode = 404;
  response.setHeader("Content-Type", CONTENT_TYPES[".html"]!);
  fs.readFile(path.join(root, "404.html"), (error, page) => response.end(error ? "Page introuvable" : page));
}

/** Starts serving `dir` on 127.0.0.1; resolves once listening. */
export function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const root = path.resolve(options.dir);
  // dev: files are looked up at each request (a rebuild while serving is seen at once), inside `root` only.
  const serve = sirv(root, {
    dev: true,
    etag: true,
    onNoMatch: (_request, response) => notFound(root, response),
    setHeaders: (response, pathname) => {
      // Paths without an extension are pages (…/index.html): sirv already says text/html.
      const extension = path.extname(pathname).toLowerCase();
      if (extension) response.setHeader("Content-Type", CONTENT_TYPES[extension] ?? "application/octet-stream");
    },
  });
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    serve(request, response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        root,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
