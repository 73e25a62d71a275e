// The map parameters of the simulated WMS-Vecteur's GetMap and GetFeatureInfo (CRS or SRS in 1.1.1, BBOX in
// the version's axis order, WIDTH, HEIGHT, FORMAT, TRANSPARENT, BGCOLOR, STYLES), checked with GeoServer's
// exception codes and French messages. Every refusal is a 400 ServiceExceptionReport (see the README).
import { IMAGE_FORMATS } from "./image.ts";
import type { ImageFormat } from "./image.ts";
import { list, param, wmsError } from "./ogc.ts";
import type { Frame } from "./render/project.ts";
import { frameBounds, MAP_CRS, mapCrs } from "./render/project.ts";

/** Largest WIDTH and HEIGHT served. */
export const MAX_SIZE = 4096;

/** Checked map parameters. */
export interface MapParams {
  version: string;
  frame: Frame;
  format: ImageFormat;
  /** Background pixel: BGCOLOR (white by default), transparent when TRANSPARENT=TRUE (PNG). */
  background: [number, number, number, number];
}

/** A MissingParameterValue report for `name`. */
export const missing = (name: string, example: string): Response =>
  wmsError(400, "MissingParameterValue", `Paramètre ${name} manquant (par exemple ${name}=${example}).`);

/** An InvalidParameterValue report. */
export const invalid = (message: string): Response => wmsError(400, "InvalidParameterValue", message);

// A size parameter: an integer 1..MAX_SIZE.
function size(url: URL, name: string): number | Response {
  const value = param(url, name);
  if (value === null || value.trim() === "") return missing(name, "256");
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SIZE) return invalid(`${name} « ${value} » invalide : un nombre entier de pixels entre 1 et ${MAX_SIZE} est attendu.`);
  return n;
}

/** The WMS version asked (1.3.0 unless a 1.1 version is given). */
export const versionOf = (url: URL): string => (param(url, "version")?.startsWith("1.1") ? "1.1.1" : "1.3.0");

/** The image format of FORMAT (image/png8 is drawn as image/png); an InvalidFormat report otherwise. */
export function imageFormat(url: URL, name = "format"): ImageFormat | Response {
  const value = param(url, name);
  if (value === null || value.trim() === "") return missing(name.toUpperCase(), "image/png");
  const normal = value.trim().toLowerCase().split(";")[0]!.trim();
  const format = normal === "image/png8" || normal === "png" ? "image/png" : normal === "jpeg" || normal === "image/jpg" ? "image/jpeg" : normal;
  if (!(IMAGE_FORMATS as readonly string[]).includes(format)) {
    return wmsError(400, "InvalidFormat", `Format « ${value} » non pris en charge : formats disponibles ${IMAGE_FORMATS.join(", ")}.`);
  }
  return format as ImageFormat;
}

/** STYLES: one entry per layer, each empty or "default" (the configuration's own styles). */
export function checkStyles(url: URL, layers: number): Response | undefined {
  const raw = param(url, "styles");
  if (raw === null || raw.trim() === "" || /^,*$/.test(raw)) return undefined;
  const styles = raw.split(",").map((s) => s.trim());
  if (styles.length !== layers) return invalid(`STYLES compte ${styles.length} style(s) pour ${layers} couche(s) : un style par couche (vide pour le style par défaut) est attendu.`);
  const unknown = styles.filter((s) => s !== "" && s.toLowerCase() !== "default");
  if (unknown.length > 0) return wmsError(400, "StyleNotDefined", `Style(s) inconnu(s) : ${unknown.join(", ")}. Chaque couche n'a que son style « default », celui de sa configuration (laisser STYLES vide).`);
  return undefined;
}

// BGCOLOR (0xRRGGBB) as RGB.
function bgcolor(url: URL): [number, number, number] | Response {
  const value = param(url, "bgcolor");
  if (value === null || value.trim() === "") return [255, 255, 255];
  const hex = /^(?:0x|#)([0-9a-f]{6})$/i.exec(value.trim())?.[1];
  if (!hex) return invalid(`BGCOLOR « ${value} » invalide : une couleur 0xRRVVBB est attendue (par exemple 0xFFFFFF).`);
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Checks the map parameters of GetMap (and of GetFeatureInfo, which repeats them; its FORMAT is not checked). */
export function mapParams(url: URL, layers: number, checkFormat = true): MapParams | Response {
  const version = versionOf(url);
  const crsName = version === "1.1.1" ? "SRS" : "CRS";
  const crsValue = param(url, crsName) ?? param(url, version === "1.1.1" ? "crs" : "srs");
  if (!crsValue) return missing(crsName, "EPSG:3857");
  const crs = mapCrs(crsValue);
  if (!crs) return wmsError(400, version === "1.1.1" ? "InvalidSRS" : "InvalidCRS", `Système de coordonnées « ${crsValue} » non pris en charge : ${MAP_CRS.join(", ")}.`);
  const bboxValue = param(url, "bbox");
  if (!bboxValue) return missing("BBOX", crs === "EPSG:4326" && version === "1.3.0" ? "41,-5,51,10 (latitudes d'abord en EPSG:4326)" : "-550000,5060000,1060000,6640000");
  const values = list(bboxValue).map(Number);
  if (values.length !== 4 || !values.every(Number.isFinite)) return invalid(`BBOX « ${bboxValue} » invalide : quatre nombres minx,miny,maxx,maxy sont attendus.`);
  const bounds = frameBounds(values, crs, version);
  if (!(bounds[0] < bounds[2] && bounds[1] < bounds[3])) return invalid(`BBOX « ${bboxValue} » invalide : chaque minimum doit être inférieur à son maximum${crs === "EPSG:4326" && version === "1.3.0" ? " (en WMS 1.3.0, EPSG:4326 s'écrit latitude d'abord : minLat,minLon,maxLat,maxLon)" : ""}.`);
  const width = size(url, "WIDTH");
  if (width instanceof Response) return width;
  const height = size(url, "HEIGHT");
  if (height instanceof Response) return height;
  const format = checkFormat ? imageFormat(url) : "image/png";
  if (format instanceof Response) return format;
  const styles = checkStyles(url, layers);
  if (styles) return styles;
  const transparentValue = (param(url, "transparent") ?? "false").trim().toLowerCase();
  if (!["true", "false", ""].includes(transparentValue)) return invalid(`TRANSPARENT « ${param(url, "transparent")} » invalide : TRUE ou FALSE.`);
  const rgb = bgcolor(url);
  if (rgb instanceof Response) return rgb;
  const transparent = transparentValue === "true" && format === "image/png";
  return { version, frame: { crs, bounds, width, height }, format, background: [...rgb, transparent ? 0 : 255] };
}
