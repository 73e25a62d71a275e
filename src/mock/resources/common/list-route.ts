// The GET route of a datastore's list of records: one page read from the store (`page`, `limit`) and the total
// in `Content-Range`, each record shown by the resource's summary view.
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { DEFAULT_LIMIT, pageOf, pageResponse } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { recordPage } from "./access.ts";

/** `GET <path>` listing the records of `collection` of the datastore named by `:datastore`. */
export function listRoute<T extends RecordBase>(path: string, collection: Collection<T>, view: (record: T, ctx: Context) => JsonObject): Route {
  return route("GET", path, ({ store, params: { datastore = "" }, url }) => {
    const page = pageOf(url, DEFAULT_LIMIT);
    const { items, total } = store.run((ctx) => {
      const found = recordPage(ctx, collection, datastore, page);
      return { items: found.items.map((record) => view(record, ctx)), total: found.total };
    });
    return pageResponse(items, total, page.offset);
  });
}
