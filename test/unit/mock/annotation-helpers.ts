// Shared steps of the annotation tests: a CLOSED archive upload, the ARCHIVE stored data made from it and a
// DOWNLOAD configuration of that stored data, through the API.
import assert from "node:assert/strict";
import ids from "../../../_data/ids.json" with { type: "json" };
import { closeAndCheck, createUpload, DS, runExecution, sendFiles } from "./helpers.ts";
import type { harness } from "./helpers.ts";

/** Ids of one record of each annotated kind. */
export interface Chain {
  upload: string;
  storedData: string;
  configuration: string;
}

/** Creates an upload (closed and checked), its ARCHIVE stored data (generated) and a DOWNLOAD configuration. */
export async function archiveChain(h: ReturnType<typeof harness>): Promise<Chain> {
  const upload = await createUpload(h);
  await sendFiles(h, upload, [["data/DEPARTEMENT.shp", "shape bytes"]]);
  assert.equal((await closeAndCheck(h, upload)).body.status, "CLOSED");
  const execution = await runExecution(h, {
    processing: ids.processings.archive_to_archive, inputs: { upload: [upload] }, output: { stored_data: { name: "Données départementales", storage_tags: ["ARCHIVE"] } },
  });
  assert.equal(execution.body.status, "SUCCESS", JSON.stringify(execution.body));
  const storedData = execution.body.output.stored_data._id as string;
  const configuration = await h.call("POST", `${DS}/configurations`, {
    json: {
      type: "DOWNLOAD", name: "Limites administratives", layer_name: "limites_administratives",
      type_infos: {
        title: { fr: "Limites administratives" }, abstract: { fr: "Limites administratives" }, keywords: ["Tutoriel"],
        used_data: [{ sub_name: "departements", title: { fr: "Départements" }, abstract: { fr: "Départements" }, keywords: ["Limites"], format: "SHP", zone: "FXX", stored_data: storedData }],
      },
    },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  return { upload, storedData, configuration: configuration.body._id as string };
}

/** The path of each annotated kind for a chain: `[segment, id]`. */
export const targetsOf = (chain: Chain): [string, string][] => [["uploads", chain.upload], ["stored_data", chain.storedData], ["configurations", chain.configuration]];
