// The Redis connection (sessions and flood counters shared by every instance). Commands fail
// at once while Redis is away instead of waiting in ioredis's offline queue: the session store
// and the flood guard then fall back (see bot/session-storage.ts), so a user's update is not
// held for seconds. ioredis keeps reconnecting by itself; an outage is logged once, and so is
// its end.
import { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { RedisNotReachable } from "../start-up-failure.js";

export async function connectRedis(url: string, logger: Pick<Logger, "info" | "warn">): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const { hostname, port } = new URL(url);
  const where = { host: hostname, port: Number(port || 6379) };
  let lastError: Error | null = null;
  // Until connected, a failure is the start-up's to report (once, as RedisNotReachable).
  let down = true;
  redis.on("error", (error: Error) => {
    lastError = error;
    if (down) return;
    down = true;
    logger.warn({ error: "RedisNotReachable", ...where, reason: error.message }, "Redis is not reachable");
  });
  redis.on("ready", () => {
    if (!down || lastError === null) return;
    down = false;
    logger.info(where, "Redis is reachable again");
  });
  try {
    await redis.connect();
    down = false;
  } catch (error) {
    redis.disconnect();
    const reason =
      (lastError as Error | null)?.message ?? (error instanceof Error ? error.message : String(error));
    throw new RedisNotReachable(where.host, where.port, reason);
  }
  return redis;
}
