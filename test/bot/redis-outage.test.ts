// Redis goes away while the bot runs (a proxy in front of the test server drops its
// connections and refuses new ones) and comes back. Sessions hold UI state only, so the bot
// keeps answering from this instance's memory meanwhile, and writes what changed back to
// Redis once it answers again. The flood guard lets updates through unlimited meanwhile.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { DEFAULT_FLOOD_GUARD } from "../../src/bot/middlewares/flood-guard.js";
import { withMemoryFallback } from "../../src/bot/session-storage.js";
import { connectRedis } from "../../src/db/redis.js";
import { until } from "../sandbox/helpers.js";
import { createTestBot } from "../support/bot.js";
import { testRedisUrl } from "../support/services.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { telegramUser, textUpdate } from "../support/telegram.js";
import { useRedisWorld, warnWithoutRedis } from "../support/test-redis.js";

warnWithoutRedis("Redis outage");

describe.skipIf(!testRedisUrl)("the bot while Redis is down", () => {
  const world = useRedisWorld();
  let proxy: TcpProxy;
  let redis: Redis;
  let direct: Redis;
  const logs: Array<Record<string, unknown>> = [];
  const prefix = `dondoc-outage-${randomUUID()}:`;
  const logger = pino(
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );

  beforeAll(async () => {
    const url = new URL(testRedisUrl as string);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
    redis = await connectRedis(proxy.via(testRedisUrl as string), logger, { keyPrefix: prefix });
    direct = new Redis(testRedisUrl as string);
  });
  afterAll(async () => {
    redis.disconnect();
    await proxy.close();
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
    direct.disconnect();
  });

  it("keeps answering with sessions in memory, and writes them back to Redis when it returns", async () => {
    const user = telegramUser(964_001, "en");
    const key = `${prefix}${user.id}:${user.id}`;
    const harness = createTestBot(world.database.prisma, {
      sessionStorage: withMemoryFallback(new RedisAdapter<SessionData>({ instance: redis, ttl: 3600 }), {
        logger,
      }),
      floodGuard: { ...DEFAULT_FLOOD_GUARD, redis },
    });
    const stored = async () => JSON.parse((await direct.get(key)) ?? "null") as SessionData | null;
    const menuIds = () =>
      harness.api.of("sendMessage").map((call) => (call.result as { message_id: number }).message_id);

    await harness.send(textUpdate(user, "/lang"));
    const before = menuIds().at(-1);
    expect(await stored()).toEqual({ languageMenuMessageId: before });

    await proxy.cut();
    await until(() => redis.status !== "ready", 5000);
    harness.api.reset();
    await harness.send(textUpdate(user, "/start"));
    expect(harness.api.lastText()).toContain("Hello");
    await harness.send(textUpdate(user, "/lang"));
    const during = menuIds().at(-1);
    expect(harness.api.texts().at(-1)).toBe("Chọn ngôn ngữ / Choose your language:");
    expect(logs.map((line) => line.msg)).toContain("session store unavailable; keeping sessions in memory");
    expect(logs.map((line) => line.msg)).toContain("Redis is not reachable");

    await proxy.restore();
    await until(() => redis.status === "ready", 15_000);
    harness.api.reset();
    // The menu shown during the outage is the one this /lang replaces: the session survived.
    await harness.send(textUpdate(user, "/lang"));
    expect(harness.api.of("deleteMessage")[0]?.payload).toEqual({ chat_id: user.id, message_id: during });
    expect(await stored()).toEqual({ languageMenuMessageId: menuIds().at(-1) });
    expect(logs.map((line) => line.msg)).toContain("session store available again");
    expect(logs.map((line) => line.msg)).toContain("Redis is reachable again");
  }, 60_000);
});
