import type { StorageAdapter } from "grammy";
import { describe, expect, it } from "vitest";
import { withMemoryFallback } from "../../src/bot/session-storage.js";

/** A store that can be switched off, the way a Redis or database outage looks to the adapter. */
function switchableStore() {
  const data = new Map<string, number>();
  const store = {
    up: true,
    data,
    adapter: {
      read: async (key) => {
        if (!store.up) throw new Error("Stream isn't writeable");
        return data.get(key);
      },
      write: async (key, value) => {
        if (!store.up) throw new Error("Stream isn't writeable");
        data.set(key, value);
      },
      delete: async (key) => {
        if (!store.up) throw new Error("Stream isn't writeable");
        data.delete(key);
      },
    } satisfies StorageAdapter<number>,
  };
  return store;
}

function logger() {
  const lines: string[] = [];
  return {
    lines,
    warn: (_: object, message: string) => lines.push(message),
    info: (_: object, message: string) => lines.push(message),
  };
}

describe("withMemoryFallback", () => {
  it("uses the store while it answers and memory while it does not, logging the outage once and its end", async () => {
    const store = switchableStore();
    const log = logger();
    const sessions = withMemoryFallback(store.adapter, { logger: log as never });
    await sessions.write("a", 1);
    expect(await sessions.read("a")).toBe(1);

    store.up = false;
    expect(await sessions.read("a")).toBeUndefined();
    await sessions.write("a", 2);
    await sessions.write("b", 3);
    expect(await sessions.read("a")).toBe(2);
    await sessions.delete("b");
    expect(await sessions.read("b")).toBeUndefined();
    expect(log.lines).toEqual(["session store unavailable; keeping sessions in memory"]);

    store.data.set("b", 9);
    store.up = true;
    // Changed during the outage: memory wins and is written back; deleted: deleted in the store.
    expect(await sessions.read("a")).toBe(2);
    expect(store.data.get("a")).toBe(2);
    expect(await sessions.read("b")).toBeUndefined();
    expect(store.data.has("b")).toBe(false);
    expect(log.lines).toEqual([
      "session store unavailable; keeping sessions in memory",
      "session store available again",
    ]);
    // Written back once: the store's own value is read from now on.
    store.data.set("a", 5);
    expect(await sessions.read("a")).toBe(5);
  });

  it("keeps at most maxEntries sessions in memory, dropping the oldest", async () => {
    const store = switchableStore();
    store.up = false;
    const sessions = withMemoryFallback(store.adapter, { logger: logger() as never, maxEntries: 2 });
    await sessions.write("a", 1);
    await sessions.write("b", 2);
    await sessions.write("c", 3);
    expect([await sessions.read("a"), await sessions.read("b"), await sessions.read("c")]).toEqual([
      undefined,
      2,
      3,
    ]);
  });
});
