// The page component of the GeoNature tutorial: reads every page of the export the variables name (instance, export,
// token), turns the observations into observations.geojson (and its .md5 line) for the VECTOR upload blocks below,
// shows the first observations and lets the reader save both files.
import { EXPORT_VARIABLES, exportFiles, exportSourceOf, GEOJSON_NAME, MD5_NAME, readExport } from "../../shared/flows/geonature.ts";
import { STRINGS } from "../../shared/strings.ts";
import { simulatorReady } from "../simulator.ts";
import type { Session } from "../state/session.ts";
import { valuesOf, type VariablesState } from "../state/variables.ts";
import { bytes, onRun, produce, table, type FlowParts } from "./common.ts";
import { sectionOf } from "../section.ts";

/** Wires the component: its button reads the export and produces the files. */
export function setupGeoNatureExport(parts: FlowParts, variables: VariablesState, session: Session): void {
  const text = STRINGS.flows;
  onRun(parts, async () => {
    const values = valuesOf(variables);
    const missing = EXPORT_VARIABLES.filter((name) => !values[name]);
    if (missing.length > 0) throw new Error(text.missingVariables(missing));
    if (session.settings.mode === "simule") await simulatorReady();
    const read = await readExport(exportSourceOf(values), fetch, (page, count, total) => {
      parts.status.textContent = text.geonatureProgress(page + 1, count, total);
    });
    const { geojson, md5: md5Text } = exportFiles(read);
    const blob = new Blob([geojson], { type: "application/geo+json" });
    const md5 = new Blob([md5Text], { type: "text/plain" });
    const { title, href } = sectionOf(parts.root);
    const links = document.createElement("p");
    links.append(produce(blob, GEOJSON_NAME, title, href, text.save(GEOJSON_NAME, bytes(blob.size))), " ", produce(md5, MD5_NAME, title, href, text.save(MD5_NAME, bytes(md5.size))));
    const rows = read.features.slice(0, 5).map((feature) => {
      const properties = feature.properties;
      const [lon, lat] = ((feature.geometry as { coordinates?: number[] } | null)?.coordinates ?? []) as number[];
      return [String(properties["nom_vernaculaire"] ?? ""), String(properties["date_debut"] ?? ""), String(properties["observateurs"] ?? ""), lon === undefined ? "" : `${lon}, ${lat}`];
    });
    const summary = document.createElement("p");
    summary.textContent = text.geonatureDone(read.features.length, read.pages, read.licence, bytes(blob.size));
    const preview = document.createElement("pre");
    preview.className = "flow__preview";
    preview.textContent = `${geojson.slice(0, 900)}…`;
    parts.result.append(summary, table(text.geonatureCaption, text.geonatureColumns, rows), preview, links);
    parts.result.hidden = false;
    parts.status.textContent = text.ready(GEOJSON_NAME);
  });
}
