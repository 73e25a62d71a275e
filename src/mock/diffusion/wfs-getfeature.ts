// WFS GetFeature over the published feature types: the features of their tables (diffusion/vector-data.ts)
// filtered (BBOX, CQL_FILTER, FILTER, RESOURCEID), sorted, paged, projected to the output CRS and written as
// GeoServer writes them: GeoJSON (application/json) or GML 3.2 in a wfs:FeatureCollection (the default).
import type { Store } from "../core/store.ts";
import { convertGeometry, geometryEnvelope } from "../formats/geometry.ts";
import type { GeoJsonGeometry } from "../formats/geometry.ts";
import type { Xml } from "../formats/xml.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import { xml } from "./ogc.ts";
import type { Feature, Table } from "./vector-data.ts";
import { vectorTables } from "./vector-data.ts";
import type { Crs } from "./wfs-crs.ts";
import { fromWgs84 } from "./wfs-crs.ts";
import { matches } from "./wfs-filter.ts";
import type { FeatureQuery, ServedType } from "./wfs-query.ts";
import { featureQuery } from "./wfs-query.ts";

/** Namespace URI of a layer prefix (as the capabilities declare it). */
export const namespaceOf = (prefix: string): string => `https://data.geopf.fr/${prefix}`;

/** The table serving each type (a table without features when the relation cannot be read). */
export async function tablesOf(store: Store, types: ServedType[]): Promise<Table[]> {
  const byData = new Map<string, Promise<Map<string, Table>>>();
  const out: Table[] = [];
  for (const type of types) {
    if (!byData.has(type.storedData._id)) byData.set(type.storedData._id, vectorTables(store, type.storedData));
    const tables = await byData.get(type.storedData._id)!;
    out.push(tables.get(type.native) ?? { name: type.native, columns: [], features: [] });
  }
  return out;
}

type Selected = { type: ServedType; table: Table; feature: Feature; index: number };

// The features matching the query, in order (per type: filter, bbox, sort), before paging.
function select(query: FeatureQuery, tables: Table[]): Selected[] {
  return query.types.flatMap((type, index) => {
    const table = tables[index]!;
    const filter = query.filters[index];
    const box = query.bbox;
    const kept = table.features.filter((feature) => {
      if (filter && !matches(filter, feature, type.local)) return false;
      if (!box) return true;
      const envelope = feature.geometry ? geometryEnvelope(feature.geometry) : undefined;
      return envelope !== undefined && envelope[0] <= box[2] && envelope[2] >= box[0] && envelope[1] <= box[3] && envelope[3] >= box[1];
    });
    if (query.sortBy.length > 0) {
      kept.sort((a, b) => {
        for (const { property, descending } of query.sortBy) {
          const [x, y] = [a.properties[property], b.properties[property]];
          if (x === y) continue;
          const order = x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fr");
          if (order !== 0) return descending ? -order : order;
        }
        return a.id - b.id;
      });
    }
    return kept.map((feature) => ({ type, table, feature, index }));
  });
}

