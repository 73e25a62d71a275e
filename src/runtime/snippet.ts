// The "Copier en curl / Python" text of a block, from the request as it would be sent now.
import { toCurl, toPython, type SnippetRequest } from "../shared/snippets.ts";

/** Renders a request as curl or Python requests code. */
export function snippetOf(kind: "curl" | "python", request: SnippetRequest): string {
  return kind === "curl" ? toCurl(request) : toPython(request);
}
