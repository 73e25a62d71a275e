// Documents of the simulated WMTS 1.0.0 and TMS 1.0.0 services (ROK4): WMTS GetCapabilities with the tile
// matrix sets of the layers (PM, LAMB93_50cm) and their ROK4 styles, TMS service root, TileMap of a layer and,
// for vector pyramids, metadata.json.
import { PM_HALF_SIDE, pmResolution, pmScaleDenominator, wgs84ToMercator } from "../formats/crs.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import { operations, SIMULATION_NOTE, wgs84Box } from "./capabilities.ts";
import type { Published } from "./published.ts";
import { keywords, publishedBbox, text, tileFormat, usedLevels } from "./published.ts";
import type { Table } from "./vector-data.ts";
import { layerNameOf, servedLevels } from "./vector-tiles.ts";
import { layerTileRange, layerTms } from "./raster-tiles.ts";
import type { LayerStyle } from "./raster-styles.ts";
import { projectBbox, scaleDenominator, TILE_MATRIX_SETS } from "../resources/common/tms.ts";

// WMTS Style elements of a layer: its ROK4 styles (the first is the default), else ROK4's « normal ».
function wmtsStyles(styles: LayerStyle[] | undefined): ReturnType<typeof el>[] {
  if (!styles || styles.length === 0) return [el("Style", { isDefault: "true" }, el("ows:Title", {}, "Style normal"), el("ows:Identifier", {}, "normal"))];
  return styles.map((style, index) => el("Style", index === 0 ? { isDefault: "true" } : {}, el("ows:Title", {}, style.title),
    style.abstract ? el("ows:Abstract", {}, style.abstract) : undefined, el("ows:Identifier", {}, style.identifier),
    style.legend ? el("LegendURL", { format: style.legend.format, "xlink:href": style.legend.url, width: style.legend.width, height: style.legend.height }) : undefined));
}

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/tiff": "tiff", "application/x-protobuf": "pbf" };

/** WMTS 1.0.0 capabilities: one layer per published WMTS-TMS configuration, on its pyramid's tile matrix set. */
export function wmtsCapabilities(url: string, published: Published[], styles?: Map<string, LayerStyle[]>): string {
  const maxLevel = Math.max(0, ...published.filter((item) => layerTms(item).id === "PM").map((item) => usedLevels(item.configuration).bottom));
  const layers = published.map((item) => {
    const { top, bottom } = usedLevels(item.configuration);
    const bbox = publishedBbox(item);
    const infos = item.configuration.type_infos;
    const words = keywords(infos.keywords);
    const limits = [];
    for (let z = top; z <= bottom; z++) {
      const r = layerTileRange(item, z);
      limits.push(el("TileMatrixLimits", {}, el("TileMatrix", {}, z), el("MinTileRow", {}, r.minRow), el("MaxTileRow", {}, r.maxRow), el("MinTileCol", {}, r.minCol), el("MaxTileCol", {}, r.maxCol)));
    }
    return el("Layer", {},
      el("ows:Title", {}, text(infos.title) || item.configuration.name), el("ows:Abstract", {}, text(infos.abstract)),
      words.length ? el("ows:Keywords", {}, ...words.map((word) => el("ows:Keyword", {}, word))) : undefined,
      wgs84Box(bbox), el("ows:Identifier", {}, item.configuration.layer_name),
      ...wmtsStyles(styles?.get(item.configuration.layer_name)),
      el("Format", {}, tileFormat(item)),
      el("TileMatrixSetLink", {}, el("TileMatrixSet", {}, layerTms(item).id), el("TileMatrixSetLimits", {}, ...limits)));
  });
  const matrices = [];
  for (let z = 0; z <= maxLevel; z++) {
    matrices.push(el("TileMatrix", {}, el("ows:Identifier", {}, z), el("ScaleDenominator", {}, pmScaleDenominator(z)),
      el("TopLeftCorner", {}, `${-PM_HALF_SIDE} ${PM_HALF_SIDE}`), el("TileWidth", {}, 256), el("TileHeight", {}, 256),
      el("MatrixWidth", {}, 2 ** z), el("MatrixHeight", {}, 2 ** z)));
  }
  return xmlDocument(
    el("Capabilities", {
      version: "1.0.0", xmlns: "http://www.opengis.net/wmts/1.0", "xmlns:ows": "http://www.opengis.net/ows/1.1",
      "xmlns:xlink": "http://www.w3.org/1999/xlink", "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      "xsi:schemaLocation": "http://www.opengis.net/wmts/1.0 http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd",
    },
      el("ows:ServiceIdentification", {}, el("ows:Title", {}, "Service WMTS de la Géoplateforme (simulation)"), el("ows:Abstract", {}, SIMULATION_NOTE),
        el("ows:ServiceType", {}, "OGC WMTS"), el("ows:ServiceTypeVersion", {}, "1.0.0")),
      operations(url, ["GetCapabilities", "GetTile"]),
      el("Contents", {}, ...layers, el("TileMatrixSet", {}, el("ows:Identifier", {}, "PM"), el("ows:SupportedCRS", {}, "EPSG:3857"), ...matrices), ...otherSets(published)),
    ),
  );
}

