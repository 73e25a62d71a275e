// The organization's lists: the uploads, stored data, configurations and offerings of every datastore of its
// communities, with the datastore routes' filters and sort, plus `community` and `datastore`; each item is the
// datastore list's item with the organization, community and datastore ids ([ts] "Extended" list DTOs).
import type { Collection, RecordBase } from "../../core/collection.ts";
import type { Context } from "../../core/context.ts";
import type { JsonObject } from "../../core/json.ts";
import { compareSortValues, sortValue } from "../../core/row-query.ts";
import { DEFAULT_LIMIT, pageOf, pageResponse } from "../../http/respond.ts";
import type { Route } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import { allCommunities } from "../communities/records.ts";
import type { ListSpec } from "../common/list-query.ts";
import { listQuery, pickFields } from "../common/list-query.ts";
import { CONFIGURATION_LIST } from "../configurations/list-query.ts";
import { CONFIGURATIONS } from "../configurations/records.ts";
import { configurationSummary } from "../configurations/views.ts";
import { OFFERING_LIST } from "../offerings/list-query.ts";
import { OFFERINGS } from "../offerings/records.ts";
import { offeringSummary } from "../offerings/views.ts";
import { STORED_DATA_LIST } from "../stored-data/list-query.ts";
import { STORED_DATA } from "../stored-data/records.ts";
import { storedDataSummary } from "../stored-data/views.ts";
import { UPLOAD_LIST } from "../uploads/list-query.ts";
import { UPLOADS } from "../uploads/records.ts";
import { uploadSummary } from "../uploads/views.ts";
import { callerOf } from "../users/memberships.ts";
import { memberOrganization } from "./access.ts";

// `GET /organizations/{organization}/<part>` over one collection.
function organizationList<T extends RecordBase>(part: string, collection: Collection<T>, summary: (record: T, ctx: Context) => JsonObject, spec: ListSpec): Route {
  return route("GET", `/organizations/:organization/${part}`, ({ store, caller, url, params: { organization = "" } }) => {
    const page = pageOf(url, DEFAULT_LIMIT);
    const query = listQuery(spec, url);
    const community = url.searchParams.get("community");
    const datastore = url.searchParams.get("datastore");
    const items = store.run((ctx) => {
      memberOrganization(ctx, callerOf(caller)._id, organization);
      const communities = allCommunities(ctx).filter((entry) => entry.organization === organization && (!community || entry._id === community) && (!datastore || entry.datastore === datastore));
      const found = communities.flatMap((entry) => {
        const where = [...query.where, ...query.computed(ctx, entry.datastore)];
        return ctx.records.list(collection, entry.datastore, { where, ...(query.sort ? { sort: query.sort } : {}), ...(query.visible ? { visible: true } : {}) })
          .map((record) => ({ ...(query.fields ? pickFields(summary(record, ctx), query.fields) : summary(record, ctx)), organization, community: entry._id, datastore: entry.datastore }) as JsonObject);
      });
      if (query.sort && communities.length > 1) {
        const { path, direction } = query.sort;
        found.sort((a, b) => (direction === "desc" ? -1 : 1) * compareSortValues(sortValue(a, path), sortValue(b, path)));
      }
      return found;
    });
    return pageResponse(items.slice(page.offset, page.offset + page.limit), items.length, page.offset);
  });
}

/** The organization's lists of the entities of its communities' datastores. */
export const organizationLists: Route[] = [
  organizationList("uploads", UPLOADS, uploadSummary, UPLOAD_LIST),
  organizationList("stored_data", STORED_DATA, storedDataSummary, STORED_DATA_LIST),
  organizationList("configurations", CONFIGURATIONS, configurationSummary, CONFIGURATION_LIST),
  organizationList("offerings", OFFERINGS, offeringSummary, OFFERING_LIST),
];
