// The simulated WFS 2.0.0 service over the PUBLISHED WFS offerings: GetCapabilities, DescribeFeatureType and
// GetFeature (wfs-getfeature.ts, wfs-describe.ts; the stored query GetFeatureById as a RESOURCEID); every other
// operation (Transaction, GetPropertyValue, ListStoredQueries…) is an OperationNotSupported, and every bad
// request an OWS 1.1 exception report.
import { publishedRelations } from "../resources/offerings/urls.ts";
import { featureTypes, publishedOn } from "./published.ts";
import type { Published } from "./published.ts";
import { wfsCapabilities } from "./capabilities.ts";
import type { DiffusionHandler } from "./ogc.ts";
import { list, ogcRequest, owsError, param, UNSUPPORTED } from "./ogc.ts";
import { xml } from "./ogc.ts";
import { WfsError } from "./wfs-crs.ts";
import { describeFeatureType } from "./wfs-describe.ts";
import { getFeature, tablesOf } from "./wfs-getfeature.ts";
import type { ServedType } from "./wfs-query.ts";
import { nativeCrs } from "./wfs-query.ts";

// The feature types served by published configurations, with their stored data.
function servedTypes(published: Published[], version: string): ServedType[] {
  return published.flatMap(({ configuration, storedData }) => publishedRelations(configuration).flatMap(({ name, native, storedData: id }) => {
    const data = storedData.find((candidate) => candidate._id === id);
    return data ? [{ name: `${configuration.layer_name}:${name}`, prefix: configuration.layer_name, local: name, native, storedData: data, crs: nativeCrs(data.srs, version) }] : [];
  }));
}

// The types of feature ids `<public name>.<ogc_fid>` (an InvalidParameterValue naming the unknown ones).
function byIds(all: ServedType[], ids: string | null, locator = "id"): ServedType[] {
  const found = list(ids).map((id) => all.find((type) => type.local === id.slice(0, id.lastIndexOf("."))));
  const unknown = list(ids).filter((_, index) => !found[index]);
  if (unknown.length > 0 || found.length === 0) {
    throw new WfsError(found.length === 0 ? "MissingParameterValue" : "InvalidParameterValue", locator, `Identifiant(s) d'objet inconnu(s) : ${unknown.join(", ") || "aucun"} (forme attendue <table>.<numéro>, par exemple villes.1, ou indiquez TYPENAMES).`);
  }
  return [...new Set(found as ServedType[])];
}

// The stored query GetFeatureById (the only one the service knows) as the RESOURCEID of a plain query.
function storedQueryUrl(url: URL, id: string): URL {
  if (!/GetFeatureById$/i.test(id.trim())) throw new WfsError("InvalidParameterValue", "storedQuery_Id", `Requête stockée « ${id} » inconnue : la simulation ne connaît que urn:ogc:def:query:OGC-WFS::GetFeatureById (paramètre ID).`);
  const copy = new URL(url);
  copy.searchParams.set("RESOURCEID", param(url, "id") ?? "");
  return copy;
}

/** Handler of the WFS root of one visibility. */
export function wfsService(open: boolean, root: string): DiffusionHandler {
  return async ({ store, url }) => {
    const error = (status: number, code: string | undefined, locator: string, message: string): Response => owsError(status, code ?? "NoApplicableCode", locator, message, "2.0.0");
    const request = ogcRequest(url, "WFS", error);
    if (typeof request !== "string") return request;
    const version = param(url, "version") ?? param(url, "acceptVersions")?.split(",")[0] ?? "2.0.0";
    const { published, now } = store.run((ctx) => ({ published: publishedOn(ctx, "WFS", open), now: ctx.now }));
    const all = servedTypes(published, version);
    const names = list(param(url, "typeNames") ?? param(url, "typeName"));
    const unknown = names.filter((name) => !all.some((type) => type.name === name));
    if (unknown.length > 0) {
      return error(400, "InvalidParameterValue", "typeNames", `Type(s) d'objets inconnu(s) : ${unknown.join(", ")}. Types publiés : ${all.map((t) => t.name).join(", ") || "aucun"} (une offre doit être PUBLISHED).`);
    }
    const asked = names.map((name) => all.find((type) => type.name === name)!);
    try {
      switch (request.toLowerCase()) {
        case "getcapabilities":
          return xml(wfsCapabilities(root, featureTypes(published)));
        case "describefeaturetype": {
          const types = asked.length > 0 ? asked : all;
          return describeFeatureType(root, types, await tablesOf(store, types), param(url, "outputFormat"));
        }
        case "getfeature": {
          const storedQuery = param(url, "storedQuery_Id");
          if (storedQuery !== null) return await getFeature(store, storedQueryUrl(url, storedQuery), version, root, asked.length > 0 ? asked : byIds(all, param(url, "id")), now);
          if (asked.length === 0) {
            const resource = param(url, "resourceId") ?? param(url, "featureId");
            if (!resource) throw new WfsError("MissingParameterValue", "typeNames", "Paramètre TYPENAMES manquant : indiquez le type d'objets, par exemple TYPENAMES=<nom de la couche>:<table> (voir GetCapabilities).");
            return await getFeature(store, url, version, root, byIds(all, resource, "resourceId"), now);
          }
          return await getFeature(store, url, version, root, asked, now);
        }
        default:
          return error(501, "OperationNotSupported", "request", `Opération ${request} : ${UNSUPPORTED} (opérations disponibles : GetCapabilities, DescribeFeatureType, GetFeature).`);
      }
    } catch (failure) {
      if (failure instanceof WfsError) return error(failure.status, failure.code, failure.locator, failure.message);
      throw failure;
    }
  };
}
