// A Redis connection whose keys live under a prefix of their own, deleted after the test file.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { missingServiceMessage, testRedisUrl } from "./services.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface RedisWorld {
  redis: Redis;
  database: TestDatabase;
}

/** Warns loudly (once per file) when TEST_REDIS_URL is unset; the caller skips its tests then. */
export function warnWithoutRedis(what: string): void {
  if (!testRedisUrl) console.warn(`\n!!! ${missingServiceMessage("TEST_REDIS_URL", what)}\n`);
}

/** A prefixed Redis client and a test database for one test file; cleaned up afterwards. */
export function useRedisWorld(): RedisWorld {
  const world = {} as RedisWorld;
  const prefix = `dondoc-test-${randomUUID()}:`;
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.redis = new Redis(testRedisUrl as string, { keyPrefix: prefix });
  });
  afterAll(async () => {
    const keys = await world.redis.keys(`${prefix}*`);
    if (keys.length > 0) await world.redis.del(...keys.map((key) => key.slice(prefix.length)));
    await world.redis.quit();
    await world.database.drop();
  });
  return world;
}
