// Serves the built site (_site) over HTTP: `npm start` and the Playwright tests use it (scripts/serve-site.ts).
// Usage: tsx scripts/serve.ts [--port 8080] [--dir _site]
import path from "node:path";
import { parseArgs } from "node:util";
import { startSiteServer } from "./serve-site.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: process.env["PORT"] ?? "8080" }, dir: { type: "string", default: "_site" } } });
const server = await startSiteServer({ dir: values.dir!, port: Number(values.port) });
console.log(`Site servi sur ${server.url} (dossier ${path.relative(process.cwd(), server.root) || "."})`);
