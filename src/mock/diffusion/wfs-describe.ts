// WFS DescribeFeatureType: the XML schema GeoServer writes for the asked feature types (one complexType per
// type extending gml:AbstractFeatureType, attributes then geom), or its JSON form (outputFormat=application/json).
import type { Xml } from "../formats/xml.ts";
import { el, xmlDocument } from "../formats/xml.ts";
import { xml } from "./ogc.ts";
import type { Table } from "./vector-data.ts";
import { WfsError } from "./wfs-crs.ts";
import { namespaceOf } from "./wfs-getfeature.ts";
import type { ServedType } from "./wfs-query.ts";

const XSD_TYPES: Record<string, string> = {
  "character varying": "string", text: "string", integer: "int", smallint: "short", bigint: "long", "double precision": "double", real: "float", numeric: "decimal",
  boolean: "boolean", date: "date", "timestamp with time zone": "dateTime", "timestamp without time zone": "dateTime", "time without time zone": "time", bytea: "base64Binary",
};
const GML_TYPES: Record<string, string> = {
  POINT: "Point", MULTIPOINT: "MultiPoint", LINESTRING: "Curve", MULTILINESTRING: "MultiCurve", POLYGON: "Surface", MULTIPOLYGON: "MultiSurface",
};
// GeoServer's JSON names of the same types.
const JSON_TYPES: Record<string, [string, string]> = {
  string: ["xsd:string", "string"], int: ["xsd:int", "int"], short: ["xsd:short", "short"], long: ["xsd:long", "long"], double: ["xsd:number", "number"],
  float: ["xsd:number", "number"], decimal: ["xsd:number", "number"], boolean: ["xsd:boolean", "boolean"], date: ["xsd:date", "date"], dateTime: ["xsd:date-time", "date-time"],
  time: ["xsd:time", "time"], base64Binary: ["xsd:base64Binary", "base64Binary"],
};

const xsdType = (type: string): string => XSD_TYPES[type] ?? "string";
const gmlType = (geometryType: string | undefined): string => GML_TYPES[(geometryType ?? "").replace(/[ZM]+$/, "")] ?? "Geometry";

/** The DescribeFeatureType answer of types of one or several layer prefixes (tables in the same order). */
export function describeFeatureType(root: string, types: ServedType[], tables: Table[], format: string | null): Response {
  if (format && !/json/i.test(format) && !/xml|gml|xsd/i.test(format)) {
    throw new WfsError("InvalidParameterValue", "outputFormat", `Format « ${format} » non pris en charge pour DescribeFeatureType : application/gml+xml; version=3.2 (schéma XML) ou application/json.`);
  }
  const prefixes = [...new Set(types.map((type) => type.prefix))];
  if (types.length === 0 && !(format && /json/i.test(format))) {
    // Nothing published: a schema without any type.
    return xml(xmlDocument(el("xsd:schema", { "xmlns:xsd": "http://www.w3.org/2001/XMLSchema", "xmlns:gml": "http://www.opengis.net/gml/3.2", elementFormDefault: "qualified" },
      el("xsd:import", { namespace: "http://www.opengis.net/gml/3.2", schemaLocation: "http://schemas.opengis.net/gml/3.2.1/gml.xsd" }))));
  }
  if (format && /json/i.test(format)) {
    const body = {
      elementFormDefault: "qualified", ...(prefixes[0] ? { targetNamespace: namespaceOf(prefixes[0]), targetPrefix: prefixes[0] } : {}),
      featureTypes: types.map((type, index) => ({
        typeName: type.local,
        properties: [
          ...tables[index]!.columns.map((column) => {
            const [json, local] = JSON_TYPES[xsdType(column.type)] ?? ["xsd:string", "string"];
            return { name: column.name, maxOccurs: 1, minOccurs: 0, nillable: true, type: json, localType: local };
          }),
          ...(tables[index]!.geometryType ? [{ name: "geom", maxOccurs: 1, minOccurs: 0, nillable: true, type: `gml:${gmlGeometryName(tables[index]!.geometryType)}`, localType: gmlGeometryName(tables[index]!.geometryType) }] : []),
        ],
      })),
    };
    return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json;charset=UTF-8", "Access-Control-Allow-Origin": "*" } });
  }
  if (prefixes.length > 1) {
    // Several namespaces: a schema importing the schema of each one, as GeoServer does.
    return xml(xmlDocument(el("xsd:schema", { "xmlns:xsd": "http://www.w3.org/2001/XMLSchema" }, ...prefixes.map((prefix) =>
      el("xsd:import", { namespace: namespaceOf(prefix), schemaLocation: `${root}?service=WFS&version=2.0.0&request=DescribeFeatureType&typeName=${types.filter((t) => t.prefix === prefix).map((t) => t.name).join(",")}` })))));
  }
  const prefix = prefixes[0] ?? "";
  const complexTypes: Xml[] = types.flatMap((type, index) => {
    const table = tables[index]!;
    const elements = table.columns.map((column) => el("xsd:element", { maxOccurs: 1, minOccurs: 0, name: column.name, nillable: "true", type: `xsd:${xsdType(column.type)}` }));
    if (table.geometryType) elements.push(el("xsd:element", { maxOccurs: 1, minOccurs: 0, name: "geom", nillable: "true", type: `gml:${gmlType(table.geometryType)}PropertyType` }));
    return [
      el("xsd:complexType", { name: `${type.local}Type` }, el("xsd:complexContent", {}, el("xsd:extension", { base: "gml:AbstractFeatureType" }, el("xsd:sequence", {}, ...elements)))),
      el("xsd:element", { name: type.local, substitutionGroup: "gml:AbstractFeature", type: `${prefix}:${type.local}Type` }),
    ];
  });
  return xml(xmlDocument(el("xsd:schema", {
    "xmlns:xsd": "http://www.w3.org/2001/XMLSchema", "xmlns:gml": "http://www.opengis.net/gml/3.2", [`xmlns:${prefix}`]: namespaceOf(prefix),
    "xmlns:wfs": "http://www.opengis.net/wfs/2.0", elementFormDefault: "qualified", targetNamespace: namespaceOf(prefix),
  }, el("xsd:import", { namespace: "http://www.opengis.net/gml/3.2", schemaLocation: "http://schemas.opengis.net/gml/3.2.1/gml.xsd" }), ...complexTypes)), 200);
}

// GeoServer's JSON geometry names (the simple feature names: Point, MultiPolygon…).
function gmlGeometryName(geometryType: string | undefined): string {
  const base = (geometryType ?? "").replace(/[ZM]+$/, "");
  const names: Record<string, string> = { POINT: "Point", MULTIPOINT: "MultiPoint", LINESTRING: "LineString", MULTILINESTRING: "MultiLineString", POLYGON: "Polygon", MULTIPOLYGON: "MultiPolygon" };
  return names[base] ?? "Geometry";
}
