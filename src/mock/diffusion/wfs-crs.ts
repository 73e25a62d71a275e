// Coordinate reference systems of the simulated WFS: the names a client may give (EPSG:4326, CRS:84, URNs,
// the GML URL form), their axis order as GeoServer reads them, and conversions from and to WGS 84.
import { envelopeToWgs84, wgs84ToLambert93, wgs84ToMercator } from "../formats/crs.ts";
import type { Envelope } from "../formats/wkb.ts";

/** The error of a WFS request: an OWS exception code, the parameter at fault and a French message. */
export class WfsError extends Error {
  /** `status` is the HTTP status of the exception report. */
  constructor(readonly code: string, readonly locator: string, message: string, readonly status = 400) {
    super(message);
    this.name = "WfsError";
  }
}

/** A CRS of a request: its EPSG code (or CRS:84), the URN to write, whether its axes are latitude first. */
export interface Crs {
  code: "EPSG:4326" | "CRS:84" | "EPSG:3857" | "EPSG:2154";
  urn: string;
  latFirst: boolean;
}

const URNS: Record<Crs["code"], string> = {
  "EPSG:4326": "urn:ogc:def:crs:EPSG::4326", "CRS:84": "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:3857": "urn:ogc:def:crs:EPSG::3857", "EPSG:2154": "urn:ogc:def:crs:EPSG::2154",
};

/** Names of the CRS the service converts to and from. */
export const SUPPORTED_CRS = ["EPSG:4326", "CRS:84", "EPSG:3857", "EPSG:2154"];

/**
 * Reads a CRS name; undefined when the service does not know it. As GeoServer: `EPSG:4326` is latitude first
 * in WFS 1.1 and 2.0 (longitude first in 1.0), a URN always is, the `…/epsg.xml#4326` form and CRS:84 never are.
 */
export function parseCrs(name: string, version: string): Crs | undefined {
  const text = name.trim();
  const epsg = /^EPSG:(\d+)$/i.exec(text)?.[1] ?? /^urn:(?:x-)?ogc:def:crs:EPSG:[\d.]*:(\d+)$/i.exec(text)?.[1] ?? /^https?:\/\/www\.opengis\.net\/(?:gml\/srs\/epsg\.xml#|def\/crs\/EPSG\/0\/)(\d+)$/i.exec(text)?.[1];
  const isCrs84 = /^(CRS:84|urn:ogc:def:crs:OGC:(1\.3:)?CRS84|http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)$/i.test(text);
  if (isCrs84) return { code: "CRS:84", urn: URNS["CRS:84"], latFirst: false };
  const code = epsg === "4326" ? "EPSG:4326" : epsg === "3857" || epsg === "900913" ? "EPSG:3857" : epsg === "2154" ? "EPSG:2154" : undefined;
  if (!code) return undefined;
  const latFirst = code === "EPSG:4326" && (/^urn:/i.test(text) || /def\/crs/i.test(text) || (/^EPSG:/i.test(text) && !version.startsWith("1.0")));
  return { code, urn: URNS[code], latFirst };
}

/** The CRS of a parameter value, or an InvalidParameterValue naming the supported ones. */
export function requireCrs(name: string, version: string, locator: string): Crs {
  const crs = parseCrs(name, version);
  if (!crs) throw new WfsError("InvalidParameterValue", locator, `Système de coordonnées « ${name} » non pris en charge par la simulation ; utilisez ${SUPPORTED_CRS.join(", ")}.`);
  return crs;
}

/** The conversion of WGS 84 lon/lat to the CRS, in its axis order when `ordered` (GML), else x/y. */
export function fromWgs84(crs: Crs, ordered: boolean): (lon: number, lat: number) => [number, number] {
  if (crs.code === "EPSG:3857") return wgs84ToMercator;
  if (crs.code === "EPSG:2154") return wgs84ToLambert93;
  return ordered && crs.latFirst ? (lon, lat) => [lat, lon] : (lon, lat) => [lon, lat];
}

/** A box of the CRS (in its axis order) as a WGS 84 [west, south, east, north]. */
export function boxToWgs84(crs: Crs, box: Envelope): Envelope {
  const [a, b, c, d] = box;
  if (crs.code === "EPSG:4326" || crs.code === "CRS:84") return crs.latFirst ? [b, a, d, c] : [a, b, c, d];
  return envelopeToWgs84(crs.code, box) ?? box;
}
