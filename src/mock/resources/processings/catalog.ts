// The processings and checks the datastore may use: names, descriptions, inputs, outputs, parameters and
// required checks as the real API describes them (ids from _data/ids.json).
import ids from "../../../../_data/ids.json" with { type: "json" };
import type { Json, JsonObject } from "../../core/json.ts";
import type { StoredDataType } from "../stored-data/records.ts";
import type { UploadType } from "../uploads/records.ts";
import { DB_TO_DB } from "./derivation.ts";
import { INDEX_TO_INDEX } from "./catalog-index.ts";
import { rasterProcessings } from "./catalog-raster.ts";

/** A check (vérification) run on uploads when they are closed. */
export interface CheckDef {
  _id: string;
  name: string;
  description: string;
}

/** The checks of the platform, by key. */
export const CHECKS = {
  standard: { _id: ids.checks.standard, name: "Vérification standard", description: "La vérification standard contrôle les signatures MD5 fournies" },
  archive: { _id: ids.checks.archive, name: "Vérification archive", description: "Contrôle de l'absence de conflit dans le nommage des fichiers livrés" },
  vector: { _id: ids.checks.vector, name: "Vérification vecteur", description: "La vérification vecteur contrôle que les fichiers sont bien lisibles et en extraie l'étendue" },
  raster: { _id: ids.checks.raster, name: "Vérification raster", description: "La vérification raster contrôle que les fichiers sont bien lisibles et en extrait le géoréférencement" },
  pyramid_rok4: { _id: ids.checks.pyramid_rok4, name: "Vérification pyramide ROK4", description: "Contrôle de la cohérence d'une pyramide ROK4 livrée" },
} satisfies Record<string, CheckDef>;

/** A check by id, if known. */
export function checkById(id: string): CheckDef | undefined {
  return Object.values(CHECKS).find((check) => check._id === id);
}

/** Checks started when an upload of a given type is closed (the standard check always runs, last). */
export function checksForUploadType(type: UploadType): CheckDef[] {
  const specific: Partial<Record<UploadType, CheckDef>> = {
    ARCHIVE: CHECKS.archive,
    VECTOR: CHECKS.vector,
    RASTER: CHECKS.raster,
    "ROK4-PYRAMID": CHECKS.pyramid_rok4,
  };
  const first = specific[type];
  return first ? [first, CHECKS.standard] : [CHECKS.standard];
}

/** A parameter of a processing. */
export interface ParameterDef {
  name: string;
  description: string;
  mandatory: boolean;
  default_value?: Json;
  constraints?: JsonObject;
  /** A parameter naming static files: their type (ProcessingParameterStaticFileDto). */
  static_type?: string;
}

/** A processing (traitement). */
export interface ProcessingDef {
  _id: string;
  name: string;
  description: string;
  priority: "STANDARD" | "PREMIUM" | "SANDBOX" | "STRONG" | "EXTRACTION";
  input_types: { upload: UploadType[]; stored_data: StoredDataType[] };
  output_type: { stored_data: StoredDataType; storage: string[] };
  parameters: ParameterDef[];
  required_checks: CheckDef[];
  /** Whether an execution needs at least one input (false for harvesting). */
  inputsRequired: boolean;
}

const param = (name: string, description: string, extra: Partial<ParameterDef> = {}): ParameterDef => ({
  name, description, mandatory: false, ...extra,
});
const stringEnum = (...values: string[]): JsonObject => ({ type: "string", enum: values });

const integer = (minimum: number, maximum?: number): JsonObject => (maximum === undefined ? { type: "integer", minimum } : { type: "integer", minimum, maximum });
const levelsParams = [
  param("width", "Nombre de tuiles dans une dalle, dans le sens de la largeur", { default_value: 16, constraints: integer(1) }),
  param("height", "Nombre de tuiles dans une dalle, dans le sens de la hauteur", { default_value: 16, constraints: integer(1) }),
  param("parallelization", "Nombre de scripts d'écriture des dalles en parallèle", { default_value: 1, constraints: integer(1) }),
];
const level = { type: "string", pattern: "^([0-9]|1[0-9]|2[01])$" };

