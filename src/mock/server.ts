// A local API Entrepôt over real HTTP (`npm run datastore`): the simulated datastore model and the same MSW
// handlers as the in-browser mock, answered through msw's getResponse — one implementation, two transports.
// The server adds what only a real server needs: a bearer token, CORS for the site's origins and a state file.
// Readers set the API base URL to `http://127.0.0.1:<port>/api` (default http://127.0.0.1:3000/api): every
// documented path (`/users/me`, `/datastores/{datastore}/…`) then follows it, as after https://data.geopf.fr/api.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { createHandlers } from "./handlers.ts";
import { fromError, json } from "./http/respond.ts";
import type { SimulatedDatastore, SimulatedDatastoreOptions } from "./model/datastore.ts";
import { REASONS } from "./model/errors.ts";
import { ALLOWED_METHODS, CorsPolicy, defaultAllowedOrigins, stripCorsHeaders } from "./server-cors.ts";
import { BridgeError, DEFAULT_MAX_BODY_BYTES, requestUrl, sendFetchResponse, toFetchRequest } from "./server-http.ts";
import { loadState, persistChanges } from "./server-state.ts";
import type { LoadedState } from "./server-state.ts";

/** Options of startDatastoreServer. */
export interface DatastoreServerOptions {
  /** TCP port (default 3000; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: the datastore is not reachable from the network). */
  host?: string;
  /** Accepted bearer token; a random one is generated when absent or empty. */
  token?: string;
  /** Directory of the state file `datastore.json` (default `.datastore` in the working directory). */
  dir?: string;
  /** Site origins allowed by CORS (default: defaultAllowedOrigins(), i.e. ports 8080/8181 plus SITE_ORIGIN). */
  allowedOrigins?: readonly string[];
  /** Path of the API under the server (default `/api`, so the base URL is `http://127.0.0.1:<port>/api`). */
  basePath?: string;
  /** Where messages go (default console.log). */
  log?: (message: string) => void;
  /** Options of the model (clock, id generator, delays), e.g. for tests. */
  datastore?: SimulatedDatastoreOptions;
  /** Largest accepted request body in bytes (default 512 MiB). */
  maxBodyBytes?: number;
}

/** A running server. */
export interface DatastoreServer {
  /** API base URL to configure in the site, e.g. `http://127.0.0.1:3000/api`. */
  url: string;
  /** Server origin, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** Actual port (useful with port 0). */
  port: number;
  /** Accepted bearer token. */
  token: string;
  /** Whether the token was generated at start (not given). */
  tokenGenerated: boolean;
  /** Absolute path of the state file. */
  stateFile: string;
  /** Allowed CORS origins, normalised. */
  allowedOrigins: string[];
  /** The simulated datastore. */
  store: SimulatedDatastore;
  /** Stops listening, closes open connections and stops saving. */
  close(): Promise<void>;
}

/** Default port of `npm run datastore`. */
export const DEFAULT_PORT = 3000;
/** Default data directory (relative to the working directory). */
export const DEFAULT_DIR = ".datastore";

/** A random bearer token (URL- and shell-safe characters). */
export function generateToken(): string {
  return randomBytes(24).toString("base64url");
}

