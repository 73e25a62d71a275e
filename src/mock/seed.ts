// The fixed world of the simulation: the seeded users (Dave Lopper, the default one, and Anne Halise), their communities and datastores, with the
// real endpoint and storage ids of the production platform (from _data/ids.json and _data/urls.json).
import ids from "../../_data/ids.json" with { type: "json" };
import urls from "../../_data/urls.json" with { type: "json" };

/** The default user's datastore (the first seeded one). */
export const SIMULATED_DATASTORE_ID = "f3b7c2a1-6d4e-4b8f-9a2c-7e1d5b3c9f60";
/** The seeded user's id. */
export const SIMULATED_USER_ID = "8e2d4c6a-1b3f-4a5e-8c7d-9f0a2b4c6d8e";
/** The seeded community's id. */
export const SIMULATED_COMMUNITY_ID = "2a9c7e5b-3d1f-4e8a-b6c4-0d2e4f6a8b1c";
/** Creation and last update of what the platform provides (community, datastore, endpoints, storages, checks, the
 * processing named by an execution): [ts] requires them, their real values are not published; the community's creation
 * date stands for all. */
export const SEED_DATES = { creation: "2023-02-01T09:45:10.725069Z", update: "2023-02-01T09:45:10.725069Z" } as const;
/** Contact e-mail of the community, copied into uploads and stored data. */
export const CONTACT = "contact@ign.fr";

/** Answer of GET /users/me. */
export const SIMULATED_USER = {
  _id: SIMULATED_USER_ID,
  email: "dave.lopper@ign.fr",
  first_name: "Dave",
  last_name: "Lopper",
  creation: "2023-02-01T09:45:10.725069Z",
  update: "2024-09-16T08:12:44.102873Z",
  last_login: "2024-09-16T08:12:44.102873Z",
  technical: false,
  administrator: false,
  documents_quota: 10,
  documents_use: 0,
  keys_quota: 10,
  keys_use: 0,
  communities_member: [
    {
      rights: ["ANNEX", "UPLOAD", "BROADCAST", "PROCESSING", "COMMUNITY"],
      community: {
        _id: SIMULATED_COMMUNITY_ID,
        name: "Communauté des tutoriels",
        technical_name: "tutoriels",
        datastore: SIMULATED_DATASTORE_ID,
        supervisor: SIMULATED_USER_ID,
        public: true,
        ...SEED_DATES,
      },
    },
  ],
};

/** A user of the simulation: GET /users/me's account fields, a login and password (the simulated identity service's
 * password grant; the local server's `--token login=…`) and their own community and datastore. */
export interface SeededUser {
  login: string;
  password: string;
  _id: string;
  email: string;
  first_name: string;
  last_name: string;
  creation: string;
  update: string;
  last_login: string;
  workspace: { community: string; datastore: string; name: string; technical_name: string };
}

/** The second seeded user's id, her community's and her datastore's. */
export const SECOND_USER_ID = "5d1e8b3a-7c2f-4e6d-9a1b-3c5e7f9a1b2d";
export const SECOND_COMMUNITY_ID = "9b4d2f6e-8a1c-4d3b-a5e7-1f3b5d7e9a2c";
export const SECOND_DATASTORE_ID = "c6a8e0f2-4b6d-4f8a-8c1e-3a5c7e9b1d4f";

/** The seeded users, the default one (Dave Lopper) first; the other (Anne Halise) has her own community and
 * datastore, for the tutorials that grant her a right, a permission or a document. */
export const SEEDED_USERS: readonly SeededUser[] = [
  {
    login: "dave", password: "dave",
    _id: SIMULATED_USER_ID, email: SIMULATED_USER.email, first_name: SIMULATED_USER.first_name, last_name: SIMULATED_USER.last_name,
    creation: SIMULATED_USER.creation, update: SIMULATED_USER.update, last_login: SIMULATED_USER.last_login,
    workspace: { community: SIMULATED_COMMUNITY_ID, datastore: SIMULATED_DATASTORE_ID, name: "Communauté des tutoriels", technical_name: "tutoriels" },
  },
  {
    login: "anne", password: "anne",
    _id: SECOND_USER_ID, email: "anne.halise@ign.fr", first_name: "Anne", last_name: "Halise",
    creation: "2023-03-14T10:21:37.418305Z", update: "2024-09-12T14:03:51.772914Z", last_login: "2024-09-12T14:03:51.772914Z",
    workspace: { community: SECOND_COMMUNITY_ID, datastore: SECOND_DATASTORE_ID, name: "Communauté d'Anne Halise", technical_name: "anne_halise" },
  },
];

