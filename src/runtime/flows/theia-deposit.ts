// The page component of the Theia/OZCAR tutorial: builds the deposit archive (pivot JSON and one zip per dataset,
// from small generated files) for the producer given, shows what it holds with the sizes, lets the reader save it,
// and fills the variables of the PUT block (producer id, basic credentials).
import { buildDepositArchive, producerId, theiaValues } from "../../shared/flows/theia.ts";
import { STRINGS } from "../../shared/strings.ts";
import { setVariables, type VariablesState } from "../state/variables.ts";
import { bytes, onRun, produce, table, type FlowParts } from "./common.ts";
import { sectionOf } from "../section.ts";

/** Name of the produced archive (the blocks' `@depot_theia.zip`; the procedure lets the name free). */
export const ARCHIVE_NAME = "depot_theia.zip";

/** Wires the component: its button builds the archive from the producer and password fields. */
export function setupTheiaDeposit(parts: FlowParts, variables: VariablesState): void {
  const text = STRINGS.flows;
  const producer = parts.root.querySelector<HTMLInputElement>("[data-flow-producer]");
  const password = parts.root.querySelector<HTMLInputElement>("[data-flow-password]");
  onRun(parts, async () => {
    const id = producerId(producer?.value ?? "");
    if (!id) throw new Error(text.theiaBadProducer);
    if (!password?.value) throw new Error(text.theiaNoPassword);
    const archive = await buildDepositArchive(id);
    const blob = new Blob([archive.bytes as Uint8Array<ArrayBuffer>], { type: "application/zip" });
    const { title, href } = sectionOf(parts.root);
    const rows = [[archive.pivot.name, text.theiaPivot, bytes(archive.pivot.size)], ...archive.datasets.map((item) => [item.name, text.theiaDataset, bytes(item.size)])];
    const summary = document.createElement("p");
    summary.textContent = text.theiaDone(ARCHIVE_NAME, bytes(blob.size));
    summary.dataset["flowSize"] = String(blob.size);
    const links = document.createElement("p");
    links.append(produce(blob, ARCHIVE_NAME, title, href, text.save(ARCHIVE_NAME, bytes(blob.size))));
    parts.result.append(summary, table(text.theiaCaption, text.theiaColumns, rows), links);
    parts.result.hidden = false;
    setVariables(variables, theiaValues(id, password.value), title);
    parts.status.textContent = text.ready(ARCHIVE_NAME);
  });
}
