// Response shapes: how each record is shown by the API (field names and order as in the API's examples).
import { checkById, processingById } from "./catalog.ts";
import { INITIATOR } from "./context.ts";
import type { JsonObject } from "./json.ts";
import { cloneJson } from "./json.ts";
import { eventDate, isoDate } from "./time.ts";
import type {
  CheckExecutionRecord, ConfigurationRecord, DatastoreState, ExecutionRecord, LastEvent, OfferingRecord,
  StoredDataRecord, UploadRecord,
} from "./types.ts";
import { offeringUrls } from "./offering-urls.ts";
import { CONTACT, DATA_STORAGES, ENDPOINTS } from "../seed.ts";

/** `last_event` as the API shows it. */
export function lastEventView(lastEvent: LastEvent): JsonObject {
  return { title: lastEvent.title, date: eventDate(lastEvent.date), initiator: { ...INITIATOR } };
}

/** Total size of an upload's files. */
export function uploadSize(upload: UploadRecord): number {
  return upload.files.reduce((sum, file) => sum + file.size, 0);
}

/** Full upload. */
export function uploadView(upload: UploadRecord): JsonObject {
  return {
    name: upload.name,
    description: upload.description,
    type: upload.type,
    status: upload.status,
    srs: upload.srs,
    contact: CONTACT,
    size: uploadSize(upload),
    last_event: lastEventView(upload.lastEvent),
    _id: upload._id,
    type_infos: cloneJson(upload.type_infos),
    open: upload.open,
    tags: { ...upload.tags },
    creation: isoDate(upload.creation),
    update: isoDate(upload.update),
  };
}

/** Upload as listed by GET …/uploads. */
export function uploadSummary(upload: UploadRecord): JsonObject {
  return { name: upload.name, description: upload.description, type: upload.type, status: upload.status, srs: upload.srs, size: uploadSize(upload), tags: { ...upload.tags }, _id: upload._id };
}

/** `{check: {name, _id}, _id}` as in GET …/uploads/{upload}/checks. */
export function checkExecutionSummary(execution: CheckExecutionRecord): JsonObject {
  return { check: { name: checkById(execution.check)?.name ?? "", _id: execution.check }, _id: execution._id };
}

/** Full check execution (GET …/checks/executions/{execution}); start and finish appear once reached. */
export function checkExecutionView(execution: CheckExecutionRecord, state: DatastoreState): JsonObject {
  const upload = state.uploads[execution.upload];
  const view: JsonObject = {
    _id: execution._id,
    status: execution.status,
    check: { name: checkById(execution.check)?.name ?? "", _id: execution.check },
    upload: { _id: execution.upload, name: upload?.name ?? "", type: upload?.type ?? "" },
    creation: isoDate(execution.creation),
  };
  if (execution.status !== "WAITING") view.start = isoDate(execution.start);
  if (execution.status === "SUCCESS" || execution.status === "FAILURE") view.finish = isoDate(execution.finish);
  return view;
}

/** Short stored data, as embedded in executions. */
export function storedDataRef(storedData: StoredDataRecord): JsonObject {
  return { name: storedData.name, type: storedData.type, status: storedData.status, _id: storedData._id };
}

/** Full stored data. */
export function storedDataView(storedData: StoredDataRecord): JsonObject {
  const storage = DATA_STORAGES.find((candidate) => candidate._id === storedData.storage);
  const view: JsonObject = { name: storedData.name };
  if (storedData.description !== undefined) view.description = storedData.description;
  Object.assign(view, { type: storedData.type });
  if (storedData.srs !== undefined) view.srs = storedData.srs;
  Object.assign(view, {
    contact: CONTACT,
    last_event: lastEventView(storedData.lastEvent),
    tags: { ...storedData.tags },
    storage: { type: storage?.type ?? "S3", labels: [] },
    size: storedData.size,
    status: storedData.status,
    _id: storedData._id,
    type_infos: cloneJson(storedData.type_infos),
    open: storedData.open,
  });
  for (const key of ["edition", "extent", "extra"] as const) {
    const value = storedData[key];
    if (value !== undefined) view[key] = cloneJson(value);
  }
  if (storedData.public_activity !== undefined) view.public_activity = storedData.public_activity;
  view.creation = isoDate(storedData.creation);
  view.update = isoDate(storedData.update);
  return view;
}

