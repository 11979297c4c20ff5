import type { Update } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../../src/domain/sha256.js";
import { useAccessWorld } from "../../support/access-fixture.js";
import { createTestBot } from "../../support/bot.js";
import { listDossier } from "../../support/monthly-data.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
const buttonsOf = (markup: unknown) => (markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];

const SCAN = Buffer.from("%PDF-1.4 the apology letter");

function photoUpdate(from: { id: number; first_name: string }, fileId: string, size: number): Update {
  return {
    update_id: Math.floor(Math.random() * 1e9),
    message: {
      message_id: 5000,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from: { ...from, is_bot: false },
      photo: [
        { file_id: `${fileId}-small`, file_unique_id: "s", width: 90, height: 90, file_size: 900 },
        { file_id: fileId, file_unique_id: "b", width: 1280, height: 960, file_size: size },
      ],
    },
  } as Update;
}

describe(`dossier card actions on ${databaseLabel()}`, () => {
  const world = useAccessWorld();
  const downloads: string[] = [];
  let harness: ReturnType<typeof createTestBot>;
  const api = () => harness.api;
  const db = () => world.database.prisma;
  let codes = 0;

  beforeEach(() => {
    downloads.length = 0;
    harness = createTestBot(db(), {
      download: async (_ctx, fileId) => {
        downloads.push(fileId);
        return SCAN;
      },
    });
  });

  /** A fresh dossier of unit A on the March 2025 list (received 03/03, due 10/03/2025). */
  async function freshDossier() {
    const snapshot = await db().periodSnapshot.findFirstOrThrow({ where: { kind: "OVERDUE_DOSSIERS" } });
    const code = `000.00.20.H26-250301-T${++codes}`;
    const dossier = await listDossier(db(), snapshot, world.f.unitA.id, { code, daysOverdue: 9 });
    return { id: dossier.id, code };
  }
  const press = (who: keyof typeof world.f.users, data: string) =>
    harness.send(callbackUpdate(world.f.users[who], data, { messageId: 77 }));
  const say = (who: keyof typeof world.f.users, text: string) =>
    harness.send(textUpdate(world.f.users[who], text));
  const act = (act: string, id: number) => `dxa:${act}:${id}:2025-03:all:0`;
  const lastEdit = () => api().of("editMessageText").at(-1)?.payload;
  const lastAnswer = () => api().of("answerCallbackQuery").at(-1)?.payload;

  it("offers a unit's people the actions on the card, an admin only the admin's, a viewer none", async () => {
    const dossier = await freshDossier();
    await press("headA", `ovd:${dossier.id}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.callback_data)).toEqual([
      act("cause", dossier.id),
      act("apology", dossier.id),
      act("resolve", dossier.id),
      act("pause", dossier.id),
      `ovl:${world.f.unitA.id}:2025-03:all:0`,
    ]);
    await press("viewer", `ovd:${dossier.id}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.text)).toEqual(["⬅️ Back to the list"]);
    await press("admin", `ovd:${dossier.id}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.text)).toEqual(["⬅️ Back to the list"]);
  });

  it("marks resolved after a confirmation, once for a double tap; the same person undoes it", async () => {
    const dossier = await freshDossier();
    await press("officerA", act("resolve", dossier.id));
    expect(lastEdit()?.text).toContain(`Mark <code>${dossier.code}</code> resolved today`);
    const confirm = `dxr:${dossier.id}:0:2025-03:all:0`;
    await press("officerA", confirm);
    expect(lastAnswer()).toMatchObject({ text: "Marked resolved." });
    const card = lastEdit();
    expect(card?.text).toContain("Resolution: result issued on");
    expect(buttonsOf(card?.reply_markup).map((b) => b.text)).toContain("↩️ Undo resolved");
    await press("officerA", confirm);
    expect(api().alerts().at(-1)).toBe("This dossier is already resolved.");
    expect(await db().dossierResolution.count({ where: { dossierId: dossier.id } })).toBe(1);

    await press("headA", act("undo", dossier.id));
    expect(api().alerts().at(-1)).toContain("Only the person who marked it resolved may undo it");
    await press("officerA", act("undo", dossier.id));
    expect(lastAnswer()).toMatchObject({ text: "Resolution undone." });
    expect(lastEdit()?.text).toContain("Resolution: ⏳ not recorded yet");
    expect((await db().dossier.findUniqueOrThrow({ where: { id: dossier.id } })).state).toBe("OPEN");
  });

  it("lets only a Center admin reopen; refuses another unit's people every action", async () => {
    const dossier = await freshDossier();
    await press("headA", `dxr:${dossier.id}:1:2025-03:all:0`);
    await press("headB", `dxr:${dossier.id}:0:2025-03:all:0`);
    expect(api().alerts().at(-1)).toBe("You may not answer for this dossier.");
    for (const action of ["cause", "apology", "pause"]) {
      await press("officerB", act(action, dossier.id));
      expect(api().alerts().at(-1)).toBe("You may not answer for this dossier.");
    }
    await press("officerA", act("reopen", dossier.id));
    expect(api().alerts().at(-1)).toBe("Only a Center admin may do this.");
    await press("admin", act("reopen", dossier.id));
    expect(lastAnswer()).toMatchObject({ text: "Dossier reopened." });
    expect(
      await db().auditEvent.findMany({ where: { dossierId: dossier.id }, select: { action: true } }),
    ).toEqual([{ action: "dossier.resolved" }, { action: "dossier.reopened" }]);
  });

  it("records a cause: a category, then a detail asked again while too long, the card edited in place", async () => {
    const dossier = await freshDossier();
    await press("headA", act("cause", dossier.id));
    expect(lastEdit()?.text).toContain("choose a category");
    expect(buttonsOf(lastEdit()?.reply_markup)).toHaveLength(8);
    await press("headA", `dxc:${dossier.id}:4:2025-03:all:0`);
    expect(api().lastText()).toContain("<b>workload, understaffing</b>");
    await say("headA", "x".repeat(501));
    expect(api().lastText()).toContain(
      "⚠️ The detail is too long (at most 500 characters). Please try again.",
    );
    api().reset();
    await say("headA", "Hai cán bộ nghỉ phép");
    expect(
      api()
        .of("sendMessage")
        .map((c) => c.payload.text),
    ).toEqual(["Cause recorded."]);
    const edit = api().of("editMessageText")[0]?.payload;
    expect(edit).toMatchObject({ chat_id: world.f.users.headA.id, message_id: 77 });
    expect(edit?.text).toContain("Cause: workload, understaffing — Hai cán bộ nghỉ phép");
    expect(buttonsOf(edit?.reply_markup).map((b) => b.text)).toContain("📝 Change cause");
    // The form has ended: a later text is not taken as a detail.
    await say("headA", "something else");
    expect(await db().causeReport.count({ where: { dossierId: dossier.id } })).toBe(1);
  });

  it("requires a detail for 'other' (no Skip) and leaves on Cancel, recording nothing", async () => {
    const dossier = await freshDossier();
    await press("officerA", `dxc:${dossier.id}:6:2025-03:all:0`);
    const prompt = api().of("sendMessage").at(-1)?.payload;
    expect(buttonsOf(prompt?.reply_markup).map((b) => b.callback_data)).toEqual(["dxq"]);
    await press("officerA", "dxs");
    await press("officerA", "dxq");
    expect(api().lastText()).toBe("Cancelled. Nothing was recorded.");
    expect(await db().causeReport.count({ where: { dossierId: dossier.id } })).toBe(0);
  });

  it("collects an apology step by step, asking again with the reason at every step, then records it", async () => {
    const dossier = await freshDossier();
    await press("headA", act("apology", dossier.id));
    expect(api().texts().at(-2)).toContain("Apology letter for");
    expect(api().lastText()).toContain("1/6 The letter's number");
    await say("headA", "1".repeat(51));
    expect(api().lastText()).toContain("⚠️ Too long. Please try again.");
    await say("headA", "12/PXL");
    expect(api().lastText()).toContain("2/6");
    await say("headA", "31/02/2025");
    expect(api().lastText()).toContain("Not a date");
    await say("headA", "01/03/2025");
    expect(api().lastText()).toContain("before the dossier was received (03 Mar 2025)");
    await say("headA", "01/01/2099");
    expect(api().lastText()).toContain("The letter's date is in the future.");
    await say("headA", "05/03/2025");
    expect(api().lastText()).toContain("3/6");
    await say("headA", "KT. Giám đốc - Phó Giám đốc Trần B");
    expect(api().lastText()).toContain("4/6");
    await say("headA", "pigeon");
    expect(api().lastText()).toContain("Choose one of the buttons.");
    await press("headA", "dxf:PORTAL");
    expect(api().lastText()).toContain("5/6");
    await say("headA", "10/03/2025");
    expect(api().lastText()).toContain("must be after the due date (10 Mar 2025)");
    await say("headA", "20/03/2025");
    expect(api().lastText()).toContain("6/6");
    await say("headA", "here is no photo");
    expect(api().lastText()).toContain("Send a photo or a PDF/image document, or press Skip.");
    await press("headA", "dxs");
    const summary = api().lastText();
    expect(summary).toContain("Number: 12/PXL");
    expect(summary).toContain("Signed by: Giám đốc - Phó Giám đốc Trần B (KT., for the head)");
    expect(summary).toContain("Sent: on the portal");
    expect(summary).toContain("Copy of the letter: none");
    await press("headA", "dxo");
    expect(api().texts()).toContain("Apology letter recorded.");
    expect(api().of("editMessageText").at(-1)?.payload.text).toContain(
      "Apology letter: no. 12/PXL of 05 Mar 2025",
    );
    const record = await db().apologyRecord.findUniqueOrThrow({ where: { dossierId: dossier.id } });
    expect(record).toMatchObject({
      signerName: "Giám đốc",
      signerTitle: "Phó Giám đốc Trần B",
      signerCapacity: "DEPUTY",
      form: "PORTAL",
      scanKind: null,
    });
    // An old Confirm pressed again records nothing twice.
    await press("headA", "dxo");
    expect(await db().apologyRecord.count({ where: { dossierId: dossier.id } })).toBe(1);
  });

  it("takes the one-line form and a photo, kept by file id, size and hash; Cancel at the summary records nothing", async () => {
    const dossier = await freshDossier();
    await press("officerA", act("apology", dossier.id));
    await say("officerA", "12/PXL; 05/03/2025; Nguyễn Văn A - Giám đốc; fax; 20/03/2025");
    expect(api().lastText()).toContain("In the one-line form, how it was sent: Choose one of the buttons.");
    await say("officerA", "12/PXL; 05/03/2025; Nguyễn Văn A - Giám đốc; giấy; 20/03/2025");
    expect(api().lastText()).toContain("6/6");
    await harness.send(photoUpdate(world.f.users.officerA, "AgAD-letter", 48_213));
    expect(api().lastText()).toContain("Copy of the letter: a photo");
    await press("officerA", "dxq");
    expect(api().lastText()).toBe("Cancelled. Nothing was recorded.");
    expect(await db().apologyRecord.count({ where: { dossierId: dossier.id } })).toBe(0);

    await press("officerA", act("apology", dossier.id));
    await say("officerA", "12/PXL; 05/03/2025; Nguyễn Văn A - Giám đốc; giấy; 20/03/2025");
    await harness.send(photoUpdate(world.f.users.officerA, "AgAD-letter", 48_213));
    await press("officerA", "dxo");
    expect(downloads).toEqual(["AgAD-letter"]);
    expect(await db().apologyRecord.findUniqueOrThrow({ where: { dossierId: dossier.id } })).toMatchObject({
      letterNumber: "12/PXL",
      signerName: "Nguyễn Văn A",
      signerTitle: "Giám đốc",
      form: "PAPER",
      scanKind: "PHOTO",
      scanTelegramFileId: "AgAD-letter",
      scanSizeBytes: 48_213,
      scanSha256: sha256Hex(SCAN),
    });
  });

  it("starts and ends the wait for the applicant; an old End wait button is refused with the reason", async () => {
    const dossier = await freshDossier();
    await press("officerA", act("pause", dossier.id));
    expect(api().lastText()).toContain("what is awaited");
    await say("officerA", "   ");
    expect(api().lastText()).toContain("Write what is awaited from the applicant.");
    await say("officerA", "Giấy xác nhận cư trú");
    const card = api().of("editMessageText").at(-1)?.payload;
    expect(card?.text).toContain("⏸ Waiting for the applicant since");
    expect(buttonsOf(card?.reply_markup).map((b) => b.text)).toContain("▶️ End wait");
    await press("officerA", act("endPause", dossier.id));
    expect(lastAnswer()).toMatchObject({ text: "The wait has ended: the clock runs again." });
    await press("officerA", act("endPause", dossier.id));
    expect(api().alerts().at(-1)).toBe("This dossier is not waiting for the applicant.");
    expect(await db().slaPause.count({ where: { dossierId: dossier.id } })).toBe(1);
  });

  it("gives one cause to the dossiers marked on the list", async () => {
    const [first, second] = [await freshDossier(), await freshDossier()];
    const unit = world.f.unitA.id;
    await press("headA", `ovl:${unit}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.callback_data)).toContain(
      `dxl:${unit}:2025-03:all:0`,
    );
    await press("headA", `dxb:${unit}:marked:2025-03:all:0`);
    expect(api().alerts().at(-1)).toBe("Mark at least one dossier first.");
    await press("headA", `dxt:${first.id}:${unit}:2025-03:all:0`);
    await press("headA", `dxt:${second.id}:${unit}:2025-03:all:0`);
    expect(lastEdit()?.text).toContain("(2 marked)");
    await press("headA", `dxb:${unit}:marked:2025-03:all:0`);
    expect(lastEdit()?.text).toContain("One cause for the 2 marked dossier(s)");
    await press("headA", `dxk:${unit}:marked:1:2025-03:all:0`);
    await press("headA", "dxs");
    expect(api().lastText()).toBe("Cause recorded for 2 dossier(s); 0 already had it.");
    const causes = await db().causeReport.findMany({ where: { dossierId: { in: [first.id, second.id] } } });
    expect(causes.map((c) => c.category)).toEqual(["WAITING_FOR_OTHER_AGENCY", "WAITING_FOR_OTHER_AGENCY"]);
    await press("headB", `dxk:${unit}:missing:1:2025-03:all:0`);
    expect(api().alerts().at(-1)).toBe("You may not answer for this dossier.");
  });

  it("ends a form left half-way when another starts: the text goes to the newest", async () => {
    const dossier = await freshDossier();
    await press("headA", act("apology", dossier.id));
    await press("headA", `dxc:${dossier.id}:3:2025-03:all:0`);
    await say("headA", "Cán bộ mới");
    expect(api().texts()).toContain("Cause recorded.");
    expect(await db().apologyRecord.count({ where: { dossierId: dossier.id } })).toBe(0);
    expect(await db().causeReport.findFirst({ where: { dossierId: dossier.id } })).toMatchObject({
      category: "STAFF_SLOW_OR_UNFAMILIAR",
      detail: "Cán bộ mới",
    });
  });

  it("lets a Center admin change the return date in a form, asking again for a date not after the due date", async () => {
    const dossier = await freshDossier();
    await press("headA", act("apology", dossier.id));
    await say("headA", "7/PXL; 05/03/2025; Nguyễn Văn A - Giám đốc; sms; 20/03/2025");
    await press("headA", "dxs");
    await press("headA", "dxo");
    await press("headA", `ovd:${dossier.id}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.text)).not.toContain("📅 Change return date");
    await press("headA", act("date", dossier.id));
    expect(api().alerts().at(-1)).toBe("Only a Center admin may do this.");

    await press("admin", `ovd:${dossier.id}:2025-03:all:0`);
    expect(buttonsOf(lastEdit()?.reply_markup).map((b) => b.text)).toEqual([
      "📅 Change return date",
      "⬅️ Back to the list",
    ]);
    await press("admin", act("date", dossier.id));
    expect(api().lastText()).toContain("now 20 Mar 2025");
    await say("admin", "09/03/2025");
    expect(api().lastText()).toContain("The new return date must be after the original due date.");
    await say("admin", "25/03/2025");
    expect(api().texts()).toContain("New return date recorded.");
    const record = await db().apologyRecord.findUniqueOrThrow({ where: { dossierId: dossier.id } });
    expect(record.newAppointmentOn).toEqual(new Date("2025-03-25T00:00:00Z"));
    expect(record.appointmentChangedById).toBe(world.f.personIds.admin);
  });
});
