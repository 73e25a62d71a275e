// Responses of the simulated API: JSON bodies, empty 204s, paginated lists with Content-Range, and the
// API's error body for every failure.
import { ApiError, badRequest, REASONS } from "../model/errors.ts";

/** Headers that let a cross-origin page read the responses (the Node server needs them; harmless elsewhere). */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "Content-Range",
};

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...CORS_HEADERS, ...headers } });
}

/** An empty 204 response. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS } });
}

/** The error body `{"error", "error_description": [...]}` with the given status. */
export function errorResponse(status: number, descriptions: string[], headers: Record<string, string> = {}): Response {
  return json({ error: REASONS[status] ?? "Error", error_description: descriptions }, status, headers);
}

/** Turns anything thrown into a response: ApiError → its status, anything else → 500 (state untouched). */
export function fromError(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.descriptions);
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

/** A page of a list (`page` from 1 — 0 is read as 1 — and `limit`), with `Content-Range: first-last/total`. */
export function paginated(items: readonly unknown[], url: URL, defaultLimit: number): Response {
  const page = Math.max(1, integerParam(url, "page", 1, 0));
  const limit = integerParam(url, "limit", defaultLimit, 1);
  const start = (page - 1) * limit;
  const slice = items.slice(start, start + limit);
  const range = slice.length === 0 ? `0-0/${items.length}` : `${start + 1}-${start + slice.length}/${items.length}`;
  return json(slice, 200, { "Content-Range": range });
}

/** Default page size of entity lists. */
export const DEFAULT_LIMIT = 10;
