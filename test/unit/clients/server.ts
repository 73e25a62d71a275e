// The local datastore server (`npm run datastore`) as the official clients meet it: a server on a free port,
// its state in a new temporary directory, a bearer token and short simulated delays so that polls end fast.
import { startDatastoreServer } from "../../../src/mock/node/server.ts";
import type { DatastoreServer } from "../../../src/mock/node/server.ts";
import { SIMULATED_DATASTORE_ID } from "../../../src/mock/seed.ts";
import { tempDir } from "../server/temp.ts";

/** Token the clients send (as a Keycloak access token would be). */
export const CLIENT_TOKEN = "jeton-des-clients-officiels";
/** The seeded datastore the clients work in (`store_api.datastore` of the SDK, `current_datastore` of Bruno). */
export const DATASTORE = SIMULATED_DATASTORE_ID;

/** Delays of the asynchronous lifecycles, in milliseconds (checks, executions, publication). */
export const SHORT_DELAYS = { checkStart: 5, checkDuration: 20, checkStagger: 5, executionWaiting: 5, executionProgress: 40, offeringPublish: 10 };

/** Starts a local server for a client replay (SHORT_DELAYS unless `delays` are given); `close()` stops it. */
export async function startClientServer(delays: Partial<typeof SHORT_DELAYS> = SHORT_DELAYS): Promise<DatastoreServer> {
  return startDatastoreServer({ port: 0, dir: tempDir(), token: CLIENT_TOKEN, log: () => undefined, store: { delays } });
}
