// GetCapabilities documents of the simulated WFS 2.0.0 and WMS 1.3.0 services (vector and raster): small,
// valid documents listing the published layers only.
import type { Bbox } from "../resources/common/geo.ts";
import type { Xml } from "../formats/xml.ts";
import { el, fragment, xmlDocument } from "../formats/xml.ts";
import type { FeatureType, Published } from "./published.ts";
import { keywords, publishedBbox, text } from "./published.ts";
import type { LayerStyle } from "./raster-styles.ts";

const XLINK = "http://www.w3.org/1999/xlink";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
/** Note written in every document's abstract. */
export const SIMULATION_NOTE = "Document produit par la simulation de l'API Entrepôt : il ne liste que les couches publiées dans l'entrepôt simulé.";

const owsKeywords = (words: string[]): Xml | undefined => (words.length > 0 ? el("ows:Keywords", {}, ...words.map((word) => el("ows:Keyword", {}, word))) : undefined);
const corner = (x: number, y: number): string => `${x} ${y}`;

/** ows:WGS84BoundingBox of a box. */
export function wgs84Box(bbox: Bbox): Xml {
  return el("ows:WGS84BoundingBox", {}, el("ows:LowerCorner", {}, corner(bbox[0], bbox[1])), el("ows:UpperCorner", {}, corner(bbox[2], bbox[3])));
}

/** ows:OperationsMetadata listing operations reachable by HTTP GET at `url`. */
export function operations(url: string, names: string[]): Xml {
  return el("ows:OperationsMetadata", {}, ...names.map((name) =>
    el("ows:Operation", { name }, el("ows:DCP", {}, el("ows:HTTP", {}, el("ows:Get", { "xlink:href": `${url}?` }))))));
}

/** WFS 2.0.0 capabilities listing the feature types. */
export function wfsCapabilities(url: string, types: FeatureType[]): string {
  const prefixes = Object.fromEntries([...new Set(types.map((t) => t.prefix))].map((prefix) => [`xmlns:${prefix}`, `https://data.geopf.fr/${prefix}`]));
  return xmlDocument(
    el("wfs:WFS_Capabilities", {
      version: "2.0.0", xmlns: "http://www.opengis.net/wfs/2.0", "xmlns:wfs": "http://www.opengis.net/wfs/2.0", "xmlns:ows": "http://www.opengis.net/ows/1.1",
      "xmlns:fes": "http://www.opengis.net/fes/2.0", "xmlns:xlink": XLINK, "xmlns:xsi": XSI, ...prefixes,
      "xsi:schemaLocation": "http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd",
    },
      el("ows:ServiceIdentification", {}, el("ows:Title", {}, "Service WFS de la Géoplateforme (simulation)"), el("ows:Abstract", {}, SIMULATION_NOTE),
        el("ows:ServiceType", {}, "WFS"), el("ows:ServiceTypeVersion", {}, "2.0.0"), el("ows:Fees", {}, "NONE"), el("ows:AccessConstraints", {}, "NONE")),
      operations(url, ["GetCapabilities", "DescribeFeatureType", "GetFeature"]),
      el("wfs:FeatureTypeList", {}, ...types.map((type) =>
        el("wfs:FeatureType", {},
          el("wfs:Name", {}, type.name), el("wfs:Title", {}, type.title), type.abstract ? el("wfs:Abstract", {}, type.abstract) : undefined,
          owsKeywords(type.keywords), el("wfs:DefaultCRS", {}, `urn:ogc:def:crs:EPSG::${type.srs.replace(/^EPSG:/, "")}`),
          el("wfs:OutputFormats", {}, el("wfs:Format", {}, "application/gml+xml; version=3.2"), el("wfs:Format", {}, "application/json")),
          wgs84Box(type.bbox)))),
      el("fes:Filter_Capabilities", {}, el("fes:Conformance", {},
        el("fes:Constraint", { name: "ImplementsQuery" }, el("ows:NoValues"), el("ows:DefaultValue", {}, "TRUE")),
        el("fes:Constraint", { name: "ImplementsAdHocQuery" }, el("ows:NoValues"), el("ows:DefaultValue", {}, "TRUE")))),
    ),
  );
}

