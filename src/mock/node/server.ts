// The local API Entrepôt over real HTTP (`npm run datastore`): the app's route table served by Hono on
// @hono/node-server, state in SQLite (`<dir>/datastore.sqlite`) and file contents on disk (`<dir>/files/`).
// Each request: target checked (before Hono), then the Hono application (node/hono-app.ts). A write is answered
// after its transaction committed (better-sqlite3 is synchronous: run() returns once the commit is on disk).
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { API_ROUTES, createStore, diffusionRoutes } from "../app.ts";
import type { StoreOptions, Store } from "../core/store.ts";
import { CorsPolicy, defaultAllowedOrigins } from "./cors.ts";
import { FileBlobStore } from "./file-blobs.ts";
import { createApp } from "./hono-app.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import type { BodyLimits } from "./limits.ts";
import type { ServedRoute } from "./hono-app.ts";
import { openSqliteSource } from "./sqlite-source.ts";
import { startLines, targetProblem } from "./server-text.ts";
import { DEFAULT_USER, tokenTable, userForLogin } from "../resources/users/directory.ts";
import { identityRoutes, servedAccounts } from "../identity/service.ts";
import { geonatureRoutes } from "../geonature/routes.ts";
import { GEONATURE_API } from "../geonature/records.ts";
import { theiaRoutes } from "../theia/routes.ts";
import { THEIA_ROOT } from "../theia/records.ts";
import { ACCESS_LIFETIME, identityCaller } from "../identity/tokens.ts";

/** Options of startDatastoreServer. */
export interface DatastoreServerOptions {
  /** TCP port (default 3000; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: the datastore is not reachable from the network). */
  host?: string;
  /** Bearer token of the default user (Dave Lopper); a random one is generated when absent or empty, unless `users` is given. */
  token?: string;
  /** One token per user, login → token ("" generates one): a seeded login (`dave`, `anne`) or a learner's, who gets
   * their own community and datastore; each token acts as its user only. */
  users?: Record<string, string>;
  /** State directory: `datastore.sqlite` and `files/` (default `.datastore` in the working directory). */
  dir?: string;
  /** Site origins allowed by CORS (default: defaultAllowedOrigins(), i.e. ports 8080/8181 plus SITE_ORIGIN). */
  allowedOrigins?: readonly string[];
  /** Path of the API under the server (default `/api`, so the base URL is `http://127.0.0.1:<port>/api`). */
  basePath?: string;
  /** Where messages go (default console.log). */
  log?: (message: string) => void;
  /** Options of the store (clock, id generator, delays), e.g. for tests. */
  store?: Omit<StoreOptions, "source" | "blobs">;
  /** Body size limits (JSON, raw file and multipart), in bytes. */
  limits?: Partial<BodyLimits>;
  /** Routes to serve instead of the app's (tests). */
  routes?: readonly ServedRoute[];
  /** Serve the diffusion services on the server's origin (default true). */
  diffusion?: boolean;
  /** Origin the answers name for the diffusion services (default: the origin each request was sent to). */
  publicOrigin?: string;
  /** Lifetime of the access tokens of the simulated identity service, in whole seconds (default 300, Keycloak's). */
  accessTokenLifetime?: number;
}

/** A running server. */
export interface DatastoreServer {
  /** API base URL to configure in the site, e.g. `http://127.0.0.1:3000/api`. */
  url: string;
  /** Server origin, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** Actual port (useful with port 0). */
  port: number;
  /** Bearer token of the first user served (the default user's unless `users` names others). */
  token: string;
  /** Each user served: login, token and datastore id. */
  users: { login: string; name: string; token: string; datastore: string }[];
  /** Whether the token was generated at start (not given). */
  tokenGenerated: boolean;
  /** Absolute path of the database file. */
  stateFile: string;
  /** Allowed CORS origins, normalised. */
  allowedOrigins: string[];
  /** The simulated datastore. */
  store: Store;
  /** Stops listening, closes open connections and the database (releasing the directory). */
  close(): Promise<void>;
}

/** Default port of `npm run datastore`. */
export const DEFAULT_PORT = 3000;
/** Default state directory (relative to the working directory). */
export const DEFAULT_DIR = ".datastore";

/** A random bearer token (URL- and shell-safe characters). */
export function generateToken(): string {
  return randomBytes(24).toString("base64url");
}

// Host part of a URL for the listening interface (wildcards are reached through the loopback).
const urlHost = (host: string): string =>
  host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;

