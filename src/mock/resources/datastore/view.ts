// GET /datastores/{datastore}: the seeded datastore with the live use of its endpoints and storages.
import { OFFERINGS } from "../offerings/records.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { UPLOADS } from "../uploads/records.ts";
import type { Context } from "../../core/context.ts";
import { CHECKS, PROCESSINGS } from "../processings/catalog.ts";
import type { JsonObject } from "../../core/json.ts";
import { uploadSize } from "../uploads/views.ts";
import type { Storage } from "../../seed.ts";
import { ANNEXE_STORAGE, DATA_STORAGES, DATASTORE_INFO, ENDPOINT_QUOTA, ENDPOINTS, UPLOAD_STORAGE } from "../../seed.ts";

const storageView = (storage: Storage): JsonObject => ({ _id: storage._id, name: storage.name, type: storage.type, labels: [...storage.labels] });

/** The datastore as GET /datastores/{datastore} returns it. */
export function datastoreView(ctx: Context): JsonObject {
  const offerings = ctx.records.list(OFFERINGS);
  const storedData = ctx.records.list(STORED_DATA).filter((item) => item.status !== "DELETED");
  const uploadsUse = ctx.records.list(UPLOADS).reduce((sum, upload) => sum + uploadSize(upload), 0);
  return {
    ...DATASTORE_INFO,
    community: { ...DATASTORE_INFO.community },
    processings: PROCESSINGS.map((processing) => processing._id),
    checks: Object.values(CHECKS).map((check) => check._id),
    endpoints: ENDPOINTS.map((endpoint) => ({
      use: offerings.filter((offering) => offering.endpoint === endpoint._id).length,
      quota: ENDPOINT_QUOTA,
      endpoint: { ...endpoint, urls: endpoint.urls.map((url) => ({ ...url })) } as unknown as JsonObject,
    })),
    storages: {
      data: DATA_STORAGES.map((storage) => ({
        use: storedData.filter((item) => item.storage === storage._id).reduce((sum, item) => sum + item.size, 0),
        quota: storage.quota,
        storage: storageView(storage),
      })),
      uploads: { use: uploadsUse, quota: UPLOAD_STORAGE.quota, storage: storageView(UPLOAD_STORAGE) },
      annexes: { use: 0, quota: ANNEXE_STORAGE.quota, storage: storageView(ANNEXE_STORAGE) },
    },
  };
}
