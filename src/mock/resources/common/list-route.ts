// The GET route of a datastore's list of records: the request's filters, sort order and page (`page`, `limit`)
// evaluated by the store's source (only the page's rows are read), the total of the filtered records in
// `Content-Range`, each record shown by the resource's summary view (or, with `fields=`, by the asked keys).
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { compareSortValues, matchesAll, sortValue } from "../../core/row-query.ts";
import { DEFAULT_LIMIT, pageOf, pageResponse } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { assertDatastore } from "./access.ts";
import type { ListSpec } from "./list-query.ts";
import { listQuery, pickFields } from "./list-query.ts";

/** How a list shows its records. */
export interface ListViews<T> {
  /** The default item. */
  summary: (record: T, ctx: Context) => JsonObject;
  /** What `fields=` picks from (default: the summary). */
  detail?: (record: T, ctx: Context) => JsonObject;
}

/** `GET <path>` listing the records of `collection` of the datastore named by `:datastore`, as `spec` allows. */
export function listRoute<T extends RecordBase>(path: string, collection: Collection<T>, view: ((record: T, ctx: Context) => JsonObject) | ListViews<T>, spec: ListSpec = {}): Route {
  const views: ListViews<T> = typeof view === "function" ? { summary: view } : view;
  return route("GET", path, ({ store, params: { datastore = "" }, url }) => {
    const page = pageOf(url, DEFAULT_LIMIT);
    const query = listQuery(spec, url);
    const { items, total } = store.run((ctx) => {
      assertDatastore(datastore);
      const where = [...query.where, ...query.computed(ctx, datastore)];
      const records = ctx.records.list(collection, datastore, { where, ...(query.sort ? { sort: query.sort } : {}), ...(query.visible ? { visible: true } : {}), ...page });
      const show = query.fields ? (record: T) => pickFields((views.detail ?? views.summary)(record, ctx), query.fields) as JsonObject : (record: T) => views.summary(record, ctx);
      return { items: records.map(show), total: ctx.records.count(collection, datastore, where, query.visible) };
    });
    return pageResponse(items, total, page.offset);
  });
}

/** A page of a fixed catalog (not in the store, e.g. the processings) filtered and sorted as `spec` allows; the
 * items are matched as they are shown. */
export function catalogPage(items: readonly JsonObject[], url: URL, spec: ListSpec): Response {
  const page = pageOf(url, DEFAULT_LIMIT);
  const query = listQuery(spec, url);
  const found = items.filter((item) => matchesAll(item, query.where));
  if (query.sort) {
    const { path, direction } = query.sort;
    const sign = direction === "desc" ? -1 : 1;
    found.sort((a, b) => sign * compareSortValues(sortValue(a, path), sortValue(b, path)));
  }
  const shown = found.slice(page.offset, page.offset + page.limit).map((item) => pickFields(item, query.fields) as JsonObject);
  return pageResponse(shown, found.length, page.offset);
}
