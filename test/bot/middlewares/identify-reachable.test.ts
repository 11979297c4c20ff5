import { expect, it } from "vitest";
import { createTestBot } from "../../support/bot.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("a person the bot could not reach", (database) => {
  it("is reachable again once they write to the bot privately, not when they write in a group", async () => {
    const db = database().prisma;
    const user = telegramUser(7_700_001, "vi", "Minh");
    const person = await db.person.create({
      data: {
        telegramUserId: BigInt(user.id),
        firstName: "Minh",
        unreachableSince: new Date("2026-11-01T00:00:00Z"),
      },
    });
    const harness = createTestBot(db);
    await harness.send(textUpdate(user, "/help", { id: -1_001_777, title: "Nhóm" }));
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).unreachableSince).not.toBeNull();
    await harness.send(textUpdate(user, "/help"));
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).unreachableSince).toBeNull();
  });
});