// The TileMatrixSet elements of the other TMS the layers use (LAMB93_50cm), down to their deepest published level.
function otherSets(published: Published[]): ReturnType<typeof el>[] {
  return Object.values(TILE_MATRIX_SETS).filter((tms) => tms.id !== "PM").flatMap((tms) => {
    const users = published.filter((item) => layerTms(item).id === tms.id);
    if (users.length === 0) return [];
    const deepest = Math.min(tms.levels.length - 1, Math.max(...users.map((item) => usedLevels(item.configuration).bottom)));
    return [el("TileMatrixSet", {}, el("ows:Identifier", {}, tms.id), el("ows:SupportedCRS", {}, tms.srs), ...tms.levels.slice(0, deepest + 1).map((level, z) =>
      el("TileMatrix", {}, el("ows:Identifier", {}, z), el("ScaleDenominator", {}, scaleDenominator(tms, z)), el("TopLeftCorner", {}, `${tms.origin[0]} ${tms.origin[1]}`),
        el("TileWidth", {}, tms.tileSize), el("TileHeight", {}, tms.tileSize), el("MatrixWidth", {}, level.width), el("MatrixHeight", {}, level.height))))];
  });
}

/** TMS root `{tms}/1.0.0`: the TileMaps of the published layers. */
export function tmsService(root: string, published: Published[]): string {
  return xmlDocument(
    el("TileMapService", { version: "1.0.0", services: `${root}/` },
      el("Title", {}, "Service TMS de la Géoplateforme (simulation)"), el("Abstract", {}, SIMULATION_NOTE),
      el("TileMaps", {}, ...published.map((item) =>
        el("TileMap", {
          title: text(item.configuration.type_infos.title) || item.configuration.name, srs: layerTms(item).srs, profile: layerTms(item).id === "PM" ? "global-mercator" : "none",
          extension: EXTENSIONS[tileFormat(item)] ?? "png", href: `${root}/1.0.0/${item.configuration.layer_name}`,
        })))),
  );
}

