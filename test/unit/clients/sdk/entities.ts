// The SDK's store entities (store/StoreEntity.py and store/interface/*.py) as requests: routes of
// `_conf/default.ini`, lists filtered by infos and `tags[key]` then paged by `page`/`limit` (nb_limit = 10),
// the `fields` of `_entity_fields`, get, delete, tags, comments; and the store_entity resolver of the
// workflows (first page of the filtered list, first item, then a GET of that item; endpoints from the
// datastore). Each answer's fields that the SDK reads are asserted.
import { reads, readsEach } from "../reads.ts";
import type { Exchange, Params, SdkRequester } from "./requester.ts";
import { rangeNextPage } from "./requester.ts";

/** Entities the replays use, with their `_entity_name` and route segment. */
export const ROUTE_OF = {
  upload: "uploads",
  stored_data: "stored_data",
  processing: "processings",
  processing_execution: "processings/executions",
  configuration: "configurations",
  offering: "offerings",
  static: "statics",
} as const;
/** An `_entity_name` of the SDK. */
export type EntityName = keyof typeof ROUTE_OF;

// `_entity_fields` of the classes (StoredData: "name,type,visibility,srs,status"; the others have none).
const ENTITY_FIELDS: Partial<Record<EntityName, string[]>> = { stored_data: ["name", "type", "visibility", "srs", "status"] };

/** An entity as the API returned it. */
export type Entity = Record<string, any>;

/** A resolver that found nothing: the SDK stops the step with NoEntityFoundError. */
export class NoEntityFoundError extends Error {
  constructor(readonly entity: string, readonly infos: Params, readonly tags: [string, string][]) {
    super(`store_entity.${entity} : aucune entité pour ${JSON.stringify({ infos, tags })} (NoEntityFoundError)`);
  }
}

/** The SDK's entity layer over one datastore. */
export class SdkEntities {
  constructor(readonly http: SdkRequester, readonly datastore: string) {}

  /** `{root_datastore}/<route>`. */
  path(entity: EntityName, ...rest: string[]): string {
    return [`/datastores/${this.datastore}/${ROUTE_OF[entity]}`, ...rest].join("/");
  }

  /** StoreEntity.api_list: every page (or only `page`), each item instantiated from its `_id`. */
  async list(entity: EntityName, infos: Params = [], tags: [string, string][] = [], page?: number): Promise<Entity[]> {
    const params: Params = [...infos, ...tags.map(([key, value]): [string, string] => [`tags[${key}]`, value])];
    const fields = ENTITY_FIELDS[entity];
    if (fields) params.push(["fields", fields]);
    const items: Entity[] = [];
    let current = page ?? 1;
    let next = true;
    while (current === page || (page === undefined && next)) {
      const answer = await this.http.request("GET", this.path(entity), { params: [...params, ["page", current], ["limit", 10]] });
      items.push(...(readsEach(answer.body, { _id: "string" }, `GET ${answer.target}`) as Entity[]));
      next = rangeNextPage(answer.headers.get("content-range"), items.length);
      current += 1;
    }
    return items;
  }

  /** StoreEntity.api_get / api_update: GET `<route>/{id}`. */
  async get(entity: EntityName, id: string): Promise<Entity> {
    const answer = await this.http.request("GET", this.path(entity, id));
    reads(answer.body, { _id: "string" }, `GET ${answer.target}`);
    return answer.body as Entity;
  }

  /** StoreEntity.api_delete. */
  async delete(entity: EntityName, id: string): Promise<void> {
    await this.http.request("DELETE", this.path(entity, id));
  }

  /** StoreEntity.api_create: POST the body to `<route>` (or the given path), the answer's `_id` read. */
  async create(entity: EntityName, body: unknown, path = this.path(entity)): Promise<Entity> {
    const answer = await this.http.request("POST", path, { json: body });
    reads(answer.body, { _id: "string" }, `POST ${answer.target}`);
    return answer.body as Entity;
  }

  /** TagInterface.api_add_tags: POST the tags dict to `<route>/{id}/tags`. */
  async addTags(entity: EntityName, id: string, tags: Record<string, string>): Promise<void> {
    await this.http.request("POST", this.path(entity, id, "tags"), { json: tags });
  }

  /** The comments part of the actions: GET `…/comments` (their `text` read), POST each comment not there yet. */
  async addComments(entity: EntityName, id: string, comments: readonly string[]): Promise<void> {
    const listed = await this.http.request("GET", this.path(entity, id, "comments"));
    const texts = (readsEach(listed.body, { text: "string" }, `GET ${listed.target}`) as Entity[]).map((comment) => comment.text);
    for (const text of comments) if (!texts.includes(text)) await this.http.request("POST", this.path(entity, id, "comments"), { json: { text } });
  }

  /** StoreEntityResolver: `{store_entity.<entity>.infos.<field> [INFOS(…), TAGS(…)]}` → the first item's field. */
  async resolve(entity: EntityName, infos: Params, tags: [string, string][] = [], field = "_id"): Promise<string> {
    const found = await this.list(entity, infos, tags, 1);
    const first = found[0];
    if (!first) throw new NoEntityFoundError(entity, infos, tags);
    const full = await this.get(entity, first._id);
    reads(full, { [field]: "any" }, `store_entity.${entity}.infos.${field}`);
    return String(full[field]);
  }

  /** Endpoint.api_list + resolver: GET the datastore, keep the endpoints whose fields equal `infos` (no GET after). */
  async resolveEndpoint(infos: Record<string, string>): Promise<string> {
    const answer: Exchange = await this.http.request("GET", `/datastores/${this.datastore}`);
    const endpoints = readsEach(answer.body?.endpoints, { endpoint: "object", "endpoint._id": "string" }, `GET ${answer.target} endpoints`) as Entity[];
    const match = endpoints.map((item) => item.endpoint as Entity).find((endpoint) => Object.entries(infos).every(([key, value]) => String(endpoint[key]) === value));
    if (!match) throw new NoEntityFoundError("endpoint", Object.entries(infos), []);
    return match._id as string;
  }

  /** UserResolver: GET /users/me once per command, `{user.<key>}` read from it. */
  async user(): Promise<Entity> {
    const answer = await this.http.request("GET", "/users/me");
    reads(answer.body, { last_name: "string" }, "GET /users/me");
    return answer.body as Entity;
  }
}
