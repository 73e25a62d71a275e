// Files the services read again and again (styles), parsed once per blob: a blob's content never changes.
import type { Store } from "../core/store.ts";

/** A reader of `parse(text of the blob)`, cached by blob key (at most `limit` entries); undefined when the blob is gone or does not parse. */
export function parsedBlobs<T>(parse: (text: string) => T, limit: number): (store: Store, key: string | undefined) => Promise<T | undefined> {
  const cache = new Map<string, T | undefined>();
  const decoder = new TextDecoder();
  return async (store, key) => {
    if (!key) return undefined;
    if (cache.has(key)) return cache.get(key);
    const bytes = await store.blobs.read(key);
    let value: T | undefined;
    try {
      value = bytes ? parse(decoder.decode(bytes)) : undefined;
    } catch {
      value = undefined;
    }
    if (cache.size > limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