// Coordinates rounded as GeoServer prints them (8 decimals in degrees, 3 in metres).
function project(geometry: GeoJsonGeometry, crs: Crs, ordered: boolean): GeoJsonGeometry {
  const convert = fromWgs84(crs, ordered);
  const factor = crs.code === "EPSG:4326" || crs.code === "CRS:84" ? 1e8 : 1e3;
  return convertGeometry(geometry, (lon, lat) => {
    const [x, y] = convert(lon, lat);
    return [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
  });
}

// The properties of a feature that the query asks for.
function properties(query: FeatureQuery, item: Selected): Record<string, string | number | boolean | null> {
  const asked = query.properties[item.index];
  const out: Record<string, string | number | boolean | null> = {};
  for (const column of item.table.columns) if (!asked || asked.includes(column.name)) out[column.name] = item.feature.properties[column.name] ?? null;
  return out;
}

const withGeometry = (query: FeatureQuery, item: Selected): boolean => !query.properties[item.index] || query.properties[item.index]!.includes("geom");

// GeoJSON of GeoServer.
function geoJson(query: FeatureQuery, page: Selected[], matched: number, timeStamp: string): Response {
  const body = {
    type: "FeatureCollection",
    features: query.hits ? [] : page.map((item) => ({
      type: "Feature", id: `${item.type.local}.${item.feature.id}`,
      geometry: item.feature.geometry && withGeometry(query, item) ? project(item.feature.geometry, query.crs, false) : null,
      geometry_name: "geom", properties: properties(query, item),
    })),
    totalFeatures: matched, numberMatched: matched, numberReturned: query.hits ? 0 : page.length, timeStamp,
    crs: { type: "name", properties: { name: query.crs.urn } },
  };
  return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json;charset=UTF-8", "Access-Control-Allow-Origin": "*" } });
}

/** A GML 3.2 geometry (coordinates already in the output CRS and axis order). */
export function gmlGeometry(geometry: GeoJsonGeometry, id: string, srsName: string): Xml {
  const posList = (points: number[][]): Xml => el("gml:posList", {}, points.map((p) => `${p[0]} ${p[1]}`).join(" "));
  const point = (p: number[], pid: string, top: boolean): Xml => el("gml:Point", { "gml:id": pid, ...(top ? { srsName, srsDimension: 2 } : {}) }, el("gml:pos", {}, `${p[0]} ${p[1]}`));
  const line = (points: number[][], pid: string, top: boolean): Xml => el("gml:LineString", { "gml:id": pid, ...(top ? { srsName, srsDimension: 2 } : {}) }, posList(points));
  const polygon = (rings: number[][][], pid: string, top: boolean): Xml => el("gml:Polygon", { "gml:id": pid, ...(top ? { srsName, srsDimension: 2 } : {}) },
    ...rings.map((ring, i) => el(i === 0 ? "gml:exterior" : "gml:interior", {}, el("gml:LinearRing", {}, posList(ring)))));
  const top = { "gml:id": id, srsName, srsDimension: 2 };
  switch (geometry.type) {
    case "Point": return point(geometry.coordinates, id, true);
    case "LineString": return line(geometry.coordinates, id, true);
    case "Polygon": return polygon(geometry.coordinates, id, true);
    case "MultiPoint": return el("gml:MultiPoint", top, ...geometry.coordinates.map((p, i) => el("gml:pointMember", {}, point(p, `${id}.${i + 1}`, false))));
    case "MultiLineString": return el("gml:MultiCurve", top, ...geometry.coordinates.map((l, i) => el("gml:curveMember", {}, line(l, `${id}.${i + 1}`, false))));
    case "MultiPolygon": return el("gml:MultiSurface", top, ...geometry.coordinates.map((p, i) => el("gml:surfaceMember", {}, polygon(p, `${id}.${i + 1}`, false))));
  }
}

// GML 3.2 of GeoServer (wfs:FeatureCollection, one wfs:member per feature).
function gml(query: FeatureQuery, page: Selected[], matched: number, timeStamp: string, root: string): Response {
  const prefixes = [...new Set(query.types.map((type) => type.prefix))];
  const describe = `${root}?service=WFS&version=2.0.0&request=DescribeFeatureType&typeName=${query.types.map((type) => type.name).join(",")}`;
  const members = query.hits ? [] : page.map((item) => {
    const fid = `${item.type.local}.${item.feature.id}`;
    const values = Object.entries(properties(query, item)).map(([name, value]) => el(`${item.type.prefix}:${name}`, value === null ? { "xsi:nil": "true" } : {}, value === null ? undefined : String(value)));
    const geometry = item.feature.geometry && withGeometry(query, item) ? el(`${item.type.prefix}:geom`, {}, gmlGeometry(project(item.feature.geometry, query.crs, true), `${fid}.geom`, query.crs.urn)) : undefined;
    return el("wfs:member", {}, el(`${item.type.prefix}:${item.type.local}`, { "gml:id": fid }, ...values, geometry));
  });
  return xml(xmlDocument(el("wfs:FeatureCollection", {
    "xmlns:wfs": "http://www.opengis.net/wfs/2.0", "xmlns:gml": "http://www.opengis.net/gml/3.2", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    ...Object.fromEntries(prefixes.map((prefix) => [`xmlns:${prefix}`, namespaceOf(prefix)])),
    numberMatched: matched, numberReturned: query.hits ? 0 : page.length, timeStamp,
    "xsi:schemaLocation": `http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd ${prefixes.map((prefix) => `${namespaceOf(prefix)} ${describe}`).join(" ")}`,
  }, ...members)));
}

/** Answers a GetFeature for the resolved types (WfsError thrown on an invalid parameter). */
export async function getFeature(store: Store, url: URL, version: string, root: string, types: ServedType[], now: number): Promise<Response> {
  const tables = await tablesOf(store, types);
  const query = featureQuery(url, version, types, (index) => tables[index]!.columns.map((column) => column.name));
  const selected = select(query, tables);
  const page = selected.slice(query.startIndex, query.startIndex + query.count);
  const timeStamp = new Date(now).toISOString();
  return query.format === "json" ? geoJson(query, page, selected.length, timeStamp) : gml(query, page, selected.length, timeStamp, root);
}
