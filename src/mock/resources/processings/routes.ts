// Routes of the processings the datastore may run.
import { notFound } from "../../core/errors.ts";
import { json } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "../common/access.ts";
import type { ListSpec } from "../common/list-query.ts";
import { catalogPage } from "../common/list-route.ts";
import { processingById, PROCESSINGS, processingDetail, processingSummary } from "./catalog.ts";

/** The list query of GET …/processings: name (`%`), as the SDK looks processings up. */
const PROCESSING_LIST: ListSpec = { filters: { name: { path: ["name"], match: "like" } } };

/** Processing routes. */
export const processingRoutes: Route[] = [
  route("GET", "/datastores/:datastore/processings", ({ params: { datastore = "" }, url }) => {
    assertDatastore(datastore);
    return catalogPage(PROCESSINGS.map(processingSummary), url, PROCESSING_LIST);
  }),
  route("GET", "/datastores/:datastore/processings/:processing", ({ params: { datastore = "", processing = "" } }) => {
    assertDatastore(datastore);
    const found = processingById(processing);
    if (!found) throw notFound(`Traitement « ${processing} » introuvable ou non disponible pour l'entrepôt ${datastore} (voir GET /datastores/${datastore}/processings).`);
    return json(processingDetail(found));
  }),
];
