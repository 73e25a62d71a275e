// What the data-flow components share: their markup hooks, the simulated defaults of their variables, a table and
// download links built in the page (textContent only: nothing the servers send is read as HTML).
import { STRINGS } from "../../shared/strings.ts";
import { putGeneratedFile } from "../generated-files.ts";

/** The parts of a component's markup (written in the tutorial page). */
export interface FlowParts {
  root: HTMLElement;
  run: HTMLButtonElement;
  status: HTMLElement;
  result: HTMLElement;
}

/** The parts of `[data-flow]` root, or undefined when one is missing. */
export function partsOf(root: HTMLElement): FlowParts | undefined {
  const run = root.querySelector<HTMLButtonElement>("[data-flow-run]");
  const status = root.querySelector<HTMLElement>("[data-flow-status]");
  const result = root.querySelector<HTMLElement>("[data-flow-result]");
  return run && status && result ? { root, run, status, result } : undefined;
}

/**
 * Runs `work` on each press of the component's button: the button disabled meanwhile, the previous result cleared
 * and hidden; a thrown error is said in the status line.
 */
export function onRun(parts: FlowParts, work: () => Promise<void>): void {
  parts.run.addEventListener("click", () => {
    void (async () => {
      parts.run.disabled = true;
      parts.result.hidden = true;
      parts.result.replaceChildren();
      try {
        await work();
      } catch (error) {
        parts.status.textContent = STRINGS.flows.failed(error instanceof Error ? error.message : String(error));
      } finally {
        parts.run.disabled = false;
      }
    })();
  });
}

/** A table with a header row and text cells. */
export function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const element = document.createElement("table");
  element.createCaption().textContent = caption;
  const header = element.createTHead().insertRow();
  for (const label of head) {
    const cell = document.createElement("th");
    cell.scope = "col";
    cell.textContent = label;
    header.append(cell);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const line = body.insertRow();
    for (const value of row) line.insertCell().textContent = value;
  }
  return element;
}

/** Records a produced file for the blocks and returns a link that saves it. */
export function produce(blob: Blob, name: string, producer: string, href: string, label: string): HTMLAnchorElement {
  putGeneratedFile({ blob, name, producer, href });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.textContent = label;
  link.dataset["flowFile"] = name;
  return link;
}

/** A size in bytes, French style (e.g. 12 345 octets). */
export const bytes = (size: number): string => `${size.toLocaleString("fr-FR")} octet${size > 1 ? "s" : ""}`;

