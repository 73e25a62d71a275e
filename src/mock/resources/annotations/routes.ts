// Routes of tags, comments, events and sharings, on every annotated kind of record (TARGETS).
import { readJson } from "../../http/request.ts";
import { json, noContent } from "../../http/respond.ts";
import type { Route, RouteInput } from "../../http/route.ts";
import { route } from "../../http/route.ts";
import {
  addComment, addSharings, addTags, editComment, listComments, listEvents, listSharings, removeComment, removeSharings, removeTags,
} from "./annotations.ts";
import type { Target } from "./targets.ts";
import { TARGETS } from "./targets.ts";

/** The values of a list query parameter in every encoding clients use: `name[]=a&name[]=b`, `name=a,b`, `name[0]=a`. */
export function listParam(url: URL, name: string): string[] {
  const values: string[] = [];
  const indexed = new RegExp(`^${name}\\[\\d*\\]$`);
  for (const [key, value] of url.searchParams) {
    if (indexed.test(key)) values.push(value);
    else if (key === name) values.push(...value.split(","));
  }
  return values.map((value) => value.trim()).filter((value) => value !== "");
}

// The datastore and the target's id of a request.
const ids = (kind: Target, { params }: RouteInput): [string, string] => [params.datastore ?? "", params[kind.param] ?? ""];

// The routes of one kind of record.
function targetRoutes(kind: Target): Route[] {
  const routes: Route[] = [
    route("POST", `${kind.path}/tags`, async (input) => {
      const body = await readJson(input.request);
      return json(input.store.run((ctx) => addTags(ctx, kind, ...ids(kind, input), body)));
    }),
    route("DELETE", `${kind.path}/tags`, (input) => json(input.store.run((ctx) => removeTags(ctx, kind, ...ids(kind, input), listParam(input.url, "tags"))))),
    route("GET", `${kind.path}/events`, (input) => json(input.store.run((ctx) => listEvents(ctx, kind, ...ids(kind, input))))),
    route("GET", `${kind.path}/comments`, (input) => json(input.store.run((ctx) => listComments(ctx, kind, ...ids(kind, input))))),
    route("POST", `${kind.path}/comments`, async (input) => {
      const body = await readJson(input.request);
      return json(input.store.run((ctx) => addComment(ctx, kind, ...ids(kind, input), body)));
    }),
    route("PUT", `${kind.path}/comments/:comment`, async (input) => {
      const body = await readJson(input.request);
      return json(input.store.run((ctx) => editComment(ctx, kind, ...ids(kind, input), input.params.comment ?? "", body)));
    }),
    route("DELETE", `${kind.path}/comments/:comment`, (input) => {
      input.store.run((ctx) => removeComment(ctx, kind, ...ids(kind, input), input.params.comment ?? ""));
      return noContent();
    }),
  ];
  if (!kind.sharable) return routes;
  return [
    ...routes,
    route("GET", `${kind.path}/sharings`, (input) => json(input.store.run((ctx) => listSharings(ctx, kind, ...ids(kind, input))))),
    route("POST", `${kind.path}/sharings`, async (input) => {
      const body = await readJson(input.request);
      return json(input.store.run((ctx) => addSharings(ctx, kind, ...ids(kind, input), body)));
    }),
    route("DELETE", `${kind.path}/sharings`, (input) => {
      input.store.run((ctx) => removeSharings(ctx, kind, ...ids(kind, input), listParam(input.url, "datastores")));
      return noContent();
    }),
  ];
}

/** Tags, comments, events and sharings routes of uploads, stored data and configurations. */
export const annotationRoutes: Route[] = TARGETS.flatMap(targetRoutes);
