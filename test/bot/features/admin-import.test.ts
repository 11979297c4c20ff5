import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { ensureCenterAdmins } from "../../../src/app/members/ensure-center-admins.js";
import type { AdminImportDeps } from "../../../src/bot/features/admin-import.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import { readImportCaption } from "../../../src/import/caption.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { callbackUpdate, telegramUser, textUpdate } from "../../support/telegram.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../../support/test-database.js";

const zone = "Asia/Ho_Chi_Minh";
const ADMIN = telegramUser(7101, "vi", "Hà");
const OTHER_ADMIN = telegramUser(7102, "en", "Tom");
const OFFICER = telegramUser(7103, "vi", "Lan");

const DOSSIERS = [
  "DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025",
  "Tính đến 11 giờ 00 ngày 11/04/2025",
  "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý",
  "1,000.00.20.H26-250301-0001,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Nguyễn Văn An,03/03/2025,10/03/2025,,,Sở Tư pháp",
  "2,000.00.20.H26-250302-0002,Đăng ký khai sinh,Hộ tịch,Trần Thị Bình,04/03/2025,06/03/2025,,5,Sở Tư pháp",
].join("\r\n");
const BROKEN = DOSSIERS.replace("06/03/2025,,5", "01/03/2025,,5").replace("10/03/2025,,,", "31/02/2025,,,");

let fileCounter = 0;
function documentUpdate(from: typeof ADMIN, fileName: string, size = 1000, caption?: string): Update {
  fileCounter += 1;
  const update = textUpdate(from, "x");
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  message.document = {
    file_id: `file-${fileCounter}`,
    file_unique_id: `u${fileCounter}`,
    file_name: fileName,
    file_size: size,
  };
  if (caption) message.caption = caption;
  return update;
}

