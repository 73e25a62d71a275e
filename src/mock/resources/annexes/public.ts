// The public URL of published annexes: GET {annexes}/{technical_name}{path} (no token), the stored bytes with
// their MIME type; 404 for an unpublished or unknown path, or another datastore's technical name.
import urls from "../../../../_data/urls.json" with { type: "json" };
import type { RouteInput } from "../../http/route.ts";
import { datastoreByTechnicalName } from "../users/directory.ts";
import { publishedAnnexe } from "./annexes.ts";

const notFound = (message: string): Response => new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=UTF-8" } });

/** The public annexes route (`origin` replaces https://data.geopf.fr, as for the diffusion services). */
export function publicAnnexeRoute(origin?: string): { path: string; handle: (input: RouteInput) => Promise<Response> } {
  const root = origin ? urls.annexes.replace(/^https:\/\/data\.geopf\.fr/, origin.replace(/\/+$/, "")) : urls.annexes;
  const rootPath = new URL(root).pathname;
  return {
    path: `${root}/*`,
    handle: async ({ store, url }) => {
      const [technical = "", ...segments] = url.pathname.slice(rootPath.length + 1).split("/");
      let path: string;
      try {
        path = `/${segments.map((segment) => decodeURIComponent(segment)).join("/")}`;
      } catch {
        return notFound("Chemin d'annexe mal encodé.");
      }
      const datastore = datastoreByTechnicalName(technical);
      const annexe = datastore ? store.run((ctx) => publishedAnnexe(ctx, datastore, path)) : undefined;
      const bytes = annexe ? await store.blobs.read(annexe.blob) : undefined;
      if (!annexe || !bytes) return notFound(`Aucune annexe publiée à ${url.pathname}.`);
      return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { status: 200, headers: { "Content-Type": annexe.mime_type, "Content-Length": String(bytes.length) } });
    },
  };
}
