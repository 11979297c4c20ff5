import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { createTestBot } from "../../support/bot.js";
import { hanoi, reminderWorld } from "../../support/reminder-world.js";
import { telegramUser, textUpdate } from "../../support/telegram.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("/holidays", (database) => {
  it("lists the year's days off and swapped working days for members, this year by default, in their language", async () => {
    const db = database().prisma;
    await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
    const world = await reminderWorld(db, { year: 2025, month: 1, pushedAt: hanoi("2025-02-10") });
    const { send, api } = createTestBot(db, { app: appContext(db, () => hanoi("2025-12-31", 23)) });
    const head = telegramUser(Number(world.head.telegramUserId));
    const officer = telegramUser(Number(world.officer.telegramUserId), "en");

    await send(textUpdate(head, "/holidays"));
    const vi = api.lastText();
    expect(vi).toContain("Ngày nghỉ lễ và ngày làm bù năm 2025");
    expect(vi).toContain("• Thứ 2 27/01/2025: Tết Nguyên đán Ất Tỵ");
    expect(vi).toContain("• Thứ 7 26/04/2025: Làm bù");
    expect(vi).toContain("• Thứ 3 02/09/2025: Quốc khánh (2/9)");

    await send(textUpdate(officer, "/holidays 2026"));
    const en = api.lastText();
    expect(en).toContain("Public holidays and swapped working days, 2026");
    expect(en).toContain("Mon 16 Feb 2026");
    expect(en).toContain("Sat 10 Jan 2026");
    expect(en).toContain("Wed 02 Sept 2026: Quốc khánh (2/9)");

    await send(textUpdate(officer, "/holidays 2031"));
    expect(api.lastText()).toContain("no days of 2031 yet");
    await send(textUpdate(officer, "/holidays next"));
    expect(api.lastText()).toBe("Usage: /holidays [year], for example /holidays 2026");
    await send(textUpdate(telegramUser(99_000_123), "/holidays"));
    expect(api.lastText()).toBe("Chỉ thành viên của một đơn vị hoặc của Trung tâm mới xem được lịch nghỉ.");
  });
});
