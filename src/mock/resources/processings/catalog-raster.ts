// The raster pyramid processings (calcul, moissonnage WMS, fusion) as the real API describes them, and the finer
// schemas of the parameters whose form the catalog's constraints only sketch (mask, harvest_dimensions, nodata, bbox);
// the mandatory harvest_url and harvest_area are checked by rules-raster.ts.
import * as z from "zod/mini";
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { CheckDef, ParameterDef, ProcessingDef } from "./catalog.ts";
import type { JsonObject } from "../../core/json.ts";

const param = (name: string, description: string, extra: Partial<ParameterDef> = {}): ParameterDef => ({ name, description, mandatory: false, ...extra });
const stringEnum = (...values: string[]): JsonObject => ({ type: "string", enum: values });
const integer = (minimum: number, maximum?: number): JsonObject => (maximum === undefined ? { type: "integer", minimum } : { type: "integer", minimum, maximum });
const level = { type: "string", pattern: "^([0-9]|1[0-9]|2[01])$" };
const slab = (side: string): ParameterDef => param(side === "width" ? "width" : "height", `Nombre de tuiles dans une dalle, dans le sens de la ${side === "width" ? "largeur" : "hauteur"}`, { default_value: 16, constraints: integer(8, 32) });
const parallelization = param("parallelization", "Nombre de scripts d'écriture des dalles en parallèle", { default_value: 1, constraints: integer(1, 4) });

/** Image formats a WMS may be harvested in (harvest_format). */
export const HARVEST_FORMATS = [
  "image/png", "image/tiff", "image/jpeg", "image/x-bil;bits=32", "image/tiff&format_options=compression:deflate",
  "image/tiff&format_options=compression:lzw", "image/tiff&format_options=compression:packbits", "image/tiff&format_options=compression:raw",
];

