// What the simulated WMS-Vecteur draws for a published WMS-VECTOR configuration: each relation of its
// used_data (first one on top) with its table's features, its SLD style and its FTL template, read from the
// records (one transaction) then from the blob store. Parsed styles are kept by blob key.
import type { Store } from "../core/store.ts";
import { FormatError } from "../formats/errors.ts";
import { objectItems } from "../core/json.ts";
import { STATICS } from "../resources/statics/records.ts";
import type { Published } from "./published.ts";
import type { Table } from "./vector-data.ts";
import { vectorTables } from "./vector-data.ts";
import type { StyledTable } from "./render/draw.ts";
import type { Style } from "./render/sld.ts";
import { parseSld } from "./render/sld.ts";

/** One drawn relation: its table, style and template (text of the FTL static, when the relation has one). */
export interface DrawnRelation extends StyledTable {
  template?: string;
}

/** A problem that makes a layer impossible to draw (the service answers an exception report with it). */
export class LayerProblem extends Error {}

const styles = new Map<string, Style>();
const decoder = new TextDecoder();

// The text of a blob.
async function blobText(store: Store, key: string | undefined, what: string): Promise<string> {
  const bytes = key ? await store.blobs.read(key) : undefined;
  if (!bytes) throw new LayerProblem(`le contenu du ${what} est introuvable dans l'entrepôt`);
  return decoder.decode(bytes);
}

// The parsed style of a blob (kept: a static's new content gets a new blob).
async function styleOf(store: Store, key: string | undefined, name: string): Promise<Style> {
  const known = key ? styles.get(key) : undefined;
  if (known) return known;
  const text = await blobText(store, key, `style « ${name} »`);
  try {
    const style = parseSld(text);
    if (styles.size > 200) styles.clear();
    styles.set(key!, style);
    return style;
  } catch (error) {
    if (error instanceof FormatError) throw new LayerProblem(`le style « ${name} » ne peut pas être appliqué : ${error.message}`);
    throw error;
  }
}

/** The relations of a published configuration, first (top) one first; LayerProblem when one cannot be drawn. */
export async function drawnRelations(store: Store, published: Published): Promise<DrawnRelation[]> {
  const items = objectItems(published.configuration.type_infos.used_data);
  // Records first (one synchronous transaction), then the blobs.
  const wanted = store.run((ctx) => items.flatMap((item) => objectItems(item.relations).map((relation) => {
    const find = (id: unknown) => (typeof id === "string" ? ctx.records.get(STATICS, id) : undefined);
    return { storedData: String(item.stored_data), name: String(relation.name), style: find(relation.style), ftl: find(relation.ftl), styleId: relation.style };
  })));
  const tables = new Map<string, Map<string, Table>>();
  const out: DrawnRelation[] = [];
  for (const relation of wanted) {
    const data = published.storedData.find((candidate) => candidate._id === relation.storedData);
    if (!data) throw new LayerProblem(`la donnée stockée de la table « ${relation.name} » n'existe plus`);
    if (!tables.has(data._id)) tables.set(data._id, await vectorTables(store, data));
    const table = tables.get(data._id)!.get(relation.name);
    if (!table) throw new LayerProblem(`la table « ${relation.name} » est absente de la donnée stockée « ${data.name} »`);
    if (!relation.style) throw new LayerProblem(`le style de la table « ${relation.name} » (${String(relation.styleId)}) n'existe plus`);
    const style = await styleOf(store, relation.style.blob, relation.style.name);
    const template = relation.ftl ? await blobText(store, relation.ftl.blob, `gabarit « ${relation.ftl.name} »`) : undefined;
    out.push({ table, style, ...(template !== undefined ? { template } : {}) });
  }
  return out;
}
