// Sessions that survive their store being away. A session holds UI state only (which menu is
// on screen; every fact is in PostgreSQL), so while Redis (or the database) cannot be reached
// the bot keeps answering: sessions are read from and written to this instance's memory, and
// once the store answers again a session changed meanwhile is written back to it. The price,
// with several instances, is that an instance may not see a menu another one showed during
// the outage: the user taps it and gets a fresh one. Better than "something went wrong" on
// every update.
import type { StorageAdapter } from "grammy";
import type { Logger } from "../logger.js";

export interface FallbackStorageOptions {
  logger: Pick<Logger, "warn" | "info">;
  /** Sessions kept in memory at most (the oldest are dropped). Default 10,000. */
  maxEntries?: number;
}

/** `primary`, or this instance's memory while `primary` fails. */
export function withMemoryFallback<T>(
  primary: StorageAdapter<T>,
  options: FallbackStorageOptions,
): StorageAdapter<T> {
  const maxEntries = options.maxEntries ?? 10_000;
  /** Sessions written while the store failed; `undefined`: deleted meanwhile. */
  const local = new Map<string, T | undefined>();
  let down = false;

  const failed = (operation: string, error: unknown) => {
    if (down) return;
    down = true;
    options.logger.warn(
      { operation, reason: error instanceof Error ? error.message : String(error) },
      "session store unavailable; keeping sessions in memory",
    );
  };
  const recovered = () => {
    if (!down) return;
    down = false;
    options.logger.info({ sessionsKeptInMemory: local.size }, "session store available again");
  };
  const remember = (key: string, value: T | undefined) => {
    local.delete(key);
    local.set(key, value);
    if (local.size > maxEntries) local.delete(local.keys().next().value as string);
  };

  return {
    async read(key) {
      try {
        const stored = await primary.read(key);
        recovered();
        if (!local.has(key)) return stored;
        // Changed while the store was away: this instance's copy is newer; write it back.
        const newer = local.get(key);
        await (newer === undefined ? primary.delete(key) : primary.write(key, newer));
        local.delete(key);
        return newer;
      } catch (error) {
        failed("read", error);
        return local.get(key);
      }
    },
    async write(key, value) {
      try {
        await primary.write(key, value);
        local.delete(key);
        recovered();
      } catch (error) {
        failed("write", error);
        remember(key, value);
      }
    },
    async delete(key) {
      try {
        await primary.delete(key);
        local.delete(key);
        recovered();
      } catch (error) {
        failed("delete", error);
        remember(key, undefined);
      }
    },
  };
}
