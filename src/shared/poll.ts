// Which responses describe an asynchronous lifecycle, and when it is over. Used by the build (to offer
// "attendre le statut final" on a block), by the browser runner (to poll until the status is final or blocked), by
// the snippets and the exporters (polling loops written from pollSpecFor's data).
import type { HttpMethod } from "./block-contract.ts";
import { PARTS_STRINGS } from "./strings.ts";

const S = PARTS_STRINGS.poll;

/**
 * Progress read from one response: `final` when polling is over (a final status, or `blocked`: waiting cannot change
 * the status, a step is missing), a short label of where it stands, and for a final status whether it is a success.
 */
export interface Progress {
  final: boolean;
  label: string;
  /** Why waiting cannot finish and the missing step (French), e.g. an execution never launched. */
  blocked?: string;
  /** For a final, not blocked status: "success" (SUCCESS, GENERATED, PUBLISHED, CLOSED) or "failure". */
  outcome?: "success" | "failure";
}

/** A resource read through its `status` field: statuses that mean "wait", final ones, and those waiting never leaves. */
export interface StatusPollSpec {
  kind: "status";
  /** Statuses that change by themselves: read again. */
  pending: string[];
  /** Final statuses that mean it worked. */
  success: string[];
  /** Final statuses that mean it failed. */
  failure: string[];
  /** Statuses that only a request of the reader changes (status → the French reason and missing step). */
  blocked: Record<string, string>;
}

/** An upload's checks (…/uploads/{id}/checks): pending while `asked` or `in_progress` hold items, failed when `failed` does. */
export interface ChecksPollSpec {
  kind: "checks";
  /** Lists that must be empty for the checks to be over. */
  pending: ["asked", "in_progress"];
  /** The list whose items are failed checks. */
  failure: "failed";
  /** The French reason when all four lists are empty (no check was started: the upload was not closed). */
  blockedWhenEmpty: string;
}

/** How a block's answer is polled. */
export type PollSpec = StatusPollSpec | ChecksPollSpec;

// Paths are matched after the API base; ids may still be placeholders in braces at build time.
const SEGMENT = "[^/?#]+";
const ID = `(${SEGMENT})`;

// The polling rules by URL: each builds its spec from the id in the URL (used in the missing step's request).
const RULES: { pattern: RegExp; spec(id: string): PollSpec }[] = [
  {
    pattern: new RegExp(`/uploads/${ID}/checks$`),
    spec: (id) => ({ kind: "checks", pending: ["asked", "in_progress"], failure: "failed", blockedWhenEmpty: S.checksNotStarted(id) }),
  },
  {
    pattern: new RegExp(`/processings/executions/${ID}$`),
    spec: (id) => ({ kind: "status", pending: ["WAITING", "PROGRESS"], success: ["SUCCESS"], failure: ["FAILURE", "ABORTED"], blocked: { CREATED: S.notLaunched(id) } }),
  },
  {
    pattern: new RegExp(`/checks/executions/${ID}$`),
    spec: () => ({ kind: "status", pending: ["WAITING", "PROGRESS"], success: ["SUCCESS"], failure: ["FAILURE"], blocked: {} }),
  },
  {
    pattern: new RegExp(`/uploads/${ID}$`),
    spec: (id) => ({ kind: "status", pending: ["CHECKING", "GENERATING", "MODIFYING"], success: ["CLOSED"], failure: ["UNSTABLE"], blocked: { OPEN: S.uploadOpen(id) } }),
  },
  {
    pattern: new RegExp(`/stored_data/${ID}$`),
    spec: () => ({ kind: "status", pending: ["CREATED", "GENERATING", "MODIFYING"], success: ["GENERATED"], failure: ["UNSTABLE"], blocked: {} }),
  },
  {
    pattern: new RegExp(`/offerings/${ID}$`),
    spec: () => ({ kind: "status", pending: ["PUBLISHING", "MODIFYING", "UNPUBLISHING"], success: ["PUBLISHED"], failure: ["UNSTABLE"], blocked: {} }),
  },
];

/** The polling rule of a request as data (for loops written in Bash, Python, Bruno, Arazzo), or undefined. */
export function pollSpecFor(method: HttpMethod, url: string): PollSpec | undefined {
  if (method !== "GET") return undefined;
  const path = url.split(/[?#]/, 1)[0]!;
  for (const rule of RULES) {
    const match = rule.pattern.exec(path);
    if (match) return rule.spec(match[1]!);
  }
  return undefined;
}

const field = (body: unknown, key: string): unknown =>
  body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;

/** Progress of one answer under a polling rule. */
export function progressOf(spec: PollSpec, body: unknown): Progress {
  if (spec.kind === "checks") {
    const count = (key: string) => {
      const list = field(body, key);
      return Array.isArray(list) ? list.length : 0;
    };
    const [asked, inProgress, passed, failed] = ["asked", "in_progress", "passed", "failed"].map(count) as [number, number, number, number];
    const label = `asked ${asked} · in_progress ${inProgress} · passed ${passed} · failed ${failed}`;
    if (asked + inProgress + passed + failed === 0) return { final: true, label, blocked: spec.blockedWhenEmpty };
    if (asked + inProgress > 0) return { final: false, label };
    return { final: true, label, outcome: failed > 0 ? "failure" : "success" };
  }
  const status = field(body, "status");
  if (typeof status !== "string") return { final: true, label: "?" };
  const blocked = spec.blocked[status];
  if (blocked !== undefined) return { final: true, label: status, blocked };
  if (spec.pending.includes(status)) return { final: false, label: status };
  const outcome = spec.success.includes(status) ? "success" : spec.failure.includes(status) ? "failure" : undefined;
  return { final: true, label: status, ...(outcome ? { outcome } : {}) };
}

/** The progress reader for a block, or undefined when the request does not read an asynchronous status. */
export function pollRuleFor(method: HttpMethod, url: string): ((body: unknown) => Progress) | undefined {
  const spec = pollSpecFor(method, url);
  return spec && ((body: unknown) => progressOf(spec, body));
}

/**
 * The final status of an asynchronous resource's answer for the block header (SUCCESS, FAILURE, GENERATED, PUBLISHED,
 * UNSTABLE…; checks: SUCCESS or FAILURE once over), with its outcome; undefined while pending, blocked, or not async.
 */
export function finalLabel(method: HttpMethod, url: string, body: unknown): { label: string; outcome?: "success" | "failure" } | undefined {
  const spec = pollSpecFor(method, url);
  if (!spec) return undefined;
  const progress = progressOf(spec, body);
  if (!progress.final || progress.blocked || progress.label === "?") return undefined;
  if (spec.kind === "checks") return progress.outcome === "failure" ? { label: "FAILURE", outcome: "failure" } : { label: "SUCCESS", outcome: "success" };
  return { label: progress.label, ...(progress.outcome ? { outcome: progress.outcome } : {}) };
}