// One WMS request description (formats + GET URL).
const wmsRequest = (name: string, formats: string[], url: string): Xml =>
  el(name, {}, ...formats.map((format) => el("Format", {}, format)),
    el("DCPType", {}, el("HTTP", {}, el("Get", {}, el("OnlineResource", { "xlink:type": "simple", "xlink:href": `${url}?` })))));

// EX_GeographicBoundingBox and BoundingBox elements of a layer (EPSG:4326 in WMS 1.3.0 is latitude first).
function wmsBoxes(bbox: Bbox): Xml {
  return fragment(
    el("EX_GeographicBoundingBox", {}, el("westBoundLongitude", {}, bbox[0]), el("eastBoundLongitude", {}, bbox[2]),
      el("southBoundLatitude", {}, bbox[1]), el("northBoundLatitude", {}, bbox[3])),
    el("BoundingBox", { CRS: "CRS:84", minx: bbox[0], miny: bbox[1], maxx: bbox[2], maxy: bbox[3] }),
    el("BoundingBox", { CRS: "EPSG:4326", minx: bbox[1], miny: bbox[0], maxx: bbox[3], maxy: bbox[2] }),
  );
}

// The Style elements of a raster layer: name (the identifier clients pass in STYLES), title, abstract, legend.
function rasterStyles(styles: LayerStyle[]): Xml[] {
  return styles.map((style) => el("Style", {}, el("Name", {}, style.identifier), el("Title", {}, style.title),
    style.abstract ? el("Abstract", {}, style.abstract) : undefined,
    style.legend ? el("LegendURL", { width: style.legend.width, height: style.legend.height }, el("Format", {}, style.legend.format),
      el("OnlineResource", { "xlink:type": "simple", "xlink:href": style.legend.url })) : undefined));
}

/** WMS 1.3.0 capabilities listing one layer per published configuration (raster layers with their ROK4 styles). */
export function wmsCapabilities(url: string, title: string, published: Published[], raster: boolean, styles?: Map<string, LayerStyle[]>): string {
  const crs = ["EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:2154"];
  const layers = published.map((item) => {
    const infos = item.configuration.type_infos;
    const queryable = raster ? infos.getfeatureinfo !== undefined : JSON.stringify(infos.used_data ?? []).includes('"ftl"');
    const words = keywords(infos.keywords);
    return el("Layer", { queryable: queryable ? 1 : 0 },
      el("Name", {}, item.configuration.layer_name), el("Title", {}, text(infos.title) || item.configuration.name),
      el("Abstract", {}, text(infos.abstract)), words.length ? el("KeywordList", {}, ...words.map((word) => el("Keyword", {}, word))) : undefined,
      ...crs.map((code) => el("CRS", {}, code)), wmsBoxes(publishedBbox(item)),
      ...(raster && styles?.get(item.configuration.layer_name) ? rasterStyles(styles.get(item.configuration.layer_name)!)
        : [el("Style", {}, el("Name", {}, raster ? "normal" : "default"), el("Title", {}, raster ? "Style normal" : "Style de la configuration"))]));
  });
  return xmlDocument(
    el("WMS_Capabilities", {
      version: "1.3.0", xmlns: "http://www.opengis.net/wms", "xmlns:xlink": XLINK, "xmlns:xsi": XSI,
      "xsi:schemaLocation": "http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd",
    },
      el("Service", {}, el("Name", {}, "WMS"), el("Title", {}, title), el("Abstract", {}, SIMULATION_NOTE),
        el("OnlineResource", { "xlink:type": "simple", "xlink:href": url })),
      el("Capability", {},
        el("Request", {}, wmsRequest("GetCapabilities", ["text/xml"], url), wmsRequest("GetMap", raster ? ["image/png", "image/jpeg", "image/tiff", "image/x-bil;bits=32"] : ["image/png", "image/jpeg"], url),
          wmsRequest("GetFeatureInfo", ["text/html", "application/json"], url)),
        el("Exception", {}, el("Format", {}, "XML")),
        el("Layer", {}, el("Title", {}, title), ...crs.map((code) => el("CRS", {}, code)), ...layers)),
    ),
  );
}
