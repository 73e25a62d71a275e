// The simulated WFS 2.0.0 service over the PUBLISHED WFS offerings: GetCapabilities, DescribeFeatureType and
// GetFeature (wfs-getfeature.ts, wfs-describe.ts); every other operation (Transaction, GetPropertyValue,
// stored queries…) is an OperationNotSupported, and every bad request an OWS 1.1 exception report.
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
          if (asked.length === 0) {
            const resource = param(url, "resourceId") ?? param(url, "featureId");
            const byId = list(resource).map((id) => all.find((type) => type.local === id.slice(0, id.lastIndexOf("."))));
            if (!resource) throw new WfsError("MissingParameterValue", "typeNames", "Paramètre TYPENAMES manquant : indiquez le type d'objets, par exemple TYPENAMES=<nom de la couche>:<table> (voir GetCapabilities).");
            const unknownIds = list(resource).filter((_, index) => !byId[index]);
            if (unknownIds.length > 0) throw new WfsError("InvalidParameterValue", "resourceId", `Identifiant(s) d'objet inconnu(s) : ${unknownIds.join(", ")} (forme attendue <table>.<numéro>, par exemple villes.1, ou indiquez TYPENAMES).`);
            return await getFeature(store, url, version, root, [...new Set(byId as ServedType[])], now);
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
