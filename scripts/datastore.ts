// `npm run datastore`: the simulated API Entrepôt over real HTTP on 127.0.0.1, its state kept on disk
// (`<DATASTORE_DIR>/datastore.sqlite` and `files/`).
// Environment: PORT (default 3000), DATASTORE_TOKEN (generated when unset), DATASTORE_DIR (default .datastore),
// SITE_ORIGIN (extra allowed site origins, comma-separated). Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.
import { DEFAULT_DIR, DEFAULT_PORT, startDatastoreServer } from "../src/mock/node/server.ts";
import { defaultAllowedOrigins, parseSiteOrigins } from "../src/mock/node/cors.ts";

const env = process.env;

// The port from PORT, or exits with a message when it is not a valid port number.
function portFromEnv(): number {
  const raw = env["PORT"]?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    console.error(`PORT invalide : ${JSON.stringify(raw)} (entier entre 0 et 65535 attendu).`);
    process.exit(1);
  }
  return port;
}

const { invalid } = parseSiteOrigins(env["SITE_ORIGIN"]);
for (const entry of invalid) console.warn(`SITE_ORIGIN : origine ignorée, ${JSON.stringify(entry)} n'est pas de la forme http(s)://hôte[:port].`);

try {
  const server = await startDatastoreServer({
    port: portFromEnv(),
    token: env["DATASTORE_TOKEN"]?.trim() || undefined,
    dir: env["DATASTORE_DIR"]?.trim() || DEFAULT_DIR,
    allowedOrigins: defaultAllowedOrigins(env["SITE_ORIGIN"]),
  });
  console.log("Arrêt : Ctrl+C.");
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} reçu : arrêt de l'entrepôt simulé (l'état est déjà enregistré).`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Arrêt incomplet : ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
