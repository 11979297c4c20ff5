// /push and /pushsettings as a Center admin uses them: the preview, Confirm, the messages going
// out through the outbox, the progress message and the final report; refusals for everyone else.
import pino from "pino";
import { expect, it } from "vitest";
import { pushCancelData, pushConfirmData, pushSettingsData } from "../../../src/bot/callback-data/push.js";
import { createPushProgress } from "../../../src/bot/push/progress.js";
import { createTranslator } from "../../../src/i18n/index.js";
import { createOutboxSender } from "../../../src/outbox/index.js";
import { createTestBot } from "../../support/bot.js";
import { pushDeps, pushWorld } from "../../support/push-world.js";
import { callbackUpdate, telegramUser, textUpdate } from "../../support/telegram.js";
import { describeDatabase } from "../../support/test-database.js";

const silent = pino({ level: "silent" });

async function pushBot(db: Parameters<typeof pushWorld>[0]) {
  const world = await pushWorld(db);
  const admin = await db.person.findUniqueOrThrow({ where: { id: world.actor.personId } });
  const head = await db.person.findUniqueOrThrow({ where: { id: world.head.id } });
  const push = pushDeps(db, () => new Date());
  let harness: ReturnType<typeof createTestBot> | undefined;
  const progress = createPushProgress({
    db,
    api: {
      editMessageText: (...args) => (harness as NonNullable<typeof harness>).bot.api.editMessageText(...args),
      sendMessage: (...args) => (harness as NonNullable<typeof harness>).bot.api.sendMessage(...args),
    },
    translator: createTranslator("vi"),
    logger: silent,
    intervalMs: 20,
  });
  harness = createTestBot(db, { push: { push, progress } });
  const sender = createOutboxSender({
    db,
    api: harness.bot.api,
    rates: { globalPerSecond: 1000, privatePerSecond: 1000, groupPerMinute: 60_000, scale: 1 },
    logger: silent,
  });
  return {
    world,
    harness,
    progress,
    sender,
    admin: telegramUser(Number(admin.telegramUserId), "vi", "Hà"),
    head: telegramUser(Number(head.telegramUserId), "vi", "Lan"),
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeDatabase("/push", (database) => {
  it("previews, sends on Confirm through the outbox, follows the progress and reports", async () => {
    const { world, harness, progress, sender, admin } = await pushBot(database().prisma);
    await harness.send(textUpdate(admin, `/push 03/${world.year}`));
    const preview = harness.api.of("sendMessage").at(-1);
    expect(String(preview?.payload.text)).toContain("2 đơn vị · 2 người · 1 nhóm · 3 tin nhắn");
    expect(String(preview?.payload.text)).toContain(world.lonely.nameVi);
    const keyboard = preview?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ callback_data: string }>>;
    };
    const confirm = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    expect(pushConfirmData.unpack(confirm)).toMatchObject({ period: `${world.year}-03` });

    const previewId = (preview?.result as { message_id: number }).message_id;
    await harness.send(callbackUpdate(admin, confirm, { messageId: previewId }));
    expect(
      await database().prisma.outboxMessage.count({
        where: { batch: { startsWith: `push:${world.year}-03` } },
      }),
    ).toBe(3);

    harness.api.reset();
    await sender.drainOnce();
    expect(
      await database().prisma.outboxMessage.count({
        where: { batch: { startsWith: `push:${world.year}-03` }, status: "SENT" },
      }),
    ).toBe(3);
    const pushed = harness.api.of("sendMessage").map((call) => Number(call.payload.chat_id));
    expect(pushed).toContain(Number(world.group.chatId));
    await until(() => harness.api.texts().some((text) => text.includes("Đã gửi xong")));
    expect(harness.api.lastText()).toContain("Đã gửi 3/3 tin nhắn.");
    expect(harness.api.of("editMessageText").some((call) => String(call.payload.text).includes("3/3"))).toBe(
      true,
    );
    await progress.stop();
  });

  it("a second Confirm of the same preview sends nothing again", async () => {
    const { world, harness, progress, admin } = await pushBot(database().prisma);
    await harness.send(textUpdate(admin, `/push ${world.year}-03`));
    const preview = harness.api.of("sendMessage").at(-1);
    const keyboard = preview?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ callback_data: string }>>;
    };
    const confirm = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    await harness.send(callbackUpdate(admin, confirm, { messageId: 500 }));
    await harness.send(callbackUpdate(admin, confirm, { messageId: 500 }));
    expect(harness.api.lastText()).toContain("đã được gửi rồi");
    expect(
      await database().prisma.outboxMessage.count({
        where: { batch: { startsWith: `push:${world.year}-03` } },
      }),
    ).toBe(3);
    await progress.stop();
  });

  it("shows the new figures instead of sending when an import came between preview and Confirm", async () => {
    const { world, harness, progress, admin } = await pushBot(database().prisma);
    const stale = pushConfirmData.pack({ period: `${world.year}-03`, s: 1, o: 1 });
    await harness.send(callbackUpdate(admin, stale, { messageId: 501 }));
    expect(harness.api.lastText()).toContain("Số liệu đã thay đổi");
    expect(
      await database().prisma.outboxMessage.count({
        where: { batch: { startsWith: `push:${world.year}-03` } },
      }),
    ).toBe(0);
    await progress.stop();
  });

  it("refuses a unit head's /push and forged Confirm, and cancels on request", async () => {
    const { world, harness, progress, admin, head } = await pushBot(database().prisma);
    await harness.send(textUpdate(head, "/push"));
    expect(harness.api.lastText()).toContain("Chỉ quản trị viên");
    await harness.send(
      callbackUpdate(head, pushConfirmData.pack({ period: `${world.year}-03`, s: 0, o: 0 })),
    );
    expect(harness.api.alerts().at(-1)).toContain("Chỉ quản trị viên");
    await harness.send(callbackUpdate(admin, "pshc:forged"));
    expect(harness.api.alerts().at(-1)).toBeTruthy();
    await harness.send(callbackUpdate(admin, pushCancelData.pack({ period: `${world.year}-03` })));
    expect(harness.api.lastText()).toContain("Đã hủy");
    expect(
      await database().prisma.outboxMessage.count({
        where: { batch: { startsWith: `push:${world.year}-03` } },
      }),
    ).toBe(0);
    await progress.stop();
  });

  it("/pushsettings turns sending after an import on and picks a day, audited", async () => {
    const { harness, progress, admin, head } = await pushBot(database().prisma);
    await harness.send(textUpdate(admin, "/pushsettings"));
    expect(harness.api.lastText()).toContain("Sau khi nhập số liệu: <b>tắt</b>");
    await harness.send(callbackUpdate(admin, pushSettingsData.pack({ afterImport: "on", day: -1 })));
    await harness.send(callbackUpdate(admin, pushSettingsData.pack({ afterImport: "keep", day: 15 })));
    expect(harness.api.lastText()).toContain("ngày 15, lúc 08:00");
    expect(harness.api.lastText()).toContain("Sau khi nhập số liệu: <b>bật</b>");
    await harness.send(callbackUpdate(head, pushSettingsData.pack({ afterImport: "off", day: 0 })));
    expect(harness.api.alerts().at(-1)).toContain("Chỉ quản trị viên");
    expect(
      await database().prisma.auditEvent.count({ where: { action: "settings.pushChanged" } }),
    ).toBeGreaterThanOrEqual(2);
    await database().prisma.setting.deleteMany({ where: { key: "push" } });
    await progress.stop();
  });
});
