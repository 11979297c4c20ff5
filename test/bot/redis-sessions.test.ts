import { RedisAdapter } from "@grammyjs/storage-redis";
import { describe, expect, it } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { createTestBot } from "../support/bot.js";
import { testRedisUrl } from "../support/services.js";
import { telegramUser, textUpdate } from "../support/telegram.js";
import { useRedisWorld, warnWithoutRedis } from "../support/test-redis.js";

warnWithoutRedis("Redis session");

describe.skipIf(!testRedisUrl)("sessions in Redis", () => {
  const world = useRedisWorld();

  const storage = () => new RedisAdapter<SessionData>({ instance: world.redis, ttl: 3600 });

  it("keeps UI state across bot restarts, with an expiry, and nothing in the database", async () => {
    const user = telegramUser(1101, "vi");
    const first = createTestBot(world.database.prisma, { sessionStorage: storage() });
    await first.send(textUpdate(user, "/lang"));
    const menuId = (first.api.of("sendMessage")[0]?.result as { message_id: number }).message_id;

    expect(JSON.parse((await world.redis.get("1101:1101")) ?? "null")).toEqual({
      languageMenuMessageId: menuId,
    });
    expect(await world.redis.ttl("1101:1101")).toBeGreaterThan(3500);
    expect(await world.database.prisma.session.count()).toBe(0);

    const second = createTestBot(world.database.prisma, { sessionStorage: storage() });
    await second.send(textUpdate(user, "/lang"));
    expect(second.api.of("deleteMessage")[0]?.payload).toEqual({ chat_id: 1101, message_id: menuId });
  });
});