/** The second seeded user (Anne Halise). */
export const SECOND_USER: SeededUser = SEEDED_USERS[1]!;

/** An endpoint (point de diffusion) of the platform. */
export interface Endpoint {
  _id: string;
  name: string;
  technical_name: string;
  type: string;
  open: boolean;
  urls: { type: string; url: string }[];
  metadata_fi?: string;
  creation: string;
  update: string;
}

const endpoint = (
  _id: string, name: string, technical_name: string, type: string, open: boolean, endpointUrls: [string, string][],
): Endpoint => ({
  _id, name, technical_name, type, open,
  urls: endpointUrls.map(([urlType, url]) => ({ type: urlType, url })),
  metadata_fi: technical_name,
  ...SEED_DATES,
});

const root = "https://data.geopf.fr";

/** Every endpoint the datastore may publish on (open and private), as in GET /datastores/{datastore}. */
export const ENDPOINTS: readonly Endpoint[] = [
  endpoint(ids.endpoints.open.wfs, "Service de diffusion WFS principal", "gpf-geoserver-wfs", "WFS", true, [["WFS", `${urls.public.wfs}/geoserver/ows`]]),
  endpoint(ids.endpoints.open.wmsv, "Service de diffusion WMS Vecteur principal", "gpf-geoserver-wms-v", "WMS-VECTOR", true, [["WMS", `${urls.public.wmsv}/geoserver/ows`]]),
  endpoint(ids.endpoints.open.wmts, "Service de diffusion WMTS/TMS principal", "gpf-rok4-server-wmts-tms", "WMTS-TMS", true, [["WMTS", urls.public.wmts], ["TMS", `${urls.public.tms}/`]]),
  endpoint(ids.endpoints.open.wmsr, "Service de diffusion WMS Raster principal", "gpf-rok4-server-wms-r", "WMS-RASTER", true, [["WMS", `${urls.public.wmsr}/wms`]]),
  endpoint(ids.endpoints.open.download, "Service de Téléchargement principal", "gpf-download", "DOWNLOAD", true, [["DOWNLOAD", `${urls.public.download}/`]]),
  endpoint(ids.endpoints.open.csw, "Service de diffusion CSW", "gpf-geonetwork", "METADATA", true, [["METADATA", `${root}/csw`]]),
  endpoint("043dd5e1-4136-49d3-b7a6-26de70d4a195", "Service de recherche principal", "gpf-search", "SEARCH", true, [["SEARCH", `${root}/recherche`]]),
  endpoint(ids.endpoints.open.alti, "Service d'altimétrie principal", "gpf-altimetry", "ALTIMETRY", true, [["ALTIMETRY", urls.public.alti]]),
  // IGN never published this endpoint's id: ids.endpoints.open.tmsv is the simulation's own (src/mock/README.md).
  endpoint(ids.endpoints.open.tmsv, "Service de diffusion TMS vecteur (tuiles calculées à la volée)", "gpf-vector-tms", "VECTOR-TMS", true, [["TMS", `${urls.public.tmsv}/`]]),
  endpoint(ids.endpoints.private.download, "Service de téléchargement private", "gpf-download-private", "DOWNLOAD", false, [["DOWNLOAD", `${urls.private.download}/`]]),
  endpoint(ids.endpoints.private.wfs, "Service de diffusion WFS privé", "gpf-geoserver-wfs-private", "WFS", false, [["WFS", `${urls.private.wfs}/`]]),
  endpoint(ids.endpoints.private.wmsv, "Service de diffusion WMS Vecteur privé", "gpf-geoserver-wms-v-private", "WMS-VECTOR", false, [["WMS", `${urls.private.wmsv}/`]]),
  endpoint(ids.endpoints.private.wmsr, "Service de diffusion WMS Raster privé", "gpf-rok4-server-wms-r-private", "WMS-RASTER", false, [["WMS", `${urls.private.wmsr}/`]]),
  endpoint(ids.endpoints.private.wmts, "Service de diffusion WMTS/TMS privé", "gpf-rok4-server-wmts-tms-private", "WMTS-TMS", false, [["TMS", `${urls.private.tms}/`], ["WMTS", `${urls.private.wmts}/`]]),
  endpoint("5c8f3cd0-405f-4c3e-8240-959683fc2a93", "Service de recherche privé", "gpf-search-private", "SEARCH", false, [["SEARCH", `${root}/private/recherche`]]),
  endpoint(ids.endpoints.private.alti, "Service d'altimétrie privé", "gpf-altimetry-private", "ALTIMETRY", false, [["ALTIMETRY", urls.private.alti]]),
];

