// SimulatedDatastore: the stateful model behind every transport (MSW in the browser, MSW in Node tests, a
// Node HTTP server). Each method is one API operation returning the response body (JSON) or throwing an
// ApiError; StoreCore runs it in a transaction after applying the changes that are due.
import { processingById, PROCESSINGS, processingDetail, processingSummary } from "./catalog.ts";
import { closeUpload, findCheckExecution, openUpload, uploadChecks } from "./checks.ts";
import { createConfiguration, deleteConfiguration, findConfiguration, listConfigurations, replaceConfiguration } from "./configurations.ts";
import { assertDatastore } from "./context.ts";
import { datastoreView } from "./datastore-view.ts";
import { notFound } from "./errors.ts";
import { abortExecution, launchExecution } from "./execution-lifecycle.ts";
import { createExecution, findExecution } from "./executions.ts";
import type { JsonObject } from "./json.ts";
import { cloneJson, isObject } from "./json.ts";
import type { NomenclatureEntry } from "./nomenclatures.ts";
import { searchNomenclatures } from "./nomenclatures.ts";
import { createOffering, deleteOffering, findOffering, listOfferings } from "./offerings.ts";
import type { StaticUpload } from "./statics.ts";
import { createStatic, deleteStatic, findStatic, listStatics, staticView } from "./statics.ts";
import { deleteStoredData, findStoredData, listStoredData, patchStoredData } from "./stored-data.ts";
import { visibleLogs } from "./time.ts";
import type { SimulatedDatastoreOptions } from "./store-core.ts";
import { StoreCore } from "./store-core.ts";
import type { DatastoreState } from "./types.ts";
import { deleteFile, putFile, putMd5File, uploadTree } from "./upload-files.ts";
import { createUpload, deleteUpload, findUpload, listUploads, patchUpload } from "./uploads.ts";
import * as view from "./views.ts";
import { SIMULATED_USER } from "../seed.ts";

/** Options and listener types, re-exported for the adapters. */
export type { SimulatedDatastoreOptions, StateListener } from "./store-core.ts";

const COLLECTIONS = ["uploads", "checkExecutions", "executions", "storedData", "configurations", "offerings"] as const;

/** The simulated API Entrepôt datastore: JSON-serialisable state plus the API's operations. */
export class SimulatedDatastore extends StoreCore {
  /** Validates a saved state (toJSON()'s output, as text or object); throws if it is not a state of this version. */
  static parseState(json: unknown): DatastoreState {
    const parsed: unknown = typeof json === "string" ? JSON.parse(json) : json;
    if (!isObject(parsed) || parsed.version !== 1 || !COLLECTIONS.every((key) => isObject(parsed[key]))) {
      throw new Error("État de la simulation illisible ou d'une autre version.");
    }
    // States saved before statics existed get an empty collection.
    if (!isObject(parsed.statics)) parsed.statics = {};
    return parsed as unknown as DatastoreState;
  }

  /** Rebuilds a datastore from toJSON()'s output; throws if it is not a state of this version. */
  static fromJSON(json: unknown, options: SimulatedDatastoreOptions = {}): SimulatedDatastore {
    return new SimulatedDatastore(options, SimulatedDatastore.parseState(json));
  }

  /** Replaces the whole state (e.g. with the one another browser tab saved); listeners are not called. */
  replaceState(json: unknown): void {
    this.state = SimulatedDatastore.parseState(typeof json === "string" ? json : JSON.stringify(json));
  }

  /** GET /users/me. */
  me(): JsonObject {
    return cloneJson(SIMULATED_USER) as unknown as JsonObject;
  }

  /** GET /datastores/{datastore}. */
  getDatastore(ds: string): JsonObject {
    return this.run((ctx) => (assertDatastore(ds), datastoreView(ctx.state)));
  }

