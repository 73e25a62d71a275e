// What the tabs of the site sharing the simulated datastore tell each other: one operation at a time across tabs
// (Web Locks where the browser has them, else one at a time in this tab), and each committed change announced
// to the others (BroadcastChannel, where available).

/** The part of the Web Locks API used here: navigator.locks, or a stand-in (tests). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Options of a TabLink. */
export interface TabLinkOptions {
  /** Cross-tab locks (default navigator.locks when present; null: this tab only). */
  locks?: LockManagerLike | null;
  /** Whether to announce changes to other tabs (default true when BroadcastChannel exists). */
  broadcast?: boolean;
}

/** The locks of the browser, if it has the Web Locks API. */
export function browserLocks(): LockManagerLike | undefined {
  const locks = (globalThis.navigator as { locks?: { request(name: string, callback: () => Promise<unknown>): Promise<unknown> } } | undefined)?.locks;
  return locks ? { request: (name, callback) => locks.request(name, callback) as Promise<never> } : undefined;
}

/** A lock and a channel named after the database. */
export class TabLink {
  private readonly locks: LockManagerLike | undefined;
  private readonly channel: BroadcastChannel | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** A link for database `name`; `onMessage` receives what other tabs post. */
  constructor(
    private readonly name: string,
    options: TabLinkOptions,
    onMessage: (data: unknown) => void,
  ) {
    this.locks = options.locks === undefined ? browserLocks() : (options.locks ?? undefined);
    const broadcast = options.broadcast ?? typeof BroadcastChannel === "function";
    if (broadcast) {
      try {
        this.channel = new BroadcastChannel(`${name}:changes`);
        this.channel.onmessage = (event: MessageEvent) => onMessage(event.data);
      } catch {
        this.channel = undefined;
      }
    }
  }

  /** Runs `work` while no other operation runs, in this tab or (with Web Locks) in any other. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const locks = this.locks;
    if (locks) return locks.request(`${this.name}:operation`, work);
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Tells the other tabs (silently does nothing when the channel is closed or refuses the message). */
  post(message: unknown): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // Other tabs will catch up from the change log before their next operation.
    }
  }

  /** Stops listening and announcing. */
  close(): void {
    this.channel?.close();
  }
}