/** Processings available to the datastore, in the order of GET …/processings. */
export const PROCESSINGS: readonly ProcessingDef[] = [
  {
    _id: ids.processings.vector_to_db,
    name: "Intégration de données vecteur livrées en base",
    description: "Ce traitement permet de stocker dans les bases de données PostgreSQL de la plateforme des données vecteurs livrées. Les formats pris en charge sont le CSV, le Shapefile, le Geopackage et le GeoJSON. Il est également possible de préciser un autre système afin de réaliser une reprojection à l'intégration",
    priority: "STANDARD",
    input_types: { upload: ["VECTOR"], stored_data: [] },
    output_type: { stored_data: "VECTOR-DB", storage: ["POSTGRESQL"] },
    parameters: [
      param("srs", "Système de coordonnées cible", { constraints: { type: "string" } }),
      param("update", "Applique les fichiers de modification (.update) livrés (false par défaut : ils sont ignorés)", { constraints: { type: "boolean" } }),
      param("delete", "Applique les fichiers de suppression (.delete) livrés (false par défaut : ils sont ignorés)", { constraints: { type: "boolean" } }),
    ],
    required_checks: [CHECKS.vector, CHECKS.standard],
    inputsRequired: true,
  },
  {
    _id: ids.processings.archive_to_archive,
    name: "Recopie d'une archive livrée",
    description: "Génération ou mise à jour d'une donnée stockée ARCHIVE à partir d'une archive livrées. Si un fichier livré existait déjà dans la donnée en sortie, celui ci va écraser l'ancienne version",
    priority: "STANDARD",
    input_types: { upload: ["ARCHIVE"], stored_data: [] },
    output_type: { stored_data: "ARCHIVE", storage: ["S3"] },
    parameters: [],
    required_checks: [CHECKS.archive, CHECKS.standard],
    inputsRequired: true,
  },
  ...rasterProcessings(CHECKS),
  {
    _id: ids.processings.db_to_pyramid,
    name: "Calcul ou mise à jour de pyramide vecteur",
    description: "Génération ou mise à jour d'une pyramide de tuiles vectorielles à partir d'une donnée vecteur en base",
    priority: "STANDARD",
    input_types: { upload: [], stored_data: ["VECTOR-DB", "ROK4-PYRAMID-VECTOR"] },
    output_type: { stored_data: "ROK4-PYRAMID-VECTOR", storage: ["S3"] },
    parameters: [
      param("composition", "Tables à tuiler, avec leurs niveaux (table, bottom_level, top_level, et optionnellement layer, filter, attributes)", {
        constraints: { type: "array", items: { type: "object", required: ["table", "bottom_level", "top_level"] } },
      }),
      param("bottom_level", "Niveau du bas de la pyramide (obligatoire sans composition)", { constraints: level }),
      param("top_level", "Niveau du haut de la pyramide (obligatoire sans composition)", { constraints: level }),
      levelsParams[0]!,
      levelsParams[1]!,
      param("tippecanoe_options", "Options supplémentaires de tippecanoe", { constraints: { type: "string" } }),
      param("area", "Zone de calcul en WKT (EPSG:4326), obligatoire si la donnée en base n'a pas d'étendue", { constraints: { type: "string" } }),
      levelsParams[2]!,
    ],
    required_checks: [],
    inputsRequired: true,
  },
  DB_TO_DB,
  INDEX_TO_INDEX,
];

/** A processing by id, if available to the datastore. */
export function processingById(id: string): ProcessingDef | undefined {
  return PROCESSINGS.find((processing) => processing._id === id);
}

/** Short form of a processing, as in GET …/processings. */
export function processingSummary(processing: ProcessingDef): JsonObject {
  return { name: processing.name, description: processing.description, _id: processing._id };
}

/** Full form of a processing, as in GET …/processings/{processing}. */
export function processingDetail(processing: ProcessingDef): JsonObject {
  return {
    name: processing.name,
    description: processing.description,
    priority: processing.priority,
    input_types: { upload: [...processing.input_types.upload], stored_data: [...processing.input_types.stored_data] },
    output_type: { stored_data: processing.output_type.stored_data, storage: [...processing.output_type.storage] },
    parameters: processing.parameters.map((parameter) => ({ ...parameter }) as JsonObject),
    _id: processing._id,
    required_checks: processing.required_checks.map((check) => ({ name: check.name, description: check.description, _id: check._id })),
  };
}
