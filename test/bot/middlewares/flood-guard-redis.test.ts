import { describe, expect, it } from "vitest";
import { createTestBot } from "../../support/bot.js";
import { testRedisUrl } from "../../support/services.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { useRedisWorld, warnWithoutRedis } from "../../support/test-redis.js";

warnWithoutRedis("Redis flood guard");

describe.skipIf(!testRedisUrl)("flood guard counters in Redis", () => {
  const world = useRedisWorld();

  it("shares one user's count between two bot instances, as behind a load balancer", async () => {
    const options = { floodGuard: { limit: 4, timeFrameMs: 60_000, redis: world.redis } };
    const first = createTestBot(world.database.prisma, options);
    const second = createTestBot(world.database.prisma, options);
    const user = telegramUser(881_001, "en");
    for (let index = 0; index < 3; index += 1) {
      await first.send(textUpdate(user, "/help"));
      await second.send(textUpdate(user, "/help"));
    }
    const answered = [first, second].flatMap((bot) =>
      bot.api.of("sendMessage").filter((call) => String(call.payload.text).includes("Commands you can use")),
    );
    expect(answered).toHaveLength(4);
    expect(await world.redis.pttl(`dondoc:flood:${user.id}`)).toBeGreaterThan(0);
  });
});
