import { randomUUID } from "node:crypto";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { createTestBot } from "../support/bot.js";
import { missingServiceMessage, testRedisUrl } from "../support/services.js";
import { telegramUser, textUpdate } from "../support/telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

if (!testRedisUrl) console.warn(`\n!!! ${missingServiceMessage("TEST_REDIS_URL", "Redis session")}\n`);

describe.skipIf(!testRedisUrl)("sessions in Redis", () => {
  let database: TestDatabase;
  let redis: Redis;
  const prefix = `dondoc-test-${randomUUID()}:`;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new Redis(testRedisUrl as string, { keyPrefix: prefix });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
    await redis.quit();
    await database.drop();
  });

  const storage = () => new RedisAdapter<SessionData>({ instance: redis, ttl: 3600 });

  it("keeps UI state across bot restarts, with an expiry, and nothing in the database", async () => {
    const user = telegramUser(1101, "vi");
    const first = createTestBot(database.prisma, { sessionStorage: storage() });
    await first.send(textUpdate(user, "/lang"));
    const menuId = (first.api.of("sendMessage")[0]?.result as { message_id: number }).message_id;

    expect(JSON.parse((await redis.get("1101:1101")) ?? "null")).toEqual({ languageMenuMessageId: menuId });
    expect(await redis.ttl("1101:1101")).toBeGreaterThan(3500);
    expect(await database.prisma.session.count()).toBe(0);

    const second = createTestBot(database.prisma, { sessionStorage: storage() });
    await second.send(textUpdate(user, "/lang"));
    expect(second.api.of("deleteMessage")[0]?.payload).toEqual({ chat_id: 1101, message_id: menuId });
  });
});
