// The simulated GeoNature instance's data: a few hundred observations generated from a fixed seed (the same on every
// run, in the browser and in Node), with the columns of a synthesis export to the SINP standard, the exports its
// Export module declares (public and private, each with its licence) and the tokens that open the private ones.
import flux from "../../../_data/flux.json" with { type: "json" };

/** The simulated instance's API root (`API_ENDPOINT` of a GeoNature). */
export const GEONATURE_API = `https://${flux.geonature_host}${flux.geonature_path}`;

/** One observation as the synthesis view holds it (geometry: WGS84 longitude, latitude). */
export interface Observation {
  id_synthese: number;
  uuid_perm_sinp: string;
  cd_nom: number;
  nom_valide: string;
  nom_vernaculaire: string;
  date_debut: string;
  date_fin: string;
  observateurs: string;
  denombrement_min: number;
  denombrement_max: number;
  statut_observation: string;
  jdd_nom: string;
  /** False for the observations the public export leaves out (sensitive or not yet validated). */
  diffusable: boolean;
  lon: number;
  lat: number;
}

/** A licence as the export API names it. */
export interface Licence {
  name: string;
  href: string;
}

/** An export of the Export module. */
export interface ExportDefinition {
  id: number;
  label: string;
  description: string;
  /** Public exports are read without a token. */
  public: boolean;
  licence: Licence;
  /** Which observations the export's SQL view selects. */
  selects: (observation: Observation) => boolean;
}

const OPEN_LICENCE: Licence = { name: "Licence Ouverte/Open Licence Version 2.0", href: "https://www.etalab.gouv.fr/licence-ouverte-open-licence" };

/** The exports of the simulated instance (ids and labels after the Export module's back office shown in the seed). */
export const EXPORTS: readonly ExportDefinition[] = [
  { id: 1, label: "Synthese SINP", description: "Export des données de la synthèse au standard SINP", public: false, licence: { name: "Licence fermée SINP", href: "https://inpn.mnhn.fr/programme/donnees-observations-especes/references/sinp" }, selects: () => true },
  { id: 5, label: "Observations Biodiversite Synthese SIG", description: "Observations de biodiversité (faune, flore) présentes et diffusables, pour SIG", public: true, licence: OPEN_LICENCE, selects: (observation) => observation.diffusable },
  { id: 13, label: "Export MAE", description: "Observations des espèces à enjeux pour les mesures agro-environnementales", public: false, licence: OPEN_LICENCE, selects: (observation) => observation.cd_nom % 3 === 0 },
];

/** Token → the private exports it opens (the module gives one token per export and role). */
export const EXPORT_TOKENS: Readonly<Record<string, readonly number[]>> = {
  [flux.simulated.geonature_token]: [1, 5],
  "9b2e7d4a6c1f48e5a3d0b7c2e9f1a6d4": [13],
};

/** The token the tutorial uses in simulated mode (it opens the "Synthese SINP" export). */
export const TUTORIAL_TOKEN = flux.simulated.geonature_token;

/** How many observations the instance holds. */
export const OBSERVATION_COUNT = 320;

// Common species of mainland France (valid name, French name, a TAXREF-like code used only as an example here).
const TAXA: readonly [number, string, string][] = [
  [61153, "Marmota marmota (Linnaeus, 1758)", "Marmotte des Alpes"],
  [61119, "Rupicapra rupicapra (Linnaeus, 1758)", "Chamois"],
  [61057, "Capreolus capreolus (Linnaeus, 1758)", "Chevreuil européen"],
  [60585, "Vulpes vulpes (Linnaeus, 1758)", "Renard roux"],
  [4001, "Erithacus rubecula (Linnaeus, 1758)", "Rougegorge familier"],
  [3764, "Parus major Linnaeus, 1758", "Mésange charbonnière"],
  [2840, "Aquila chrysaetos (Linnaeus, 1758)", "Aigle royal"],
  [53865, "Iphiclides podalirius (Linnaeus, 1758)", "Flambé"],
  [81295, "Leontopodium nivale subsp. alpinum (Cass.) Greuter, 2003", "Édelweiss"],
  [96749, "Gentiana lutea L., 1753", "Gentiane jaune"],
  [77706, "Bufo bufo (Linnaeus, 1758)", "Crapaud commun"],
  [79273, "Salamandra salamandra (Linnaeus, 1758)", "Salamandre tachetée"],
];

// Fictitious observers.
const OBSERVERS = ["MARTIN Camille", "BERNARD Louis", "PETIT Jeanne", "DURAND Hugo", "LEROY Inès", "MOREAU Paul", "GARNIER Léa", "FAURE Noé"];

// Centres (longitude, latitude) of the survey areas, all in mainland France, and their names as datasets.
const AREAS: readonly [number, number, string][] = [
  [6.25, 44.85, "Inventaires Écrins"],
  [6.85, 45.4, "Suivis Vanoise"],
  [3.7, 44.3, "Prospections Cévennes"],
  [0.1, 42.85, "Inventaires Pyrénées"],
  [-3.5, 48.3, "Atlas Bretagne"],
];

// A small deterministic pseudo-random generator (mulberry32).
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");
const hex = (random: () => number, length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");

let cache: Observation[] | undefined;

/** The instance's observations, generated once (always the same ones). */
export function observations(): readonly Observation[] {
  if (cache) return cache;
  const random = generator(20230315);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  cache = Array.from({ length: OBSERVATION_COUNT }, (_, index) => {
    const [cdNom, valid, vernacular] = pick(TAXA);
    const [lon, lat, dataset] = pick(AREAS);
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 700) * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const count = 1 + Math.floor(random() * 6);
    return {
      id_synthese: 1001 + index,
      uuid_perm_sinp: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`,
      cd_nom: cdNom,
      nom_valide: valid,
      nom_vernaculaire: vernacular,
      date_debut: date,
      date_fin: date,
      observateurs: pick(OBSERVERS),
      denombrement_min: count,
      denombrement_max: count + Math.floor(random() * 3),
      statut_observation: "Présent",
      jdd_nom: dataset,
      diffusable: random() < 0.8,
      lon: Math.round((lon + (random() - 0.5) * 0.6) * 1e6) / 1e6,
      lat: Math.round((lat + (random() - 0.5) * 0.4) * 1e6) / 1e6,
    };
  });
  return cache;
}
