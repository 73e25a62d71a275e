// The expiry a JWT-shaped token states: its payload's `exp` (seconds since epoch). Read by the settings (the reader's
// token) and by the headless replay (a step that waits for a token to expire). No DOM, no Node.

/** When the token expires (ms since epoch), from its payload's `exp`; undefined for an opaque or unreadable token. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const binary = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))) as { exp?: unknown };
    return typeof json.exp === "number" ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
