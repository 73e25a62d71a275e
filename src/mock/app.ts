// The simulated API Entrepôt, assembled: every resource's routes in matching order, the lifecycles the store
// runs, and a store factory. Transports (MSW in the browser and in tests, Hono in the local server) serve
// this one route table.
import type { Collection, RecordBase } from "./core/collection.ts";
import type { StoreOptions } from "./core/store.ts";
import { ANNOTATIONS } from "./resources/annotations/records.ts";
import { CHECK_EXECUTIONS } from "./resources/checks/records.ts";
import { CONFIGURATIONS } from "./resources/configurations/records.ts";
import { EXECUTIONS } from "./resources/executions/records.ts";
import { OFFERINGS } from "./resources/offerings/records.ts";
import { STATICS } from "./resources/statics/records.ts";
import { STORED_DATA } from "./resources/stored-data/records.ts";
import { UPLOADS } from "./resources/uploads/records.ts";
import { Store } from "./core/store.ts";
import type { Route } from "./http/route.ts";
import { ANNEXES } from "./resources/annexes/records.ts";
import { annexeRoutes } from "./resources/annexes/routes.ts";
import { METADATA } from "./resources/metadata/records.ts";
import { metadataRoutes } from "./resources/metadata/routes.ts";
import { DOCUMENTS } from "./resources/documents/records.ts";
import { documentRoutes } from "./resources/documents/routes.ts";
import { annotationRoutes } from "./resources/annotations/routes.ts";
import { CHECK_LIFECYCLE } from "./resources/checks/checks.ts";
import { checkRoutes } from "./resources/checks/routes.ts";
import { configurationRoutes } from "./resources/configurations/routes.ts";
import { datastoreRoutes } from "./resources/datastore/routes.ts";
import { EXECUTION_LIFECYCLE } from "./resources/executions/lifecycle.ts";
import { executionRoutes } from "./resources/executions/routes.ts";
import { OFFERING_LIFECYCLE } from "./resources/offerings/offerings.ts";
import { offeringRoutes } from "./resources/offerings/routes.ts";
import { processingRoutes } from "./resources/processings/routes.ts";
import { staticRoutes } from "./resources/statics/routes.ts";
import { storedDataRoutes } from "./resources/stored-data/routes.ts";
import { uploadRoutes } from "./resources/uploads/routes.ts";
import { guarded } from "./resources/users/memberships.ts";
import { permissionRoutes } from "./resources/permissions/routes.ts";
import { keyRoutes } from "./resources/keys/routes.ts";
import { COMMUNITIES } from "./resources/communities/records.ts";
import { communityRoutes } from "./resources/communities/routes.ts";
import { ORGANIZATIONS } from "./resources/organizations/records.ts";
import { organizationRoutes } from "./resources/organizations/routes.ts";
import { THEIA_DEPOSITS } from "./theia/records.ts";

export { diffusionRoutes } from "./http/routes-diffusion.ts";

/** Every API route, in matching order (executions before `/processings/:processing`); each route under
 * `/datastores/{datastore}` first checks that the caller is a member of it, with the right its family needs. */
export const API_ROUTES: readonly Route[] = ([
  ...datastoreRoutes,
  ...uploadRoutes,
  ...checkRoutes,
  ...executionRoutes,
  ...processingRoutes,
  ...storedDataRoutes,
  ...configurationRoutes,
  ...offeringRoutes,
  ...staticRoutes,
  ...annexeRoutes,
  ...metadataRoutes,
  ...documentRoutes,
  ...communityRoutes,
  ...organizationRoutes,
  ...permissionRoutes,
  ...keyRoutes,
  // Tags, comments, events and sharings under uploads, stored data and configurations (fixed last segments).
  ...annotationRoutes,
] as Route[]).map(guarded);

/** The timed transitions of the resources. */
export const LIFECYCLES = [CHECK_LIFECYCLE, EXECUTION_LIFECYCLE, OFFERING_LIFECYCLE];

/** Every collection of records (for Store.reindex after an import). */
export const COLLECTIONS = [UPLOADS, CHECK_EXECUTIONS, EXECUTIONS, STORED_DATA, CONFIGURATIONS, OFFERINGS, STATICS, ANNOTATIONS, ANNEXES, METADATA, DOCUMENTS, COMMUNITIES, ORGANIZATIONS, THEIA_DEPOSITS] as unknown as readonly Collection<RecordBase>[];

/** A simulated datastore over the given source and blobs (in memory by default). */
export function createStore(options: StoreOptions = {}): Store {
  return new Store(LIFECYCLES, { collections: COLLECTIONS, ...options });
}
