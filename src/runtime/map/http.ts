// Reading the diffusion services' answers for the map, with French errors naming the URL.
import { STRINGS } from "../../shared/strings.ts";

/** Longest wait for one service answer (capabilities, features, file lists). */
const TIMEOUT_MS = 30_000;

/** An answer that could not be used: its message is shown in the map panel; `status` when the service answered. */
export class ServiceError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** GETs `url` and returns its response when 2xx; throws a ServiceError otherwise. */
export async function fetchOk(url: string, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new ServiceError(STRINGS.map.networkError(url));
  }
  if (!response.ok) throw new ServiceError(STRINGS.map.httpError(response.status, url), response.status);
  return response;
}

/** GETs an XML document (capabilities, TileMap). */
export async function fetchXml(url: string): Promise<Document> {
  const text = await (await fetchOk(url, "application/xml, text/xml")).text();
  const document = new DOMParser().parseFromString(text, "application/xml");
  if (document.getElementsByTagName("parsererror").length > 0) throw new ServiceError(`${STRINGS.map.unreadable("XML")} : ${url}`);
  return document;
}

/** GETs a JSON document. */
export async function fetchJson(url: string): Promise<unknown> {
  const text = await (await fetchOk(url, "application/json")).text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError(`${STRINGS.map.unreadable("JSON")} : ${url}`);
  }
}

/** A URL with its query parameters set (names matched case-insensitively, as OGC services do). */
export function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) {
    if (Object.keys(params).some((key) => key.toLowerCase() === name.toLowerCase())) parsed.searchParams.delete(name);
  }
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

/** A query parameter of a URL, name matched case-insensitively. */
export function paramOf(url: string, name: string): string | undefined {
  for (const [key, value] of new URL(url).searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/** The URL without its query string: a service's root. */
export const serviceRoot = (url: string): string => url.split(/[?#]/, 1)[0]!;

/** The URL with the key of a private service (`apikey=`, the HASH key's query form), or as is without a key. */
export const keyed = (url: string, key: string | undefined): string => (key ? withParams(url, { apikey: key }) : url);
