// Explains a failed request in French: what happened, the likely cause, what to do.
import { STRINGS } from "../shared/strings.ts";
import type { Outcome } from "./runner.ts";
import type { Target } from "./transport.ts";

/** A diagnosis shown under a block; `renewToken` offers to open the token settings. */
export interface Diagnosis {
  title: string;
  details: string[];
  renewToken: boolean;
}

/** The API's error body, `{"error": …, "error_description": [ … ]}` (a string is tolerated too). */
function apiMessages(json: unknown): string[] {
  if (json === null || typeof json !== "object") return [];
  const { error, error_description: description } = json as { error?: unknown; error_description?: unknown };
  const lines = Array.isArray(description) ? description.map(String) : typeof description === "string" ? [description] : [];
  return typeof error === "string" && error !== "" ? [`${error}${lines.length ? " :" : ""}`, ...lines] : lines;
}

/** The diagnosis of an outcome, or undefined when the request succeeded. */
export function diagnose(outcome: Outcome, target: Target, pageOrigin: string): Diagnosis | undefined {
  const D = STRINGS.diagnosis;
  if (outcome.status === "error") {
    if (outcome.failure === "timeout") return { title: D.timeout, details: [D.timeoutHelp], renewToken: false };
    if (outcome.failure === "aborted") return undefined;
    const offline = typeof navigator !== "undefined" && navigator.onLine === false;
    const details = offline ? [D.offline] : target.simulated ? [D.simulatorDown] : D.networkCauses(new URL(target.url).origin, pageOrigin);
    return { title: D.network, details, renewToken: false };
  }
  const status = outcome.status;
  if (status < 400) return undefined;
  const messages = apiMessages(outcome.json);
  if (status === 401) return { title: D.unauthorized, details: [target.real ? D.unauthorizedReal : D.unauthorizedHelp, ...messages], renewToken: target.real };
  if (status === 403) return { title: D.forbidden, details: [D.forbiddenHelp, ...messages], renewToken: false };
  if (status === 404) return { title: D.notFound, details: [D.notFoundHelp, ...messages], renewToken: false };
  if (status >= 500) return { title: D.server(status), details: [D.serverHelp, ...messages], renewToken: false };
  return { title: D.client(status), details: messages.length ? messages : [D.clientHelp], renewToken: false };
}
