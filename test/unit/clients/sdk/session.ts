// One replay session of the SDK's workflows: a local server started before the tests and stopped after, the SDK's
// entities over it, and `step()`, one `workflow -s` command (the SDK first reads GET /users/me for its names).
import { after, before } from "node:test";
import type { DatastoreServer } from "../../../../src/mock/node/server.ts";
import { CLIENT_TOKEN, DATASTORE, startClientServer } from "../server.ts";
import { SdkEntities } from "./entities.ts";
import { SdkRequester } from "./requester.ts";

/** What the workflow tests of one file share. */
export interface WorkflowSession {
  /** The SDK's entities (set once the server has started). */
  sdk: SdkEntities;
  /** The user's last name, as read by the last step (the workflows name their outputs after it). */
  last: string;
  /** Runs one `workflow -s` command. */
  step(run: () => Promise<void>): Promise<void>;
}

/** Registers the server's before/after hooks and returns the session they fill in. */
export function workflowSession(): WorkflowSession {
  let server: DatastoreServer | undefined;
  const session: WorkflowSession = {
    sdk: undefined as unknown as SdkEntities,
    last: "",
    async step(run) {
      session.last = (await session.sdk.user()).last_name as string;
      await run();
    },
  };
  before(async () => {
    server = await startClientServer();
    session.sdk = new SdkEntities(new SdkRequester(server.url, CLIENT_TOKEN), DATASTORE);
  });
  after(() => server?.close());
  return session;
}
