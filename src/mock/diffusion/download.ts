// The simulated download service (Atom feeds, JSON with Accept: application/json): capabilities (the
// published resources), a resource (its sub-resources, one per used_data) and a sub-resource (the files of
// the ARCHIVE stored data, with their length, MD5 and the link that downloads them).
import { STORED_DATA } from "../resources/stored-data/records.ts";
import type { StoredDataRecord } from "../resources/stored-data/records.ts";
import type { Context } from "../core/context.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import type { Xml } from "../formats/xml.ts";
import { isoDate } from "../core/time.ts";
import { objectItems } from "../core/json.ts";
import { NOMENCLATURES } from "../resources/statics/nomenclatures.ts";
import type { Published } from "./published.ts";
import { keywords, text } from "./published.ts";

/** Namespace of the download service's extensions. */
export const GPF_DL = "https://data.geopf.fr/annexes/ressources/xsd/gpf_dl.xsd";

/** One Atom entry, rendered as XML or JSON. */
export interface Entry {
  id: string;
  title: string;
  summary?: string;
  updated: string;
  link: { href: string; rel: string; type: string; length?: number }[];
  content?: string;
  extra?: Record<string, { term: string; label: string } | string>;
  category?: string[];
}

/** A feed: id, title and entries. */
export interface Feed {
  id: string;
  title: string;
  updated: string;
  entry: Entry[];
}

const label = (type: string, term: string): string => NOMENCLATURES.find((n) => n.type === type && n.term === term)?.label ?? term;

/** The resources (published DOWNLOAD configurations), optionally filtered by zone and format terms. */
export function capabilitiesFeed(root: string, published: Published[], now: number, filters: { zone?: string | null; format?: string | null }): Feed {
  const entries = published
    .filter(({ configuration }) => objectItems(configuration.type_infos.used_data).some((item) =>
      (!filters.zone || item.zone === filters.zone) && (!filters.format || item.format === filters.format)))
    .map(({ configuration, offering }) => ({
      id: `${root}/resource/${configuration.layer_name}`, title: text(configuration.type_infos.title) || configuration.name,
      summary: text(configuration.type_infos.abstract), updated: isoDate(offering.update),
      link: [{ href: `${root}/resource/${configuration.layer_name}`, rel: "alternate", type: "application/atom+xml" }],
      category: keywords(configuration.type_infos.keywords),
    }));
  return { id: `${root}/capabilities`, title: "Service de téléchargement de la Géoplateforme (simulation)", updated: isoDate(now), entry: entries };
}

/** The sub-resources of a resource (one per used_data item). */
export function resourceFeed(root: string, item: Published, ctx: Context): Feed {
  const { configuration, offering } = item;
  const base = `${root}/resource/${configuration.layer_name}`;
  const entries = objectItems(configuration.type_infos.used_data).map((used) => {
    const storedData = typeof used.stored_data === "string" ? ctx.records.get(STORED_DATA, used.stored_data) : undefined;
    const extra: Record<string, { term: string; label: string } | string> = {};
    if (typeof used.zone === "string") extra.zone = { term: used.zone, label: label("ZONE", used.zone) };
    if (typeof used.format === "string") extra.format = { term: used.format, label: label("FORMAT", used.format) };
    const edition = storedData?.edition?.to ?? storedData?.edition?.from;
    if (typeof edition === "string") extra.editionDate = edition;
    if (storedData?.srs) extra.crs = storedData.srs;
    return {
      id: `${base}/${String(used.sub_name)}`, title: text(used.title) || String(used.sub_name), summary: text(used.abstract),
      updated: isoDate(storedData?.update ?? offering.update), extra,
      link: [{ href: `${base}/${String(used.sub_name)}`, rel: "alternate", type: "application/atom+xml" }],
    };
  });
  return { id: base, title: text(configuration.type_infos.title) || configuration.name, updated: isoDate(offering.update), entry: entries };
}

// The used_data item of a sub-resource and its stored data.
function subResource(item: Published, subName: string, ctx: Context) {
  const used = objectItems(item.configuration.type_infos.used_data).find((candidate) => candidate.sub_name === subName);
  if (!used) return undefined;
  return { used, storedData: typeof used.stored_data === "string" ? ctx.records.get(STORED_DATA, used.stored_data) : undefined };
}

/** A file of a sub-resource (its record, with the blob key): undefined when the sub-name is unknown, null when the file is. */
export function downloadFile(item: Published, subName: string, fileName: string, ctx: Context): StoredDataRecord["files"][number] | null | undefined {
  const found = subResource(item, subName, ctx);
  if (!found) return undefined;
  return found.storedData?.files.find((file) => file.path === fileName) ?? null;
}

/** The files of a sub-resource, or undefined when the sub-name is unknown. */
export function subResourceFeed(root: string, item: Published, subName: string, ctx: Context): Feed | undefined {
  const found = subResource(item, subName, ctx);
  if (!found) return undefined;
  const { used, storedData } = found;
  const base = `${root}/download/${encodeURIComponent(item.configuration.layer_name)}/${encodeURIComponent(subName)}`;
  const entries = (storedData?.files ?? []).map((file) => {
    const href = `${base}/${encodeURIComponent(file.path)}`;
    const entry: Entry = {
      id: href, title: file.path, updated: isoDate(storedData!.update),
      link: [{ href, rel: "alternate", type: "application/octet-stream", length: file.size }],
    };
    if (file.md5) entry.content = file.md5;
    return entry;
  });
  return { id: `${root}/resource/${item.configuration.layer_name}/${subName}`, title: text(used.title) || subName, updated: isoDate(storedData?.update ?? item.offering.update), entry: entries };
}

// Atom rendering of one entry.
function entryXml(entry: Entry): Xml {
  return el("entry", {},
    el("id", {}, entry.id), el("title", {}, entry.title), entry.summary ? el("summary", {}, entry.summary) : undefined, el("updated", {}, entry.updated),
    ...entry.link.map((link) => el("link", { href: link.href, rel: link.rel, type: link.type, length: link.length })),
    ...(entry.category ?? []).map((term) => el("category", { term })),
    ...Object.entries(entry.extra ?? {}).map(([key, value]) => (typeof value === "string" ? el(`gpf_dl:${key}`, {}, value) : el(`gpf_dl:${key}`, { term: value.term, label: value.label }))),
    entry.content ? el("content", { type: "text" }, entry.content) : undefined);
}

/** A feed as Atom XML. */
export function feedXml(feed: Feed): string {
  return xmlDocument(
    el("feed", { xmlns: "http://www.w3.org/2005/Atom", "xmlns:gpf_dl": GPF_DL, "gpf_dl:pagecount": 1, "gpf_dl:totalentries": feed.entry.length },
      el("id", {}, feed.id), el("title", {}, feed.title), el("updated", {}, feed.updated),
      el("link", { href: feed.id, rel: "self", type: "application/atom+xml" }), ...feed.entry.map(entryXml)),
  );
}

/** A feed as the service's JSON (Accept: application/json). */
export function feedJson(feed: Feed): Record<string, unknown> {
  const entry = feed.entry.map(({ extra, category, ...rest }) => ({ ...rest, ...extra, ...(category?.length ? { category: category.map((term) => ({ term })) } : {}) }));
  return { id: feed.id, title: feed.title, updated: feed.updated, pagecount: 1, totalentries: feed.entry.length, link: [{ href: feed.id, rel: "self" }], entry };
}
