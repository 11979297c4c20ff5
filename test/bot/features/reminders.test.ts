// The buttons under a reminder, pressed in the bot: "remind me next working day" (once a week
// per unit, the unit's own people only) and the filtered list it leads to.
import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { sendDueReminders } from "../../../src/app/reminders/send-due-reminders.js";
import { outboxPayloadSchema } from "../../../src/domain/outbox.js";
import { createTestBot } from "../../support/bot.js";
import { hanoi, reminderDeps, reminderWorld } from "../../support/reminder-world.js";
import { callbackUpdate, telegramUser } from "../../support/telegram.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("the reminder's buttons", (database) => {
  it("postpones the unit's next reminder once a week, for its own people only; the list button opens the filtered list", async () => {
    const db = database().prisma;
    const world = await reminderWorld(db, { year: 2025, month: 10, pushedAt: hanoi("2025-11-03", 9) });
    const stranger = await reminderWorld(db, {
      year: 2025,
      month: 10,
      pushedAt: hanoi("2025-11-03", 9),
      sameListAs: world,
    });
    await sendDueReminders(reminderDeps(db).at(hanoi("2025-11-05")));
    const officerReminder = (await world.reminders()).find((row) => row.personId === world.officer.id);
    const payload = outboxPayloadSchema.parse(officerReminder?.payload);
    const buttons = payload.reply_markup?.inline_keyboard.flat() ?? [];
    const data = (text: string) => {
      const button = buttons.find((candidate) => candidate.text === text);
      return button && "callback_data" in button ? button.callback_data : "";
    };
    const snooze = data("⏭ Remind me next working day");
    expect(snooze).toBe(`rmz:${world.unit.id}:2025-10`);

    const { send, api } = createTestBot(db, { app: appContext(db, () => hanoi("2025-11-05", 11)) });
    const user = (person: { telegramUserId: bigint }, language = "vi") =>
      telegramUser(Number(person.telegramUserId), language);

    await send(callbackUpdate(user(stranger.head), snooze));
    expect(api.alerts().at(-1)).toBe("Chỉ lãnh đạo và cán bộ của đơn vị mới hoãn được nhắc việc của đơn vị.");
    await send(callbackUpdate(user(world.head), `rmz:${world.unit.id}:1999-01`));
    expect(api.alerts().at(-1)).toBe("Nút này đã cũ: tháng của nó không còn trong dữ liệu.");
    await send(callbackUpdate(user(world.head), "rmz:x:2025-10"));
    expect(api.alerts().at(-1)).toBe("Chỉ lãnh đạo và cán bộ của đơn vị mới hoãn được nhắc việc của đơn vị.");
    expect(
      await db.unitReminder.findFirst({ where: { unitId: world.unit.id, lastSnoozedAt: { not: null } } }),
    ).toBeNull();

    await send(callbackUpdate(user(world.officer, "en"), snooze));
    expect(api.alerts().at(-1)).toBe("Postponed: the unit will be reminded on 06 Nov 2025.");
    await send(callbackUpdate(user(world.head), snooze));
    expect(api.alerts().at(-1)).toBe(
      "Đơn vị đã hoãn nhắc việc trong tuần này. Có thể hoãn lại từ ngày 12/11/2025.",
    );

    await send(callbackUpdate(user(world.officer, "en"), data("📝 Dossiers without a cause")));
    expect(api.of("editMessageText").at(-1)?.payload.text).toContain("No cause: 7 dossier(s)");
  });
});
