// Routes of the processings the datastore may run.
import { notFound } from "../../core/errors.ts";
import { DEFAULT_LIMIT, json, paginated } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import { processingById, PROCESSINGS, processingDetail, processingSummary } from "./catalog.ts";

/** Processing routes. */
export const processingRoutes: Route[] = [
  route("GET", "/datastores/:datastore/processings", ({ params: { datastore = "" }, url }) => {
    assertDatastore(datastore);
    return paginated(PROCESSINGS.map(processingSummary), url, DEFAULT_LIMIT);
  }),
  route("GET", "/datastores/:datastore/processings/:processing", ({ params: { datastore = "", processing = "" } }) => {
    assertDatastore(datastore);
    const found = processingById(processing);
    if (!found) throw notFound(`Traitement « ${processing} » introuvable ou non disponible pour l'entrepôt ${datastore} (voir GET /datastores/${datastore}/processings).`);
    return json(processingDetail(found));
  }),
];