/** Publications allowed per endpoint. */
export const ENDPOINT_QUOTA = 10;

/** A storage of the datastore; `labels` are what an execution's `storage_tags` must match. */
export interface Storage {
  _id: string;
  name: string;
  type: "S3" | "POSTGRESQL" | "OPENSEARCH";
  labels: string[];
  quota: number;
}

/** Data storages (where stored data go). */
export const DATA_STORAGES: readonly Storage[] = [
  { _id: ids.storages.s3_data_pyramid, name: "Stockage S3 des pyramides", type: "S3", labels: ["PARTENAIRE", "PYRAMIDE", "PERF"], quota: 10000000000 },
  { _id: ids.storages.s3_data_archive, name: "Stockage S3 des archives", type: "S3", labels: ["PARTENAIRE", "ARCHIVE", "PERF"], quota: 10000000000 },
  { _id: ids.storages.postgresql, name: "Base de données PostgreSQL", type: "POSTGRESQL", labels: ["PARTENAIRE", "VECTEUR"], quota: 10000000000 },
  // Where the index2index processing writes the search indexes (entrepot-api-more.md §0).
  { _id: "d5134033-c9c1-4342-a348-fbc4182f34bc", name: "Stockage OpenSearch standard", type: "OPENSEARCH", labels: ["INDEX"], quota: 10000000000 },
];
/** Storage of uploads. */
export const UPLOAD_STORAGE: Storage = { _id: ids.storages.s3_upload, name: "Stockage S3 des livraisons", type: "S3", labels: ["LIVRAISON", "PERF"], quota: 10000000000 };
/** Storage of annexes. */
export const ANNEXE_STORAGE: Storage = { _id: ids.storages.s3_annexe, name: "Stockage S3 des annexes", type: "S3", labels: ["ANNEXE", "PERF"], quota: 10000000000 };

/** Static part of GET /datastores/{datastore} (endpoints, storages and their `use` are added live). */
export const DATASTORE_INFO = {
  _id: SIMULATED_DATASTORE_ID,
  name: "Communauté des tutoriels",
  technical_name: "tutoriels",
  active: true,
  community: { _id: SIMULATED_COMMUNITY_ID, contact: CONTACT, public: true, ...SEED_DATES },
  ...SEED_DATES,
};

/** Download roots (offering URLs are `<root>/resource/<layer_name>`). */
export const DOWNLOAD_ROOTS = { open: urls.public.download, private: urls.private.download } as const;

/** Roots of the diffusion services, open and private (from _data/urls.json). */
export const SERVICE_ROOTS = {
  open: { wfs: urls.public.wfs, wmsv: urls.public.wmsv, wmts: urls.public.wmts, tms: urls.public.tms, wmsr: urls.public.wmsr, download: urls.public.download, alti: urls.public.alti },
  private: { wfs: urls.private.wfs, wmsv: urls.private.wmsv, wmts: urls.private.wmts, tms: urls.private.tms, wmsr: urls.private.wmsr, download: urls.private.download, alti: urls.private.alti },
} as const;

/** Root of the vector tiles computed on the fly (VECTOR-TMS, open only: the platform has no private one). */
export const VECTOR_TMS_ROOT = urls.public.tmsv;

/** Roots of one visibility. */
export type ServiceRoots = (typeof SERVICE_ROOTS)["open"];
