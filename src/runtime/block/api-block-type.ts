// The members of the Alpine component "apiBlock" (src/runtime/components/api-block.ts): the markup binds to them
// through BLOCK_BINDINGS (src/shared/block-bindings.ts), checked against this interface.
import type { BlockSpec } from "../../shared/block-contract.ts";
import type { Provider } from "../providers.ts";
import type { Outcome, RunEnd } from "../runner.ts";
import type { Target } from "../transport.ts";
import type { Prepared } from "./request.ts";

/** State and methods of one block; the markup binds to these names (BLOCK_BINDINGS). */
export interface ApiBlock {
  spec: BlockSpec;
  root: HTMLElement;
  body: string;
  running: boolean;
  waitFinal: boolean;
  bodyError: string;
  missingMessage: string;
  missingSources: Provider[];
  statusLine: string;
  hasResult: boolean;
  status: number | "error";
  ms: number;
  sentUrl: string;
  headersText: string;
  finalText: string;
  finalClass: string;
  captured: Record<string, string>;
  unmatchedText: string;
  restored: boolean;
  ownFiles: File[] | null;
  diagnosisTitle: string;
  diagnosisText: string;
  offerRenew: boolean;
  copyMessage: string;
  truncatedLabel: string;
  controller: AbortController;
  readonly bodyEdited: boolean;
  readonly statusText: string;
  readonly statusClass: string;
  readonly durationText: string;
  readonly capturedText: string;
  readonly ownFilesLabel: string;
  readonly pickLabel: string;
  init(): void;
  resetBody(): void;
  startEditing(): void;
  pickFiles(event: Event): void;
  useSamples(): void;
  stop(): void;
  renewToken(): void;
  copyCurl(): Promise<void>;
  copyPython(): Promise<void>;
  downloadResponse(): void;
  copy(kind: "curl" | "python"): Promise<void>;
  prepare(): Prepared | undefined;
  refuse(message: string): void;
  target(url: string): Target;
  run(): Promise<void>;
  show(outcome: Outcome): void;
  capture(outcome: Outcome): void;
  finish(end: RunEnd, target: Target): void;
}
