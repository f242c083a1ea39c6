/**
 * The queue repository's caches of facts read at every join: loaded once for
 * all concurrent callers, refreshed behind an answer once expired (see
 * `refreshedCache`), read through `cached`.
 */
import { LRUCache } from "lru-cache";

/**
 * A cache that never makes a caller wait for a refresh: lru-cache's `fetch`
 * loads a missing key once for all concurrent callers, and answers an expired
 * one at once with the old value while one read refreshes it behind (a failed
 * refresh keeps the old value). An entry forgotten after a change is gone, so
 * its next caller waits for the fresh read. Without this, every stand's facts
 * expired together at the peak and hundreds of joins queued for the same rows.
 */
export function refreshedCache<V extends object | string>(
  max: number,
  ttl: number,
  load: (key: string) => Promise<V>,
): LRUCache<string, V> {
  return new LRUCache<string, V>({
    max,
    ttl,
    allowStale: true,
    noDeleteOnFetchRejection: true,
    allowStaleOnFetchRejection: true,
    fetchMethod: (key) => load(key),
  });
}

/**
 * The key's value from a `refreshedCache`. Loads never answer undefined, so
 * undefined means the read was cut short by a forget racing it: read again.
 */
export async function cached<V extends object | string>(
  cache: LRUCache<string, V>,
  key: string,
): Promise<V> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const value = await cache.fetch(key);
    if (value !== undefined) return value;
  }
  throw new Error(`the cached read of ${key} was interrupted three times`);
}