  /** GET …/uploads (short forms). */
  listUploads(ds: string): JsonObject[] {
    return this.run((ctx) => listUploads(ctx, ds).map(view.uploadSummary));
  }
  /** POST …/uploads. */
  createUpload(ds: string, body: unknown): JsonObject {
    return this.run((ctx) => view.uploadView(createUpload(ctx, ds, body)));
  }
  /** GET …/uploads/{upload}. */
  getUpload(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.uploadView(findUpload(ctx, ds, id)));
  }
  /** PATCH …/uploads/{upload}. */
  patchUpload(ds: string, id: string, body: unknown): JsonObject {
    return this.run((ctx) => view.uploadView(patchUpload(ctx, ds, id, body)));
  }
  /** DELETE …/uploads/{upload}. */
  deleteUpload(ds: string, id: string): void {
    this.run((ctx) => deleteUpload(ctx, ds, id));
  }
  /** POST …/uploads/{upload}/data?path=… (only size and MD5 of the bytes are kept). */
  putUploadFile(ds: string, id: string, path: string | null, bytes: Uint8Array): void {
    this.run((ctx) => putFile(ctx, ds, id, path, bytes));
  }
  /** DELETE …/uploads/{upload}/data?path=…. */
  deleteUploadFile(ds: string, id: string, path: string | null): void {
    this.run((ctx) => deleteFile(ctx, ds, id, path));
  }
  /** POST …/uploads/{upload}/md5. */
  putUploadMd5(ds: string, id: string, fileName: string, bytes: Uint8Array): void {
    this.run((ctx) => putMd5File(ctx, ds, id, fileName, bytes));
  }
  /** GET …/uploads/{upload}/tree. */
  uploadTree(ds: string, id: string): JsonObject[] {
    return this.run((ctx) => uploadTree(findUpload(ctx, ds, id)));
  }
  /** POST …/uploads/{upload}/close. */
  closeUpload(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.uploadView(closeUpload(ctx, ds, id)));
  }
  /** POST …/uploads/{upload}/open. */
  openUpload(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.uploadView(openUpload(ctx, ds, id)));
  }
  /** GET …/uploads/{upload}/checks. */
  uploadChecks(ds: string, id: string): JsonObject {
    return this.run((ctx) => uploadChecks(ctx, ds, id));
  }
  /** GET …/checks/executions/{execution}. */
  getCheckExecution(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.checkExecutionView(findCheckExecution(ctx, ds, id), ctx.state));
  }
  /** GET …/checks/executions/{execution}/logs. */
  checkExecutionLogs(ds: string, id: string): string[] {
    return this.run((ctx) => visibleLogs(findCheckExecution(ctx, ds, id).logs, ctx.now));
  }

  /** GET …/processings (short forms). */
  listProcessings(ds: string): JsonObject[] {
    assertDatastore(ds);
    return PROCESSINGS.map(processingSummary);
  }
  /** GET …/processings/{processing}. */
  getProcessing(ds: string, id: string): JsonObject {
    assertDatastore(ds);
    const processing = processingById(id);
    if (!processing) throw notFound(`Traitement « ${id} » introuvable ou non disponible pour l'entrepôt ${ds} (voir GET /datastores/${ds}/processings).`);
    return processingDetail(processing);
  }
  /** GET …/processings/executions (short forms). */
  listExecutions(ds: string): JsonObject[] {
    return this.run((ctx) => (assertDatastore(ds), Object.values(ctx.state.executions).filter((e) => e.datastore === ds).map(view.executionSummary)));
  }
  /** POST …/processings/executions. */
  createExecution(ds: string, body: unknown): JsonObject {
    return this.run((ctx) => view.executionView(createExecution(ctx, ds, body), ctx.state));
  }
  /** GET …/processings/executions/{execution}. */
  getExecution(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.executionView(findExecution(ctx, ds, id), ctx.state));
  }
  /** POST …/processings/executions/{execution}/launch. */
  launchExecution(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.executionView(launchExecution(ctx, ds, id), ctx.state));
  }
  /** POST …/processings/executions/{execution}/abort. */
  abortExecution(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.executionView(abortExecution(ctx, ds, id), ctx.state));
  }
  /** GET …/processings/executions/{execution}/logs. */
  executionLogs(ds: string, id: string): string[] {
    return this.run((ctx) => visibleLogs(findExecution(ctx, ds, id).logs, ctx.now));
  }

  /** GET …/stored_data (short forms). */
  listStoredData(ds: string): JsonObject[] {
    return this.run((ctx) => listStoredData(ctx, ds).map(view.storedDataSummary));
  }
  /** GET …/stored_data/{stored data}. */
  getStoredData(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.storedDataView(findStoredData(ctx, ds, id)));
  }
  /** PATCH …/stored_data/{stored data}. */
  patchStoredData(ds: string, id: string, body: unknown): JsonObject {
    return this.run((ctx) => view.storedDataView(patchStoredData(ctx, ds, id, body)));
  }
  /** DELETE …/stored_data/{stored data}. */
  deleteStoredData(ds: string, id: string): void {
    this.run((ctx) => deleteStoredData(ctx, ds, id));
  }

  /** GET …/configurations (short forms). */
  listConfigurations(ds: string): JsonObject[] {
    return this.run((ctx) => listConfigurations(ctx, ds).map(view.configurationSummary));
  }
  /** POST …/configurations. */
  createConfiguration(ds: string, body: unknown): JsonObject {
    return this.run((ctx) => view.configurationView(createConfiguration(ctx, ds, body)));
  }
  /** GET …/configurations/{configuration}. */
  getConfiguration(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.configurationView(findConfiguration(ctx, ds, id)));
  }
  /** PUT …/configurations/{configuration}. */
  replaceConfiguration(ds: string, id: string, body: unknown): JsonObject {
    return this.run((ctx) => view.configurationView(replaceConfiguration(ctx, ds, id, body)));
  }
  /** DELETE …/configurations/{configuration}. */
  deleteConfiguration(ds: string, id: string): void {
    this.run((ctx) => deleteConfiguration(ctx, ds, id));
  }
  /** GET …/configurations/{configuration}/offerings. */
  listConfigurationOfferings(ds: string, id: string): JsonObject[] {
    return this.run((ctx) => (findConfiguration(ctx, ds, id), listOfferings(ctx, ds, id).map((o) => view.offeringView(o, ctx.state))));
  }
  /** POST …/configurations/{configuration}/offerings. */
  createOffering(ds: string, id: string, body: unknown): JsonObject {
    return this.run((ctx) => view.offeringView(createOffering(ctx, ds, id, body), ctx.state));
  }
  /** GET …/offerings (short forms). */
  listOfferings(ds: string): JsonObject[] {
    return this.run((ctx) => listOfferings(ctx, ds).map((o) => view.offeringSummary(o, ctx.state)));
  }
  /** GET …/offerings/{offering}. */
  getOffering(ds: string, id: string): JsonObject {
    return this.run((ctx) => view.offeringView(findOffering(ctx, ds, id), ctx.state));
  }
  /** DELETE …/offerings/{offering}. */
  deleteOffering(ds: string, id: string): void {
    this.run((ctx) => deleteOffering(ctx, ds, id));
  }

  /** GET …/statics (optionally ?type=). */
  listStatics(ds: string, type?: string | null): JsonObject[] {
    return this.run((ctx) => listStatics(ctx, ds, type).map(staticView));
  }
  /** POST …/statics (multipart fields already read). */
  createStatic(ds: string, upload: StaticUpload): JsonObject {
    return this.run((ctx) => staticView(createStatic(ctx, ds, upload)));
  }
  /** GET …/statics/{static}. */
  getStatic(ds: string, id: string): JsonObject {
    return this.run((ctx) => staticView(findStatic(ctx, ds, id)));
  }
  /** DELETE …/statics/{static}. */
  deleteStatic(ds: string, id: string): void {
    this.run((ctx) => deleteStatic(ctx, ds, id));
  }

  /** Reads the state (after the due changes) to build a diffusion document; `read` must not modify it. */
  read<T>(read: (state: Readonly<DatastoreState>, now: number) => T): T {
    return this.run((ctx) => read(ctx.state, ctx.now));
  }

  /** GET /statics/nomenclatures?type=&term=&label=. */
  nomenclatures(query: { type?: string | null; term?: string | null; label?: string | null }): NomenclatureEntry[] {
    return searchNomenclatures(query).map((entry) => ({ ...entry }));
  }
}
