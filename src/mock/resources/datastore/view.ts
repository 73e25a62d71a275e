// GET /datastores/{datastore}: a user's datastore with the live use of its endpoints and storages.
import { ANNEXE_GROUP, ANNEXES } from "../annexes/records.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { UPLOAD_GROUP, UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import { CHECKS, PROCESSINGS } from "../processings/catalog.ts";
import type { JsonObject } from "../../core/json.ts";
import type { Storage } from "../../seed.ts";
import { datastoreInfo } from "../users/directory.ts";
import { ANNEXE_STORAGE, DATA_STORAGES, ENDPOINT_QUOTA, ENDPOINTS, SEED_DATES, UPLOAD_STORAGE } from "../../seed.ts";

// A storage as the datastore shows it (StorageListResponseDto; the platform's dates are the seed's).
const storageView = (storage: Storage): JsonObject => ({ _id: storage._id, name: storage.name, type: storage.type, labels: [...storage.labels], ...SEED_DATES });

/** The datastore as GET /datastores/{datastore} returns it. */
export function datastoreView(ctx: Context, datastore: string): JsonObject {
  // Running totals kept by the store: the cost does not grow with the number of uploads, stored data or offerings.
  const offerings = ctx.records.totals(OFFERINGS, datastore);
  const storedData = ctx.records.totals(STORED_DATA, datastore);
  const uploadsUse = ctx.records.totals(UPLOADS, datastore).get(UPLOAD_GROUP)?.size ?? 0;
  const info = datastoreInfo(datastore)!;
  return {
    ...info,
    community: { ...info.community },
    processings: PROCESSINGS.map((processing) => processing._id),
    checks: Object.values(CHECKS).map((check) => check._id),
    endpoints: ENDPOINTS.map((endpoint) => ({
      use: offerings.get(endpoint._id)?.count ?? 0,
      quota: ENDPOINT_QUOTA,
      endpoint: { ...endpoint, urls: endpoint.urls.map((url) => ({ ...url })) } as unknown as JsonObject,
    })),
    storages: {
      data: DATA_STORAGES.map((storage) => ({
        use: storedData.get(storage._id)?.size ?? 0,
        quota: storage.quota,
        storage: storageView(storage),
      })),
      uploads: { use: uploadsUse, quota: UPLOAD_STORAGE.quota, storage: storageView(UPLOAD_STORAGE) },
      annexes: { use: ctx.records.totals(ANNEXES, datastore).get(ANNEXE_GROUP)?.size ?? 0, quota: ANNEXE_STORAGE.quota, storage: storageView(ANNEXE_STORAGE) },
    },
  };
}