// Listens, or rejects with a French message (port in use…).
function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason = error.code === "EADDRINUSE" ? `le port ${port} est déjà utilisé (choisissez-en un autre avec PORT=…)` : error.message;
      reject(new Error(`Impossible de démarrer l'entrepôt simulé sur ${host}:${port} : ${reason}.`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the local datastore server (state in `dir`, locked for this process until close()). */
export async function startDatastoreServer(options: DatastoreServerOptions = {}): Promise<DatastoreServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const host = options.host ?? "127.0.0.1";
  const basePath = `/${(options.basePath ?? "/api").replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
  const listed = Object.entries(options.users ?? {});
  const tokenGenerated = !options.token && listed.length === 0;
  const logins: [string, string][] = [
    ...(options.token || listed.length === 0 ? [[DEFAULT_USER.login, options.token || generateToken()] as [string, string]] : []),
    ...listed.map(([login, given]): [string, string] => [login, given || generateToken()]),
  ];
  const tokens = tokenTable(logins)!;
  if (tokens.size < logins.length) throw new Error("Deux utilisateurs ont reçu le même jeton : chaque utilisateur doit avoir le sien.");
  const users = logins.map(([login, token]) => {
    const user = userForLogin(login);
    return { login, name: `${user.first_name} ${user.last_name}`.trim(), token, datastore: user.workspace.datastore };
  });
  const token = users[0]!.token;
  const limits: BodyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const policy = new CorsPolicy(options.allowedOrigins ?? defaultAllowedOrigins());

  const source = openSqliteSource(options.dir ?? DEFAULT_DIR, { now: options.store?.now });
  let server: http.Server | undefined;
  try {
    const blobs = new FileBlobStore(options.dir ?? DEFAULT_DIR);
    const reported = new Set<string>();
    const store = createStore({
      ...options.store,
      source,
      blobs,
      onIgnored: (messages) => {
        const fresh = messages.filter((message) => !reported.has(message));
        for (const message of fresh) reported.add(message);
        if (fresh.length > 0) log(`Enregistrements illisibles ignorés : ${fresh.join(" ; ")}`);
      },
    });
    // Rows imported from a datastore.json get their due times, file references and totals from their records.
    if ((source.opening.imported && !source.opening.imported.alreadyImported) || source.opening.reindex) store.reindex();
    const swept = await store.sweepBlobs();

    let origin = "";
    // The diffusion services' paths do not depend on the origin: they are registered before listening.
    const local = "http://127.0.0.1";
    // With them, the identity service and the flows tutorials' outside servers, at the real hosts' paths
    // (/realms/…, /geonature/api/…, /data/…).
    const outside = [...geonatureRoutes(local + new URL(GEONATURE_API).pathname, { sharedHost: true }), ...theiaRoutes(local + new URL(THEIA_ROOT).pathname, { sharedHost: true })];
    const served = options.diffusion === false || options.routes ? [] : [
      ...diffusionRoutes(local), ...identityRoutes(servedAccounts(tokens), local, { accessLifetime: options.accessTokenLifetime }), ...outside,
    ];
    const diffusion = served.map((route) => ({ ...route, path: route.path.startsWith(local) ? route.path.slice(local.length) : new URL(route.path).pathname }));
    const issued = (presented: string): string | "expired" | undefined => identityCaller(store, presented);
    const app = createApp({
      store, tokens, issued, policy, limits, basePath, baseUrl: () => `${origin}${basePath}`, api: options.routes ?? API_ROUTES, diffusion, log,
      ...(options.publicOrigin ? { publicOrigin: options.publicOrigin } : {}),
    });
    const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
    server = http.createServer({ requestTimeout: 60 * 60 * 1000 }, (incoming: IncomingMessage, outgoing) => {
      const problem = targetProblem(incoming.url);
      if (problem) {
        incoming.resume();
        outgoing.writeHead(400, { "Content-Type": "application/json", Connection: "close" }).end(JSON.stringify({ error: "Bad Request", error_description: [problem] }));
        return;
      }
      void listener(incoming, outgoing);
    });
    const port = await listen(server, options.port ?? DEFAULT_PORT, host);
    server.on("error", (error) => log(`Erreur du serveur de l'entrepôt simulé : ${error.message}`));
    origin = `http://${urlHost(host)}:${port}`;

    const listening = server;
    const running: DatastoreServer = {
      url: `${origin}${basePath}`,
      origin,
      port,
      token,
      users,
      tokenGenerated,
      stateFile: source.file,
      allowedOrigins: policy.origins,
      store,
      close: () =>
        new Promise<void>((resolve, reject) => {
          listening.close((error) => {
            source.close();
            if (error) reject(error);
            else resolve();
          });
          listening.closeAllConnections();
        }),
    };
    const services = served.length === 0 ? undefined : {
      geonature: origin + new URL(GEONATURE_API).pathname,
      theia: origin + new URL(THEIA_ROOT).pathname,
      tokenLifetime: options.accessTokenLifetime ?? ACCESS_LIFETIME,
    };
    for (const line of startLines(running, source, swept, services)) log(line);
    return running;
  } catch (error) {
    server?.close();
    source.close();
    throw error;
  }
}
