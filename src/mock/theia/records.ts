// The simulated Theia/OZCAR deposit server's state: the producers it knows (4-letter id and password) and, per
// producer, the archive last deposited in its `new/` folder, shown afterwards under `previous/` (one row per
// producer, the archive's bytes in the blob store).
import * as z from "zod/mini";
import flux from "../../../_data/flux.json" with { type: "json" };
import { collection, recordGuard } from "../core/collection.ts";

/** Root of the deposit folders (`{root}/{producerId}/new/`), the real server's: answered by the simulation in simulated mode. */
export const THEIA_ROOT = flux.theia;

/** The producers of the simulation: id (4 letters, as the procedure requires) → password. */
export const THEIA_PRODUCERS: Readonly<Record<string, string>> = {
  [flux.simulated.theia_producer]: flux.simulated.theia_password,
  OBSV: "autre-observatoire",
};

/** The producer and password the tutorial uses in simulated mode. */
export const TUTORIAL_PRODUCER = { id: flux.simulated.theia_producer, password: flux.simulated.theia_password } as const;

/** A deposited archive. */
export interface DepositRecord {
  /** The producer's id (one deposit kept per producer). */
  _id: string;
  datastore: string;
  name: string;
  size: number;
  md5: string;
  blob: string;
  /** When it was received (ms since epoch). */
  received: number;
}

const GUARD = z.looseObject({ _id: z.string(), datastore: z.string(), name: z.string(), size: z.number(), md5: z.string(), blob: z.string(), received: z.number() });

/** The deposits, one per producer. */
export const THEIA_DEPOSITS = collection<DepositRecord>("theia-deposit", {
  blobs: (deposit) => [deposit.blob],
  upgrade: recordGuard(GUARD as unknown as z.ZodMiniType<DepositRecord>),
});