/** raster_to_pyramid, wms_to_pyramid and pyramids_to_pyramid, given the platform's checks. */
export function rasterProcessings(checks: { raster: CheckDef; standard: CheckDef }): ProcessingDef[] {
  return [
    {
      _id: ids.processings.raster_to_pyramid,
      name: "Calcul ou mise à jour de pyramide raster",
      description: "Génération ou mise à jour d'une pyramide de tuiles raster à partir d'une livraison d'images géo-référencées",
      priority: "STANDARD",
      input_types: { upload: ["RASTER"], stored_data: ["ROK4-PYRAMID-RASTER"] },
      output_type: { stored_data: "ROK4-PYRAMID-RASTER", storage: ["S3"] },
      parameters: [
        param("bottom", "Niveau du bas de la pyramide. En ne précisant pas de niveau, le traitement prendra le niveau de la grille dont la résolution est la plus proche des images livrées", { constraints: level }),
        param("tms", "Tile Matrix Set, grille de définition des tuiles. Dans le cas d'une génération initiale, il est obligatoire", { constraints: stringEnum("PM", "LAMB93_50cm") }),
        slab("width"),
        param("compression", "Compression des données dans les tuiles", { constraints: stringEnum("jpg", "png", "zip", "jpg90") }),
        param("interpolation", "Interpolation", { constraints: stringEnum("nn", "linear", "bicubic") }),
        parallelization,
        param("top", "Niveau du haut de la pyramide. Par défaut, on remonte jusqu'au niveau le plus haut de la grille", { constraints: level }),
        param("mask", "Écriture des masques de données dans la pyramide en sortie", { default_value: "false", constraints: { type: "boolean" } }),
        slab("height"),
      ],
      required_checks: [checks.raster, checks.standard],
      inputsRequired: true,
    },
    {
      _id: ids.processings.wms_to_pyramid,
      name: "Calcul ou mise à jour de pyramide raster par moissonnage WMS",
      description: "Il n'y a pas besoin de donnée en entrée. Sont fournis en paramètres toutes les informations sur le service WMS et le jeu de données à moissonner, ainsi que la zone sur laquelle faire le moissonnage",
      priority: "STANDARD",
      input_types: { upload: [], stored_data: ["ROK4-PYRAMID-RASTER"] },
      output_type: { stored_data: "ROK4-PYRAMID-RASTER", storage: ["S3"] },
      parameters: [
        param("harvest_layers", "Couches à moissonner, séparées par des virgules, nommées comme dans les capacités du service", { mandatory: true, constraints: { type: "string" } }),
        param("harvest_levels", "Niveaux de la grille à moissonner, du bas vers le haut ; le premier est le niveau du bas de la pyramide", { mandatory: true, constraints: { type: "array", items: level } }),
        param("harvest_area", "Zone à moissonner, en WKT et en EPSG:4326 (longitude puis latitude)", { mandatory: true, constraints: { type: "string" } }),
        param("harvest_format", "Format des images demandées au service WMS", { mandatory: true, constraints: stringEnum(...HARVEST_FORMATS) }),
        param("harvest_url", "Racine du service WMS à moissonner, sans requête GetCapabilities ni GetMap", { mandatory: true, constraints: { type: "string" } }),
        param("bottom", "Niveau du bas de la pyramide", { mandatory: true, constraints: level }),
        param("top", "Niveau du haut de la pyramide", { constraints: level }),
        param("harvest_dimensions", "Taille maximale en pixels d'une image demandée (largeur, hauteur) ; elle doit diviser la taille d'une dalle", { constraints: { type: "array", items: { type: "integer" } } }),
        param("compression", "Compression des données dans les tuiles", { constraints: stringEnum("raw", "jpg", "png", "zip", "jpg90") }),
        param("samplesperpixel", "Nombre de canaux des images (3 au plus avec la compression jpg)", { constraints: integer(1, 4) }),
        param("sampleformat", "Format des canaux", { constraints: stringEnum("UINT8", "FLOAT32") }),
        param("harvest_threshold", "Taille minimale en octets d'une tuile moissonnée", { constraints: integer(0) }),
        param("harvest_extras", "Paramètres supplémentaires des requêtes GetMap (par exemple apikey=… pour un service privé)", { constraints: { type: "string" } }),
        param("nodata", "Valeur de non-donnée, une par canal", { constraints: { type: "array", items: { type: "integer" } } }),
        parallelization,
        param("tms", "Tile Matrix Set, grille de définition des tuiles", { constraints: stringEnum("PM") }),
        slab("width"),
        slab("height"),
      ],
      required_checks: [],
      inputsRequired: false,
    },
    {
      _id: ids.processings.pyramids_to_pyramid,
      name: "Fusion de pyramides raster",
      description: "Ce traitement permet de générer une pyramide raster par composition de plusieurs pyramides indépendantes. Seules les dalles présentes dans plusieurs entrées seront recalculées. Celles présentes dans une seule entrée seront référencées. La pyramide en sortie a donc des dépendances avec celles en entrée.",
      priority: "STANDARD",
      input_types: { upload: [], stored_data: ["ROK4-PYRAMID-RASTER"] },
      output_type: { stored_data: "ROK4-PYRAMID-RASTER", storage: ["S3"] },
      parameters: [
        param("parallelization", "Nombre de scripts d'écriture des dalles en parallèle", { default_value: 1, constraints: integer(1, 4) }),
        param("top", "Niveau du haut de la pyramide. Par défaut, le plus haut des niveaux du haut des pyramides en entrée", { constraints: level }),
        param("bottom", "Niveau du bas de la pyramide. Par défaut, le plus bas des niveaux du bas des pyramides en entrée", { constraints: level }),
        param("bbox", "Emprise de la pyramide en sortie (ouest,sud,est,nord en EPSG:4326). Par défaut, l'union des emprises des pyramides en entrée", { constraints: { type: "string" } }),
      ],
      required_checks: [],
      inputsRequired: true,
    },
  ];
}

/** The four numbers of a "west,south,east,north" box in degrees, or undefined. */
export function parseDegreesBox(value: string): [number, number, number, number] | undefined {
  const numbers = value.split(",").map((part) => Number(part.trim()));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) return undefined;
  const [w, s, e, n] = numbers as [number, number, number, number];
  return w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90 ? [w, s, e, n] : undefined;
}

const MASK = z.union([z.boolean(), z.literal(["true", "false"])], { error: 'booléen attendu (true ou false, ou les chaînes "true" et "false")' });
const DIMENSIONS = z.array(z.int({ error: "entier attendu" }).check(z.gte(1, { error: "entier positif attendu" })), { error: "tableau de deux entiers attendu" }).check(z.length(2, { error: "deux entiers attendus (largeur, hauteur)" }));
const NODATA = z.array(z.int({ error: "entier attendu" }), { error: "tableau d'entiers attendu" }).check(z.minLength(1, { error: "au moins une valeur attendue" }));
const BBOX = z.string().check(z.refine((value) => parseDegreesBox(value) !== undefined, { error: "emprise attendue sous la forme « ouest,sud,est,nord » en degrés (EPSG:4326), ouest < est et sud < nord" }));

type Schema = z.core.$ZodType;
/** Schemas replacing the constraints' ones, by processing then parameter (schemas.ts FINER). */
export const RASTER_FINER: Record<string, Record<string, Schema>> = {
  [ids.processings.raster_to_pyramid]: { mask: MASK },
  [ids.processings.wms_to_pyramid]: { harvest_dimensions: DIMENSIONS, nodata: NODATA },
  [ids.processings.pyramids_to_pyramid]: { bbox: BBOX },
};
