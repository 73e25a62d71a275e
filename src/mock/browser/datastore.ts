// Browser adapter: the simulated datastore served by an MSW service worker. Its records and file contents live in
// IndexedDB behind a memory working copy (browser-store.ts), shared by the site's tabs; a reload resumes where the
// reader was (checks and executions keep progressing, their state being made of timestamps). The simulated faults
// of the settings are applied around each API request, before it waits for other tabs.
import { delay, HttpResponse } from "msw";
import { setupWorker } from "msw/browser";
import urls from "../../../_data/urls.json" with { type: "json" };
import { FAULT_LATENCY_MS, type Fault } from "../../shared/faults.ts";
import { createStore } from "../app.ts";
import type { Store } from "../core/store.ts";
import { createHandlers } from "../handlers.ts";
import { errorResponse } from "../http/respond.ts";
import type { BrowserStoreOptions } from "./browser-store.ts";
import { openBrowserStore } from "./browser-store.ts";
import { LEGACY_STORAGE_KEY } from "./legacy-state.ts";

/** Options of startSimulatedDatastore. */
export interface BrowserDatastoreOptions extends Omit<BrowserStoreOptions, "createStore"> {
  /** localStorage key of a state saved by an earlier version of the site, imported once (besides LEGACY_STORAGE_KEY). */
  storageKey?: string;
  /** API base URL (default https://data.geopf.fr/api). */
  baseUrl?: string;
  /** URL of the service worker script (default /mockServiceWorker.js). */
  serviceWorkerUrl?: string;
  /** The failure to simulate on API requests, read at each request (default: none). */
  fault?: () => Fault;
}

/** A running simulation. */
export interface SimulatedDatastoreHandle {
  store: Store;
  /** Whether the datastore is saved in IndexedDB (false: memory only, lost on reload). */
  readonly persistent: boolean;
  /** Forgets everything created so far (uploads, stored data, files…), in every tab of the site. */
  reset(): Promise<void>;
  /** Stops intercepting requests and closes the database. */
  stop(): void;
}

// The simulated fault's answer, if any (after the "latency" fault's wait).
async function faultResponse(fault: Fault): Promise<Response | undefined> {
  if (fault === "latency") await delay(FAULT_LATENCY_MS);
  if (fault === "server-error") return errorResponse(500, ["Panne simulée (réglages) : l'entrepôt simulé répond 500 à toutes les requêtes de l'API."]);
  if (fault === "network-error") return HttpResponse.error();
  return undefined;
}

/** Starts the service worker and the simulated datastore. */
export async function startSimulatedDatastore(options: BrowserDatastoreOptions = {}): Promise<SimulatedDatastoreHandle> {
  const { storageKey, baseUrl, serviceWorkerUrl, fault, ...storeOptions } = options;
  const keys = [...new Set([LEGACY_STORAGE_KEY, ...(storageKey ? [storageKey] : [])])];
  const datastore = await openBrowserStore({ ...storeOptions, legacy: { keys, ...storeOptions.legacy }, createStore });
  const base = (baseUrl ?? urls.api_entrepot).replace(/\/+$/, "");
  const handlers = createHandlers(datastore.store, {
    ...(baseUrl ? { baseUrl } : {}),
    // The simulated identity service answers the connexion tutorial's blocks at the realms' token URLs; the settings
    // dialog's login, which asks the real service, bypasses the worker (src/runtime/real-api.ts).
    onError: (error) => console.error("Simulation de l'API Entrepôt : erreur interne", error),
    around: async (request, next) => {
      const simulated = request.url.startsWith(`${base}/`) ? await faultResponse(fault?.() ?? "none") : undefined;
      return simulated ?? datastore.exclusive(next);
    },
  });
  const worker = setupWorker(...handlers);
  try {
    await worker.start({ serviceWorker: { url: serviceWorkerUrl ?? "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true });
  } catch (error) {
    datastore.close();
    throw error;
  }
  return {
    store: datastore.store,
    get persistent() {
      return datastore.persistent;
    },
    reset: () => datastore.reset(),
    stop() {
      worker.stop();
      datastore.close();
    },
  };
}