/** Stored data as listed by GET …/stored_data. */
export function storedDataSummary(storedData: StoredDataRecord): JsonObject {
  return { ...storedDataRef(storedData), srs: storedData.srs ?? null, size: storedData.size, open: storedData.open, tags: { ...storedData.tags } };
}

/** Full processing execution; launch, start and finish appear progressively. */
export function executionView(execution: ExecutionRecord, state: DatastoreState): JsonObject {
  const processing = processingById(execution.processing);
  const output = state.storedData[execution.output];
  const view: JsonObject = {
    processing: { name: processing?.name ?? "", _id: execution.processing },
    status: execution.status,
    creation: isoDate(execution.creation),
  };
  for (const key of ["launch", "start", "finish"] as const) {
    const value = execution[key];
    if (value !== undefined) view[key] = isoDate(value);
  }
  view.inputs = {
    upload: execution.inputs.upload.flatMap((id) => {
      const upload = state.uploads[id];
      return upload ? [{ type: upload.type, name: upload.name, status: upload.status, srs: upload.srs, _id: upload._id }] : [];
    }),
    stored_data: execution.inputs.stored_data.flatMap((id) => {
      const storedData = state.storedData[id];
      return storedData ? [storedDataRef(storedData)] : [];
    }),
  };
  view.output = { stored_data: output ? storedDataRef(output) : { _id: execution.output } };
  view.parameters = cloneJson(execution.parameters);
  view._id = execution._id;
  return view;
}

/** Execution as listed by GET …/processings/executions. */
export function executionSummary(execution: ExecutionRecord): JsonObject {
  const processing = processingById(execution.processing);
  return { processing: { name: processing?.name ?? "", _id: execution.processing }, status: execution.status, creation: isoDate(execution.creation), _id: execution._id };
}

/** Full configuration. */
export function configurationView(configuration: ConfigurationRecord): JsonObject {
  const view: JsonObject = {
    type: configuration.type,
    name: configuration.name,
    layer_name: configuration.layer_name,
    status: configuration.status,
    tags: { ...configuration.tags },
    type_infos: cloneJson(configuration.type_infos),
    metadata: cloneJson(configuration.metadata),
  };
  if (configuration.attribution) view.attribution = cloneJson(configuration.attribution);
  Object.assign(view, {
    last_event: lastEventView(configuration.lastEvent),
    _id: configuration._id,
    creation: isoDate(configuration.creation),
    update: isoDate(configuration.update),
  });
  return view;
}

/** Configuration as listed by GET …/configurations. */
export function configurationSummary(configuration: ConfigurationRecord): JsonObject {
  return { type: configuration.type, name: configuration.name, layer_name: configuration.layer_name, status: configuration.status, tags: { ...configuration.tags }, _id: configuration._id };
}

/** Full offering. */
export function offeringView(offering: OfferingRecord, state: DatastoreState): JsonObject {
  const configuration = state.configurations[offering.configuration];
  const endpoint = ENDPOINTS.find((candidate) => candidate._id === offering.endpoint);
  const view: JsonObject = {
    open: offering.open,
    available: offering.available,
    layer_name: configuration?.layer_name ?? "",
    type: configuration?.type ?? "",
    status: offering.status,
    public_activity: offering.public_activity,
    configuration: { name: configuration?.name ?? "", status: configuration?.status ?? "UNPUBLISHED", _id: offering.configuration },
    endpoint: { name: endpoint?.technical_name ?? "", _id: offering.endpoint },
    urls: offeringUrls(configuration, offering.open),
  };
  if (offering.permissions) view.permissions = cloneJson(offering.permissions);
  Object.assign(view, { _id: offering._id, creation: isoDate(offering.creation), update: isoDate(offering.update) });
  return view;
}

/** Offering as listed by GET …/offerings. */
export function offeringSummary(offering: OfferingRecord, state: DatastoreState): JsonObject {
  const configuration = state.configurations[offering.configuration];
  return {
    open: offering.open, available: offering.available, layer_name: configuration?.layer_name ?? "", type: configuration?.type ?? "",
    status: offering.status, endpoint: { _id: offering.endpoint }, _id: offering._id,
  };
}