/** TMS `{tms}/1.0.0/{layer}`: bounding box, origin, tile format and tile sets of the levels with their tile limits. */
export function tmsTileMap(root: string, item: Published): string {
  const { top, bottom } = usedLevels(item.configuration);
  const bbox = publishedBbox(item);
  const tms = layerTms(item);
  const pm = tms.id === "PM";
  const [minX, minY, maxX, maxY] = pm ? [...wgs84ToMercator(bbox[0], bbox[1]), ...wgs84ToMercator(bbox[2], bbox[3])] : projectBbox(tms, bbox);
  const format = tileFormat(item);
  const href = `${root}/1.0.0/${item.configuration.layer_name}`;
  const sets = [];
  // As ROK4, each level's tile limits (the PM tiles covering the layer's box, as in the WMTS TileMatrixLimits).
  for (let z = top; z <= bottom; z++) {
    const r = layerTileRange(item, z);
    sets.push(el("TileSet", { href: `${href}/${z}`, minrow: r.minRow, maxrow: r.maxRow, mincol: r.minCol, maxcol: r.maxCol, "units-per-pixel": pm ? pmResolution(z) : tms.levels[z]?.resolution, order: z }));
  }
  return xmlDocument(
    el("TileMap", { version: "1.0.0", tilemapservice: `${root}/1.0.0` },
      el("Title", {}, text(item.configuration.type_infos.title) || item.configuration.name), el("Abstract", {}, text(item.configuration.type_infos.abstract)),
      el("SRS", {}, tms.srs), el("BoundingBox", { minx: minX, miny: minY, maxx: maxX, maxy: maxY }),
      pm ? el("Origin", { x: -PM_HALF_SIDE, y: -PM_HALF_SIDE }) : el("Origin", { x: tms.origin[0], y: tms.origin[1] }),
      el("TileFormat", { width: 256, height: 256, "mime-type": format, extension: EXTENSIONS[format] ?? "png" }),
      el("TileSets", { profile: pm ? "global-mercator" : "none" }, ...sets)),
  );
}

/** The TileJSON type of a column (as tippecanoe names them): Number, Boolean or String. */
export function fieldType(postgresType: string | undefined): string {
  if (/^(smallint|integer|bigint|real|double precision|numeric|decimal|int\d?|float\d?)/i.test(postgresType ?? "")) return "Number";
  return /^bool/i.test(postgresType ?? "") ? "Boolean" : "String";
}

/**
 * `{tms}/1.0.0/{layer}/metadata.json` of a vector pyramid (TileJSON, as ROK4 writes it): bounds, center, the
 * published levels and, per tiled table, the MVT layer with its fields (the composition's attributes, typed
 * from the table's columns when `tables` are given), geometry and the levels where its tiles hold it.
 */
export function tmsMetadata(root: string, item: Published, tables?: Map<string, Table>): Record<string, unknown> {
  const levels = servedLevels(item);
  const top = levels[0] ?? 0;
  const bottom = levels.at(-1) ?? 0;
  const bbox = publishedBbox(item);
  const pyramid = item.storedData[0];
  const layers: { id: string; fields: Record<string, string>; geometry?: string; minzoom: number; maxzoom: number }[] = [];
  for (const layer of pyramid?.details?.layers ?? []) {
    const zooms = levels.filter((z) => layer.top <= z && z <= layer.bottom);
    if (zooms.length === 0) continue;
    const table = tables?.get(layer.table);
    const types = new Map(table?.columns.map((column) => [column.name, column.type]));
    const fields = Object.fromEntries(layer.attributes.map((name) => [name, fieldType(types.get(name))]));
    const geometry = table?.geometryType ?? layer.geometry_type;
    // One entry per MVT layer: a layer the composition fills at several level ranges has their union.
    const same = layers.find((entry) => entry.id === layerNameOf(layer));
    if (same) {
      Object.assign(same.fields, fields);
      same.minzoom = Math.min(same.minzoom, zooms[0]!);
      same.maxzoom = Math.max(same.maxzoom, zooms.at(-1)!);
    } else layers.push({ id: layerNameOf(layer), fields, ...(geometry ? { geometry } : {}), minzoom: zooms[0]!, maxzoom: zooms.at(-1)! });
  }
  return {
    tilejson: "3.0.0", name: item.configuration.layer_name, description: text(item.configuration.type_infos.abstract), minzoom: top, maxzoom: bottom, crs: "EPSG:3857",
    bounds: bbox, center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, top], format: "pbf",
    tiles: [`${root}/1.0.0/${item.configuration.layer_name}/{z}/{x}/{y}.pbf`],
    vector_layers: layers,
  };
}
