// Schemas of the configuration bodies (POST, PUT) and of `type_infos`, one per configuration type the simulation
// handles; what they name (stored data, tables, statics, levels of a pyramid) is checked by config-*.ts.
import * as z from "zod/mini";
import { keysRule, named, object, short, text } from "../../core/schema.ts";
import { json, jsonObject, level } from "../common/schemas.ts";
import { CONFIGURATION_TYPES } from "./records.ts";

const LAYER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_\-.]*$/;

// A layer name, DOWNLOAD sub-name or public name of a table.
const layerName = (noun: string) =>
  named(
    z.string().check(
      z.regex(LAYER_NAME_PATTERN, {
        error: (issue) => `${short(issue.input)} ne respecte pas le motif ${LAYER_NAME_PATTERN.source} (lettres, chiffres, _ - . ; sans espace ni accent ; ne commence pas par un chiffre)`,
      }),
    ),
    noun,
  );

const languageCode = z.string().check(
  z.regex(/^[a-z]{2}$/, { error: (issue) => `« ${String(issue.input)} » n'est pas un code de langue ISO 639-1 (deux lettres minuscules, par exemple fr, en)` }),
);
const languageMap = named(
  z.record(languageCode, text("texte non vide", false)).check(z.refine((map) => Object.keys(map).length > 0, { error: 'objet de traductions non vide attendu, par exemple {"fr": "…"}' })),
  'objet de traductions {"fr": "…", "en": "…"}',
);

const keywords = named(z.array(text("mot-clé non vide", false)), "liste de mots-clés", true);

const degrees = (limit: number) => {
  const error = (issue: { input?: unknown }): string => `${short(issue.input)} hors de [-${limit}, ${limit}] (degrés EPSG:4326)`;
  return z.number().check(z.gte(-limit, { error }), z.lte(limit, { error }));
};
const bbox = named(object({ west: degrees(180), south: degrees(90), east: degrees(180), north: degrees(90) }), 'objet {"west", "south", "east", "north"} en degrés (EPSG:4326)');

