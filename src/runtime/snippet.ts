// The "Copier en curl / Python" text of a block, from the request as it would be sent now.
import type { BlockSpec } from "../shared/block-contract.ts";
import { pollRuleFor } from "../shared/poll.ts";
import { toCurl, toPython, type SnippetRequest } from "../shared/snippets.ts";
import type { Prepared } from "./block/request.ts";
import type { Session } from "./state/session.ts";
import type { Target } from "./transport.ts";
import { fileSources } from "./uploads.ts";

/** Renders a request as curl or Python requests code. */
export function snippetOf(kind: "curl" | "python", request: SnippetRequest): string {
  return kind === "curl" ? toCurl(request) : toPython(request);
}

/** What a snippet needs from a block: its prepared request, its files, its user's token, whether it waits. */
export function snippetRequest(spec: BlockSpec, prepared: Prepared, target: Target, session: Session, block: { ownFiles: File[] | null; waitFinal: boolean }): SnippetRequest {
  const user = spec.user;
  const token = user && user !== "dave" ? session.userTokens[user] : session.token;
  return {
    method: spec.method, url: target.url, body: prepared.body, fields: prepared.fields, headers: prepared.headers,
    ...(prepared.urlencoded ? { urlencoded: prepared.urlencoded } : {}), ...(spec.fileBody ? { fileBody: spec.fileBody } : {}), ...(user ? { user } : {}),
    files: spec.files ? fileSources(spec, block.ownFiles).map((file) => ({ name: file.name, ...(file.page ? { source: "page" as const } : {}) })) : undefined,
    token: target.real ? token?.value : undefined,
    revealToken: session.settings.revealToken,
    poll: block.waitFinal && pollRuleFor(spec.method, spec.url) !== undefined,
  };
}