describe(`importing by sending a file on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  let harness: TestBot;
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];

  // Each test on a database of its own (two Center admins, one unit, the calendar), so that it
  // passes alone and in any order.
  beforeEach(async () => {
    database = await createTestDatabase();
    await ensureCenterAdmins(appContext(database.prisma), {
      actorLabel: "test",
      telegramUserIds: [ADMIN.id, OTHER_ADMIN.id],
    });
    await database.prisma.unit.create({
      data: { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap" },
    });
    await new CalendarRepository(database.prisma).seed(VN_CALENDAR_DAYS);
    files.clear();
    downloads.length = 0;
    const adminImport: AdminImportDeps = {
      app: appContext(database.prisma),
      settings: { timeZone: zone, provinceName: null },
      logger: pino({ level: "silent" }),
      readCaption: (caption) => readImportCaption(caption, zone),
      download: async (_ctx, fileId) => {
        downloads.push(fileId);
        const bytes = files.get(fileId);
        if (!bytes) throw new Error(`no such file ${fileId}`);
        return bytes;
      },
    };
    harness = createTestBot(database.prisma, { adminImport });
  });
  afterEach(() => database.drop());

  const send = async (from: typeof ADMIN, fileName: string, content: string, caption?: string) => {
    const update = documentUpdate(from, fileName, Buffer.byteLength(content), caption);
    files.set(`file-${fileCounter}`, Buffer.from(content, "utf8"));
    await harness.send(update);
  };
  const previewButtons = () => {
    const markup = harness.api.of("sendMessage").at(-1)?.payload.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    return markup.inline_keyboard.flat();
  };

  it("refuses a file from anyone but a Center admin, without even downloading it", async () => {
    await send(OFFICER, "qua-han.csv", DOSSIERS);
    expect(harness.api.lastText()).toBe(
      "Chỉ quản trị viên Trung tâm Phục vụ hành chính công mới được nhập dữ liệu. Tệp của bạn không được xử lý.",
    );
    expect(downloads).toEqual([]);
    expect(await database.prisma.pendingImport.count()).toBe(0);
  });

  it("refuses a file over Telegram's 20 MB download limit with the reason", async () => {
    await harness.send(documentUpdate(ADMIN, "big.xlsx", 21.5 * 1024 * 1024));
    // Vietnamese writes a decimal comma.
    expect(harness.api.lastText()).toContain("21,5 MB");
    expect(harness.api.lastText()).toContain("Telegram chỉ cho phép bot tải tệp tối đa 20 MB");
  });

  it("answers a malformed file with its first errors and the whole list as a file, importing nothing", async () => {
    await send(ADMIN, "loi.csv", BROKEN);
    const text = harness.api.lastText();
    expect(text).toContain("Tệp bị từ chối");
    expect(text).toContain("Dòng 4");
    const sent = harness.api.of("sendDocument");
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.payload.multipart)).toContain("import-errors.csv");
    expect(await database.prisma.dossier.count()).toBe(0);
  });

  it("previews, lets only the uploader confirm, once, and then imports", async () => {
    await send(ADMIN, "qua-han.csv", DOSSIERS);
    const preview = harness.api.lastText();
    expect(preview).toContain("Xem trước dữ liệu nhập");
    expect(preview).toContain("Hồ sơ: 2 mới, 0 thay đổi, 0 không đổi, 0 không còn trong danh sách");
    const [confirm, cancel] = previewButtons();
    expect(confirm?.text).toBe("✅ Xác nhận");
    expect(cancel?.callback_data).toMatch(/^imp:no:\d+$/);
    expect(await database.prisma.dossier.count()).toBe(0);

    await harness.send(callbackUpdate(OTHER_ADMIN, confirm?.callback_data ?? ""));
    expect(harness.api.of("answerCallbackQuery").at(-1)?.payload.text).toBe(
      "Only the person who sent the file may confirm or cancel it.",
    );
    await harness.send(callbackUpdate(OFFICER, confirm?.callback_data ?? ""));
    expect(await database.prisma.dossier.count()).toBe(0);

    await harness.send(callbackUpdate(ADMIN, confirm?.callback_data ?? ""));
    expect(harness.api.lastText()).toContain("Đã nhập dữ liệu");
    expect(await database.prisma.dossier.count()).toBe(2);
    const batch = await database.prisma.importBatch.findFirstOrThrow({ include: { pendingImport: true } });
    expect(batch).toMatchObject({
      source: "BOT",
      fileName: "qua-han.csv",
      pendingImport: { status: "CONFIRMED" },
    });

    await harness.send(callbackUpdate(ADMIN, confirm?.callback_data ?? ""));
    expect(harness.api.of("answerCallbackQuery").at(-1)?.payload.text).toBe(
      "Tệp này đã được xác nhận hoặc hủy trước đó.",
    );
    expect(await database.prisma.importBatch.count()).toBe(1);
  });

  it("cancels on request and ignores forged buttons", async () => {
    await send(
      ADMIN,
      "qua-han-2.csv",
      DOSSIERS.replace("11 giờ 00 ngày 11/04/2025", "15 giờ 00 ngày 12/04/2025"),
    );
    const [, cancel] = previewButtons();
    await harness.send(callbackUpdate(ADMIN, cancel?.callback_data ?? ""));
    expect(harness.api.lastText()).toBe("Đã hủy: không nhập dữ liệu nào từ tệp qua-han-2.csv.");
    expect(await database.prisma.importBatch.count()).toBe(0);

    await harness.send(callbackUpdate(ADMIN, "imp:ok:999999"));
    expect(harness.api.of("answerCallbackQuery").at(-1)?.payload.text).toBe(
      "Không tìm thấy yêu cầu nhập dữ liệu này.",
    );
    await harness.send(callbackUpdate(ADMIN, "imp:ok:abc"));
    expect(harness.api.of("answerCallbackQuery").at(-1)?.payload.show_alert).toBe(true);
    expect(await database.prisma.importBatch.count()).toBe(0);
  });

  it("marks the request failed when the confirmed file cannot be fetched again, and apologises", async () => {
    await send(
      ADMIN,
      "qua-han-3.csv",
      DOSSIERS.replace("11 giờ 00 ngày 11/04/2025", "16 giờ 00 ngày 13/04/2025"),
    );
    const [confirm] = previewButtons();
    files.delete(`file-${fileCounter}`);
    await harness.send(callbackUpdate(ADMIN, confirm?.callback_data ?? ""));
    expect(harness.api.of("answerCallbackQuery").at(-1)?.payload.text).toBe(
      "Xin lỗi, đã có lỗi xảy ra khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút.",
    );
    const pending = await database.prisma.pendingImport.findFirstOrThrow({
      where: { fileName: "qua-han-3.csv" },
    });
    expect(pending.status).toBe("FAILED");
    expect(await database.prisma.importBatch.count()).toBe(0);
  });
});
