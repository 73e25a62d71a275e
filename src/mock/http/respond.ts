// Responses of the simulated API: JSON bodies, empty 204s, paginated lists with Content-Range, and the
// API's error body for every failure.
import { BlobTooLargeError } from "../core/blobs.ts";
import { ApiError, badRequest, REASONS } from "../core/errors.ts";

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** An empty 204 response. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** The error body `{"error", "error_description": [...]}` with the given status. */
export function errorResponse(status: number, descriptions: string[], headers: Record<string, string> = {}): Response {
  return json({ error: REASONS[status] ?? "Error", error_description: descriptions }, status, headers);
}

/** Turns anything thrown into a response: ApiError → its status, anything else → 500 (state untouched). */
export function fromError(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.descriptions);
  if (error instanceof BlobTooLargeError) return errorResponse(413, [error.message]);
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(500, [`Erreur interne de la simulation de l'API Entrepôt : ${message}. L'état n'a pas été modifié.`]);
}

// A non-negative integer query parameter, or 400.
function integerParam(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw badRequest(`Paramètre de requête « ${name} » invalide : ${JSON.stringify(raw)} (entier ≥ ${min} attendu).`);
  }
  return value;
}

/** The page a list request asks for (`page` from 1 — 0 is read as 1 — and `limit`); 400 when invalid. */
export function pageOf(url: URL, defaultLimit: number): { offset: number; limit: number } {
  const page = Math.max(1, integerParam(url, "page", 1, 0));
  const limit = integerParam(url, "limit", defaultLimit, 1);
  return { offset: (page - 1) * limit, limit };
}

/** A page of a list with `Content-Range: first-last/total` (`0-0/total` when empty). */
export function pageResponse(items: readonly unknown[], total: number, offset: number): Response {
  const range = items.length === 0 ? `0-0/${total}` : `${offset + 1}-${offset + items.length}/${total}`;
  return json(items, 200, { "Content-Range": range });
}

/** A page of a list held whole in memory. */
export function paginated(items: readonly unknown[], url: URL, defaultLimit: number): Response {
  const { offset, limit } = pageOf(url, defaultLimit);
  return pageResponse(items.slice(offset, offset + limit), items.length, offset);
}

/** Default page size of entity lists. */
export const DEFAULT_LIMIT = 10;
