import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot } from "../../support/bot.js";
import { missingServiceMessage, testRedisUrl } from "../../support/services.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";

if (!testRedisUrl) console.warn(`\n!!! ${missingServiceMessage("TEST_REDIS_URL", "Redis flood guard")}\n`);

describe.skipIf(!testRedisUrl)("flood guard counters in Redis", () => {
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

  it("shares one user's count between two bot instances, as behind a load balancer", async () => {
    const options = { floodGuard: { limit: 4, timeFrameMs: 60_000, redis } };
    const first = createTestBot(database.prisma, options);
    const second = createTestBot(database.prisma, options);
    const user = telegramUser(881_001, "en");
    for (let index = 0; index < 3; index += 1) {
      await first.send(textUpdate(user, "/help"));
      await second.send(textUpdate(user, "/help"));
    }
    const answered = [first, second].flatMap((bot) =>
      bot.api.of("sendMessage").filter((call) => String(call.payload.text).includes("Commands you can use")),
    );
    expect(answered).toHaveLength(4);
    expect(await redis.pttl(`dondoc:flood:${user.id}`)).toBeGreaterThan(0);
  });
});
