// `npm run datastore`: the simulated API Entrepôt over real HTTP on 127.0.0.1, its state kept on disk
// (`<DATASTORE_DIR>/datastore.sqlite` and `files/`).
// Environment: PORT (default 3000), DATASTORE_TOKEN (generated when unset), DATASTORE_DIR (default .datastore),
// SITE_ORIGIN (extra allowed site origins, comma-separated), DATASTORE_TOKEN_LIFETIME (seconds an access token of the
// simulated identity service lives, default 300). Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.
// Several users: `--token login=token` (repeatable; `--token login` generates the token) or `--users file` (one
// `login=token` or `login` a line, `#` comments), or DATASTORE_USERS="login=token,…"; each user acts on their own
// datastore (dave and anne are the seeded users; any other login is a learner with a datastore of their own).
import { readFileSync } from "node:fs";
import { DEFAULT_DIR, DEFAULT_PORT, startDatastoreServer } from "../src/mock/node/server.ts";
import { LOGIN_PATTERN } from "../src/mock/resources/users/directory.ts";
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

// `login=token` or `login` entries of the command line, the users file and DATASTORE_USERS; exits on a bad entry.
function usersFromArgs(args: readonly string[]): Record<string, string> {
  const entries: string[] = (env["DATASTORE_USERS"] ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inline] = arg.includes("=") && arg.startsWith("--") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = inline ?? args[++index];
    if ((flag !== "--token" && flag !== "--users") || value === undefined) {
      console.error(`Argument inconnu ou incomplet : ${arg} (attendu : --token identifiant=jeton, --users fichier).`);
      process.exit(1);
    }
    if (flag === "--token") entries.push(value);
    else entries.push(...readFileSync(value, "utf8").split(/\r?\n/).map((line) => line.replace(/#.*/, "").trim()).filter(Boolean));
  }
  const users: Record<string, string> = {};
  for (const entry of entries) {
    const [login = "", token = ""] = entry.includes("=") ? [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)] : [entry, ""];
    if (!LOGIN_PATTERN.test(login.trim())) {
      console.error(`Utilisateur invalide : ${JSON.stringify(entry)} (identifiant=jeton ; identifiant en lettres, chiffres, « . », « _ », « - »).`);
      process.exit(1);
    }
    users[login.trim()] = token.trim();
  }
  return users;
}

// DATASTORE_TOKEN_LIFETIME: whole seconds, or exits with a message.
function tokenLifetime(): number | undefined {
  const raw = env["DATASTORE_TOKEN_LIFETIME"]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    console.error(`DATASTORE_TOKEN_LIFETIME invalide : ${JSON.stringify(raw)} (un nombre entier de secondes, au moins 1, attendu).`);
    process.exit(1);
  }
  return Number(raw);
}

// DATASTORE_PUBLIC_URL: the origin the answers name for the diffusion services (a server behind a proxy).
function publicOrigin(): string | undefined {
  const raw = env["DATASTORE_PUBLIC_URL"]?.trim();
  if (!raw) return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    console.error(`DATASTORE_PUBLIC_URL invalide : ${JSON.stringify(raw)} (attendu : http(s)://hôte[:port]).`);
    process.exit(1);
  }
}

const users = usersFromArgs(process.argv.slice(2));
const { invalid } = parseSiteOrigins(env["SITE_ORIGIN"]);
for (const entry of invalid) console.warn(`SITE_ORIGIN : origine ignorée, ${JSON.stringify(entry)} n'est pas de la forme http(s)://hôte[:port].`);

try {
  const server = await startDatastoreServer({
    port: portFromEnv(),
    token: env["DATASTORE_TOKEN"]?.trim() || undefined,
    users,
    dir: env["DATASTORE_DIR"]?.trim() || DEFAULT_DIR,
    allowedOrigins: defaultAllowedOrigins(env["SITE_ORIGIN"]),
    ...(publicOrigin() ? { publicOrigin: publicOrigin()! } : {}),
    ...(tokenLifetime() ? { accessTokenLifetime: tokenLifetime()! } : {}),
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
