// Which responses describe an asynchronous lifecycle, and when it is over. Used by the build (to offer
// "attendre le statut final" on a block) and by the browser runner (to poll until the status is final).
import type { HttpMethod } from "./block-contract.ts";

/** Progress read from one response: whether the lifecycle is over and a short label of where it stands. */
export interface Progress {
  final: boolean;
  label: string;
}

/** A polling rule: the URLs it applies to and how to read progress from a response body. */
interface PollRule {
  pattern: RegExp;
  progress(body: unknown): Progress;
}

const field = (body: unknown, key: string): unknown =>
  body !== null && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;

const byStatus = (pending: readonly string[]) => (body: unknown): Progress => {
  const status = field(body, "status");
  if (typeof status !== "string") return { final: true, label: "?" };
  return { final: !pending.includes(status), label: status };
};

const checksProgress = (body: unknown): Progress => {
  const count = (key: string) => {
    const list = field(body, key);
    return Array.isArray(list) ? list.length : 0;
  };
  const [asked, inProgress, passed, failed] = ["asked", "in_progress", "passed", "failed"].map(count) as [number, number, number, number];
  return {
    final: asked + inProgress === 0,
    label: `asked ${asked} · in_progress ${inProgress} · passed ${passed} · failed ${failed}`,
  };
};

// Paths are matched after the API base; ids may still be placeholders in braces at build time.
const SEGMENT = "[^/?#]+";
const RULES: PollRule[] = [
  { pattern: new RegExp(`/uploads/${SEGMENT}/checks$`), progress: checksProgress },
  { pattern: new RegExp(`/processings/executions/${SEGMENT}$`), progress: byStatus(["CREATED", "WAITING", "PROGRESS"]) },
  { pattern: new RegExp(`/checks/executions/${SEGMENT}$`), progress: byStatus(["WAITING", "PROGRESS"]) },
  { pattern: new RegExp(`/uploads/${SEGMENT}$`), progress: byStatus(["CHECKING", "GENERATING", "MODIFYING"]) },
  { pattern: new RegExp(`/stored_data/${SEGMENT}$`), progress: byStatus(["CREATED", "GENERATING", "MODIFYING"]) },
  { pattern: new RegExp(`/offerings/${SEGMENT}$`), progress: byStatus(["PUBLISHING", "MODIFYING", "UNPUBLISHING"]) },
];

/** The progress reader for a block, or undefined when the request does not read an asynchronous status. */
export function pollRuleFor(method: HttpMethod, url: string): ((body: unknown) => Progress) | undefined {
  if (method !== "GET") return undefined;
  const path = url.split(/[?#]/, 1)[0]!;
  return RULES.find((rule) => rule.pattern.test(path))?.progress;
}
