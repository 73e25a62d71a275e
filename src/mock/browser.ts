// Browser adapter: the simulated datastore served by an MSW service worker, its state kept in localStorage
// (in memory when storage is unavailable) and saved after every change, so that a reload resumes where the
// reader was — executions and checks keep progressing since their state is made of timestamps.
import { delay, http, HttpResponse } from "msw";
import { setupWorker } from "msw/browser";
import urls from "../../_data/urls.json" with { type: "json" };
import { createHandlers } from "./handlers.ts";
import { errorResponse } from "./http/respond.ts";
import type { SimulatedDatastoreOptions } from "./model/datastore.ts";
import { SimulatedDatastore } from "./model/datastore.ts";

/** Options of startSimulatedDatastore. */
export interface BrowserDatastoreOptions extends SimulatedDatastoreOptions {
  /** localStorage key of the saved state. */
  storageKey?: string;
  /** API base URL (default https://data.geopf.fr/api). */
  baseUrl?: string;
  /** URL of the service worker script (default /mockServiceWorker.js). */
  serviceWorkerUrl?: string;
  /** The failure to simulate on API requests, read at each request (default: none). */
  fault?: () => Fault;
  /** Called when the state can no longer be saved (storage full or refused): it then lives in memory only. */
  onPersistenceLost?: () => void;
}

/** Failures the reader can simulate from the settings: slow answers, a server error, no answer at all. */
export type Fault = "none" | "latency" | "server-error" | "network-error";

/** Delay added by the "latency" fault. */
export const FAULT_LATENCY_MS = 2500;

/** A running simulation. */
export interface SimulatedDatastoreHandle {
  store: SimulatedDatastore;
  /** Whether the state is saved in localStorage (false: memory only, lost on reload). */
  persistent: boolean;
  /** Forgets everything created so far (uploads, stored data…) and clears the saved state. */
  reset(): void;
  /** Stops intercepting requests. */
  stop(): void;
}

/** Default localStorage key. */
export const DEFAULT_STORAGE_KEY = "entrepot-simulation";

// localStorage if usable (it may be missing, blocked or throw in private modes).
function usableStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const probe = "__entrepot-simulation-probe__";
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

// The saved state's text, or null when nothing is saved or storage refuses.
function safeRead(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

// The saved datastore, or a fresh one when nothing (readable) is saved.
function loadStore(storage: Storage | undefined, key: string, options: SimulatedDatastoreOptions): SimulatedDatastore {
  const saved = safeRead(storage, key);
  if (saved) {
    try {
      return SimulatedDatastore.fromJSON(saved, options);
    } catch (error) {
      console.warn("Simulation de l'API Entrepôt : état sauvegardé illisible, nouvel état.", error);
    }
  }
  return new SimulatedDatastore(options);
}

/** Starts the service worker and the simulated datastore. */
export async function startSimulatedDatastore(options: BrowserDatastoreOptions = {}): Promise<SimulatedDatastoreHandle> {
  const key = options.storageKey ?? DEFAULT_STORAGE_KEY;
  const storage = usableStorage();
  const store = loadStore(storage, key, options);
  let saved = safeRead(storage, key);
  let persistent = storage !== undefined;
  store.subscribe((state) => {
    const text = JSON.stringify(state);
    saved = text;
    try {
      storage?.setItem(key, text);
    } catch {
      if (persistent) options.onPersistenceLost?.();
      persistent = false;
    }
  });
  const base = (options.baseUrl ?? urls.api_entrepot).replace(/\/+$/, "");
  // Runs before the API's handlers and falls through to them (returns nothing) unless a fault is simulated.
  const before = http.all("*", async ({ request }) => {
    // Another tab of the site may have changed the datastore: continue from its saved state.
    const current = safeRead(storage, key);
    if (persistent && current !== null && current !== saved) {
      try {
        store.replaceState(current);
        saved = current;
      } catch {
        // unreadable: keep ours
      }
    }
    if (!request.url.startsWith(`${base}/`)) return undefined;
    const fault = options.fault?.() ?? "none";
    if (fault === "latency") await delay(FAULT_LATENCY_MS);
    if (fault === "server-error") return errorResponse(500, ["Panne simulée (réglages) : l'entrepôt simulé répond 500 à toutes les requêtes de l'API."]);
    if (fault === "network-error") return HttpResponse.error();
    return undefined;
  });
  const handlerOptions = { onError: (error: unknown) => console.error("Simulation de l'API Entrepôt : erreur interne", error) };
  const worker = setupWorker(before, ...createHandlers(store, options.baseUrl ? { ...handlerOptions, baseUrl: options.baseUrl } : handlerOptions));
  await worker.start({ serviceWorker: { url: options.serviceWorkerUrl ?? "/mockServiceWorker.js" }, onUnhandledRequest: "bypass", quiet: true });
  return {
    store,
    get persistent() {
      return persistent;
    },
    reset() {
      store.reset();
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing saved, nothing to clear.
      }
    },
    stop() {
      worker.stop();
    },
  };
}