const httpUrl = named(z.string().check(z.regex(/^https?:\/\//, { error: (issue) => `URL http(s) attendue (reçu : ${short(issue.input)})` })), "URL http(s)", true);

const getFeatureInfo = named(
  object({ stored_data: z.optional(z.literal(true, { error: "seule la valeur true est acceptée" })), server_url: z.optional(httpUrl) }).check(
    keysRule((given) => ((given.stored_data !== undefined) === (given.server_url !== undefined) ? [["", "donnez soit « stored_data »: true, soit « server_url »"]] : [])),
  ),
  'objet {"stored_data": true} ou {"server_url": "https://…"}',
);

const storedDataId = text("identifiant de la donnée stockée", false);
const tableName = text("nom de la table", false);
const usedData = <T extends z.core.$ZodType>(item: T) => named(z.array(item).check(z.minLength(1)), "liste non vide des données diffusées", true);
const relationsOf = <T extends z.core.$ZodType>(relation: T) =>
  object({ stored_data: storedDataId, relations: named(z.array(relation).check(z.minLength(1)), "liste non vide des tables diffusées", true) });
const pyramid = object({ bottom_level: level, top_level: level, stored_data: storedDataId });
const description = { title: text(), abstract: text(), keywords: z.optional(keywords), bbox: z.optional(bbox) };

/** DOWNLOAD: title/abstract per language, used_data of ARCHIVE stored data under a sub-name. */
export const DOWNLOAD_INFOS = object({
  title: languageMap,
  abstract: languageMap,
  keywords: z.optional(keywords),
  product_identifier: z.optional(text()),
  used_data: usedData(
    object({
      sub_name: layerName("nom de la sous-ressource"),
      title: z.optional(languageMap),
      abstract: z.optional(languageMap),
      keywords: z.optional(keywords),
      format: z.optional(text()),
      zone: z.optional(text()),
      resolution: z.optional(text()),
      stored_data: storedDataId,
      rights: z.optional(json),
      thematic: z.optional(json),
      namespace: z.optional(json),
    }),
  ),
  rights: z.optional(json),
  thematic: z.optional(json),
  namespace: z.optional(json),
});

/** WFS: one feature type per relation (title and abstract each). */
export const WFS_INFOS = object({
  bbox: z.optional(bbox),
  used_data: usedData(
    relationsOf(object({ native_name: tableName, public_name: z.optional(layerName("nom public")), title: text(), abstract: text(), keywords: z.optional(keywords) })),
  ),
  title: z.optional(text()),
  abstract: z.optional(text()),
  keywords: z.optional(keywords),
});

/** WMS-VECTOR: each relation drawn with an SLD style, GetFeatureInfo with an optional FTL template. */
export const WMS_VECTOR_INFOS = object({
  ...description,
  used_data: usedData(
    relationsOf(
      object({
        name: tableName,
        style: text("identifiant du style SLD (fichier statique GEOSERVER-STYLE)", false),
        ftl: z.optional(text("identifiant du modèle FTL (fichier statique GEOSERVER-FTL)", false)),
      }),
    ),
  ),
});

/** VECTOR-TMS: relations under their public names (descriptive fields are kept as given). */
export const VECTOR_TMS_INFOS = object({
  title: z.optional(json),
  abstract: z.optional(json),
  keywords: z.optional(json),
  bbox: z.optional(bbox),
  used_data: usedData(
    relationsOf(object({ native_name: tableName, public_name: z.optional(layerName("nom public")), title: z.optional(json), abstract: z.optional(json), keywords: z.optional(json) })),
  ),
});

/** WMTS-TMS: raster or vector pyramids, ROK4 styles for raster ones. */
export const WMTS_TMS_INFOS = object({
  ...description,
  used_data: usedData(pyramid),
  getfeatureinfo: z.optional(getFeatureInfo),
  styles: z.optional(named(z.array(text("identifiant de fichier statique ROK4-STYLE", false)), "liste d'identifiants de fichiers statiques ROK4-STYLE", true)),
});

/** Interpolations of WMS-RASTER (default BICUBIC). */
const INTERPOLATIONS = ["NEAREST-NEIGHBOUR", "LINEAR", "BICUBIC", "LANCZOS2", "LANCZOS3", "LANCZOS4"] as const;

const resolution = named(z.number().check(z.positive({ error: (issue) => `nombre positif attendu, en mètres par pixel (reçu : ${short(issue.input)})` })), "nombre positif (mètres par pixel)");

/** WMS-RASTER: raster pyramids, interpolation and resolutions. */
export const WMS_RASTER_INFOS = object({
  ...description,
  used_data: usedData(pyramid),
  getfeatureinfo: z.optional(getFeatureInfo),
  interpolation: z.optional(z.enum(INTERPOLATIONS)),
  bottom_resolution: z.optional(resolution),
  top_resolution: z.optional(resolution),
  // ROK4 styles: the first is the default of GetMap.
  styles: z.optional(named(z.array(text("identifiant de fichier statique ROK4-STYLE", false)), "liste d'identifiants de fichiers statiques ROK4-STYLE", true)),
});

// Source or accuracy of an ALTIMETRY pyramid: a fixed text, or labels of the values of a 1-channel pyramid.
const altimetryInfo = named(
  object({ value: z.optional(text("texte non vide", false)), mapping: z.optional(named(z.record(z.string(), text("libellé non vide", false)), 'objet {"<valeur de pixel>": "<libellé>"}')), stored_data: z.optional(storedDataId) }).check(
    keysRule((given) => (given.value !== undefined ? given.mapping === undefined && given.stored_data === undefined : given.mapping !== undefined && given.stored_data !== undefined)
      ? [] : [["", 'donnez soit {"value": "…"}, soit {"mapping": {"<valeur>": "<libellé>"}, "stored_data": "<pyramide>"}']]),
  ),
  'objet {"value": "…"} ou {"mapping": {…}, "stored_data": "…"}',
);

/** ALTIMETRY: elevation pyramids, each with its title, source and accuracy. */
export const ALTIMETRY_INFOS = object({
  ...description,
  used_data: usedData(object({ title: text(), stored_data: storedDataId, source: altimetryInfo, accuracy: altimetryInfo, bbox: z.optional(bbox) })),
});

/** SEARCH: a custom search index (INDEX stored data); [ts] has no bbox, the reference's example sends one (kept). */
export const SEARCH_INFOS = object({
  ...description,
  used_data: usedData(object({ stored_data: storedDataId })),
});

// As literals rather than an enum, so that messages list them in this order.
const METADATA_TYPES = z.literal(["ISO19115:2003", "FGDC", "TC211", "19139", "Other"]);

// Fields of both POST and PUT; type_infos is checked by the schema of the configuration's type.
const FIELDS = {
  name: text("nom de la configuration", false),
  type_infos: named(jsonObject, "objet décrivant la diffusion"),
  metadata: z.optional(named(z.array(z.looseObject({ format: text("type MIME (par exemple application/xml)", false), url: httpUrl, type: METADATA_TYPES })), 'liste de liens {"format", "url", "type"}', true)),
  attribution: z.optional(named(jsonObject, 'objet {"title", "url"}')),
};

/** POST …/configurations (other top-level keys, such as the SDK's `getfeatureinfo`, are ignored as by the real API). */
export const CREATE_CONFIGURATION = object({ type: z.enum(CONFIGURATION_TYPES), layer_name: layerName("nom technique de la couche"), ...FIELDS }, undefined, "ignore");

/** PUT …/configurations/{configuration}: type and layer_name may be repeated, not changed (checked by the code). */
export const REPLACE_CONFIGURATION = object({ type: z.optional(json), layer_name: z.optional(json), ...FIELDS }, undefined, "ignore");