// The API's error body with a reason for statuses the model does not list (413…); CORS headers left to the policy.
function errorBody(status: number, descriptions: string[]): Response {
  const response = json({ error: REASONS[status] ?? http.STATUS_CODES[status] ?? "Error", error_description: descriptions }, status);
  stripCorsHeaders(response.headers);
  return response;
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

// Messages printed at start (French).
function startLines(server: DatastoreServer, loaded: LoadedState): string[] {
  const state =
    loaded.origin === "loaded" ? `État repris depuis ${loaded.file}`
    : loaded.origin === "fresh" ? `Nouvel entrepôt : l'état sera enregistré dans ${loaded.file}`
    : `Fichier d'état illisible (${loaded.reason ?? "?"}) : copie conservée dans ${loaded.corruptCopy ?? "?"}, démarrage avec un entrepôt neuf (${loaded.file})`;
  return [
    "Entrepôt simulé (API Entrepôt) démarré.",
    `  URL de base de l'API : ${server.url}`,
    `  Jeton d'accès        : ${server.token}${server.tokenGenerated ? " (généré pour cette session ; fixez-le avec DATASTORE_TOKEN)" : " (DATASTORE_TOKEN)"}`,
    `  ${state}`,
    `  Origines autorisées (CORS) : ${server.allowedOrigins.join(", ") || "aucune"} (ajoutez-en avec SITE_ORIGIN)`,
    "Dans le site, indiquez cette URL de base et ce jeton. Essai en ligne de commande :",
    `  curl -H "Authorization: Bearer ${server.token}" ${server.url}/users/me`,
  ];
}

/** Starts the local datastore server (state loaded from `dir`, saved after every change). */
export async function startDatastoreServer(options: DatastoreServerOptions = {}): Promise<DatastoreServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const host = options.host ?? "127.0.0.1";
  const basePath = `/${(options.basePath ?? "/api").replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
  const tokenGenerated = !options.token;
  const token = options.token || generateToken();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cors = new CorsPolicy(options.allowedOrigins ?? defaultAllowedOrigins());
  const loaded = loadState(options.dir ?? DEFAULT_DIR, options.datastore);
  const { store } = loaded;
  const refused = new Set<string>();
  let origin = "";
  let handlers: ReturnType<typeof createHandlers> = [];

  // Says once per origin why the browser blocks it (the browser itself hides the reason from the page).
  const noteRefused = (requestOrigin: string | undefined): void => {
    if (requestOrigin === undefined || cors.allows(requestOrigin) || refused.has(requestOrigin)) return;
    refused.add(requestOrigin);
    log(`Origine non autorisée par CORS : ${requestOrigin} — relancez avec SITE_ORIGIN=${requestOrigin} pour l'accepter.`);
  };

  // OPTIONS: preflights are answered here, without token; the handlers never see them.
  const answerOptions = (request: IncomingMessage, requestOrigin: string | undefined): Response => {
    request.resume();
    const preflight = requestOrigin !== undefined && request.headers["access-control-request-method"] !== undefined;
    if (!preflight) return new Response(null, { status: 204, headers: { Allow: ALLOWED_METHODS, ...cors.responseHeaders(requestOrigin) } });
    if (!cors.allows(requestOrigin)) {
      const refusedResponse = errorBody(403, [`Origine non autorisée : ${requestOrigin}. Relancez l'entrepôt simulé avec SITE_ORIGIN=${requestOrigin}.`]);
      refusedResponse.headers.set("Vary", "Origin");
      return refusedResponse;
    }
    const privateNetwork = request.headers["access-control-request-private-network"] === "true";
    return new Response(null, { status: 204, headers: cors.preflightHeaders(requestOrigin, privateNetwork) });
  };

  // Any other method: the shared handlers, then a 404 naming the base for paths outside it.
  const forward = async (request: IncomingMessage): Promise<Response> => {
    const url = requestUrl(origin, request.url);
    const fetchRequest = await toFetchRequest(request, url, maxBodyBytes);
    const answer = await getResponse(handlers, fetchRequest);
    return answer ?? errorBody(404, [
      `Route inconnue : ${fetchRequest.method} ${url.pathname}. L'API de l'entrepôt simulé est servie sous ${origin}${basePath} : utilisez cette URL de base.`,
    ]);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestOrigin = request.headers.origin;
    let answer: Response;
    try {
      noteRefused(requestOrigin);
      answer = request.method === "OPTIONS" ? answerOptions(request, requestOrigin) : await forward(request);
    } catch (error) {
      if (error instanceof BridgeError) {
        answer = errorBody(error.status, [error.message]);
        if (error.status === 413) answer.headers.set("Connection", "close");
      } else {
        log(`Erreur interne de l'entrepôt simulé : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        answer = fromError(error);
      }
    }
    if (request.method !== "OPTIONS") {
      stripCorsHeaders(answer.headers);
      for (const [name, value] of Object.entries(cors.responseHeaders(requestOrigin))) answer.headers.set(name, value);
    }
    await sendFetchResponse(answer, response);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`Réponse impossible à envoyer : ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json" });
      response.end();
    });
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT, host);
  server.on("error", (error) => log(`Erreur du serveur de l'entrepôt simulé : ${error.message}`));
  origin = `http://${urlHost(host)}:${port}`;
  handlers = createHandlers(store, {
    baseUrl: `${origin}${basePath}`,
    token,
    onError: (error, request) =>
      log(`Erreur interne sur ${request.method} ${request.url} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const stopSaving = persistChanges(store, loaded.file, (error) =>
    log(`Impossible d'enregistrer l'état dans ${loaded.file} : ${error instanceof Error ? error.message : String(error)}`));

  const running: DatastoreServer = {
    url: `${origin}${basePath}`,
    origin,
    port,
    token,
    tokenGenerated,
    stateFile: loaded.file,
    allowedOrigins: cors.origins,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopSaving();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  for (const line of startLines(running, loaded)) log(line);
  return running;
}
