// Whether an API base is a datastore on this machine (`npm run datastore`), which also serves the diffusion services,
// the identity service and the flows' outside servers on its own origin. Read by the site's transport and by the
// headless replay.

/** True for an http(s) URL on 127.0.0.1, localhost or [::1]. */
export function isLoopback(base: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(base).hostname);
  } catch {
    return false;
  }
}
