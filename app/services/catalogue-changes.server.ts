/**
 * The database's catalogue change feed (migration 0006, decision 005): every committed
 * change to what public pages show, from any process, heard through one listening
 * connection per server. The shared page cache and the in-memory catalogue memos read it.
 */
import type { ChangeFeed, DatabaseHandle } from "#db/client";

export const CATALOGUE_CHANNEL = "catalogue_changed";

export type CatalogueChanges = {
  /** Moves on at every change heard, and when the feed is lost or comes back. */
  readonly generation: number;
  onChange: (listener: () => void) => void;
  /**
   * True once every change committed before the call has been heard (one round trip on the
   * listening connection); false while not listening, when nothing remembered may be used.
   */
  settle: () => Promise<boolean>;
  stop: () => Promise<void>;
};

export async function startCatalogueChanges(
  database: Pick<DatabaseHandle, "listen">,
  log: Pick<Console, "warn"> = console,
): Promise<CatalogueChanges> {
  let feed: ChangeFeed | null = null;
  let generation = 0;
  let stopped = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    generation += 1;
    for (const listener of listeners) listener();
  };

  const connect = async () => {
    try {
      feed = await database.listen(CATALOGUE_CHANNEL, {
        onNotify: changed,
        onLost: (error) => {
          feed = null;
          changed();
          log.warn(`[catalogue] change feed lost (${error.message}); retrying`);
          retry();
        },
      });
      // Changes made while we were not listening went unheard.
      changed();
    } catch (error) {
      log.warn(`[catalogue] cannot listen for changes (${(error as Error).message}); retrying`);
      retry();
    }
  };
  const retry = () => {
    if (stopped) return;
    setTimeout(() => {
      if (!stopped) void connect();
    }, 1000).unref();
  };
  await connect();

  return {
    get generation() {
      return generation;
    },
    onChange: (listener) => void listeners.add(listener),
    settle: async () => {
      const current = feed;
      if (!current) return false;
      try {
        await current.sync();
      } catch {
        return false;
      }
      return feed === current;
    },
    stop: async () => {
      stopped = true;
      await feed?.close();
    },
  };
}

let processChanges: CatalogueChanges | null = null;

export function setCatalogueChanges(changes: CatalogueChanges | null) {
  processChanges = changes;
}

/**
 * A value computed from catalogue tables, kept in memory until the catalogue changes. Without
 * a feed (scripts, tests of models) it is computed every time.
 */
export function catalogueMemo<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: { generation: number; value: T } | null = null;
  return async () => {
    const changes = processChanges;
    if (!changes || !(await changes.settle())) return load();
    if (kept && kept.generation === changes.generation) return kept.value;
    const generation = changes.generation;
    const value = await load();
    // A change heard while loading may have come too late for this value: keep it only if not.
    if (generation === changes.generation) kept = { generation, value };
    return value;
  };
}

/**
 * Like `catalogueMemo`, for a function of a key (a product's slug and locale, a search's
 * input): the last `maxEntries` values used, each kept until the next catalogue change. The
 * values are deep-frozen, since every request that asks for the same key gets the same object:
 * a render that tried to change one would throw instead of changing what others see.
 */
export function catalogueCache<K, V>(
  options: { maxEntries: number; key: (input: K) => string },
  load: (input: K) => Promise<V>,
): (input: K) => Promise<V> {
  const kept = new Map<string, V>();
  let keptGeneration = -1;
  return async (input) => {
    const changes = processChanges;
    if (!changes || !(await changes.settle())) return load(input);
    const generation = changes.generation;
    if (keptGeneration !== generation) {
      kept.clear();
      keptGeneration = generation;
    }
    const key = options.key(input);
    if (kept.has(key)) {
      // Least recently used first out: a hit moves to the end.
      const value = kept.get(key) as V;
      kept.delete(key);
      kept.set(key, value);
      return value;
    }
    const value = deepFreeze(await load(input));
    // A change heard while loading may have come too late for this value: keep it only if not.
    if (generation === changes.generation && keptGeneration === generation) {
      kept.set(key, value);
      for (const oldest of kept.keys()) {
        if (kept.size <= options.maxEntries) break;
        kept.delete(oldest);
      }
    }
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * `catalogueCache` for a model function of a database handle and an input: one cache per
 * handle (the app's, a test's), so that values read through one database never answer for
 * another. For reads of public catalogue data through the app's handle, never a transaction's.
 */
export function catalogueCacheByDatabase<D extends object, K, V>(
  options: { maxEntries: number; key: (input: K) => string },
  load: (db: D, input: K) => Promise<V>,
): (db: D, input: K) => Promise<V> {
  const caches = new WeakMap<D, (input: K) => Promise<V>>();
  return (db, input) => {
    let cached = caches.get(db);
    if (!cached) {
      cached = catalogueCache(options, (i: K) => load(db, i));
      caches.set(db, cached);
    }
    return cached(input);
  };
}
