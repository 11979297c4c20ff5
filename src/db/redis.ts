// The Redis connection (sessions and flood counters shared by every instance). Commands fail
// at once while Redis is away instead of waiting in ioredis's offline queue: the session store
// and the flood guard then fall back (see bot/session-storage.ts), so a user's update is not
// held for seconds. ioredis keeps reconnecting by itself; an outage is logged once, and so is
// its end.
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../logger.js";
import { RedisNotReachable } from "../start-up-failure.js";

export async function connectRedis(
  url: string,
  logger: Pick<Logger, "info" | "warn">,
  /** More ioredis options (tests give a key prefix). */
  options: RedisOptions = {},
): Promise<Redis> {
  const redis = new Redis(url, {
    ...options,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  const { hostname, port } = new URL(url);
  const where = { host: hostname, port: Number(port || 6379) };
  let lastError: Error | null = null;
  // Until connected, a failure is the start-up's to report (once, as RedisNotReachable).
  let down = true;
  let wentDown = false;
  const lost = (reason: string) => {
    if (down) return;
    down = true;
    wentDown = true;
    logger.warn({ error: "RedisNotReachable", ...where, reason }, "Redis is not reachable");
  };
  redis.on("error", (error: Error) => {
    lastError = error;
    lost(error.message);
  });
  // A dropped connection may close without an error; ioredis then reconnects (not after quit()).
  redis.on("reconnecting", () => lost("connection closed"));
  redis.on("ready", () => {
    if (!down || !wentDown) return;
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
