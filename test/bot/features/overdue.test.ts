import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useAccessWorld } from "../../support/access-fixture.js";
import {
  addScore,
  createSnapshot,
  createUnit,
  listDossier,
  recordCause,
} from "../../support/monthly-data.js";
import { callbackUpdate, type RecordedCall, textUpdate } from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
const buttonsOf = (markup: unknown) => (markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];

const GROUP = { id: -100_913, title: "Cán bộ phường A" };

/** The .xlsx inside a recorded multipart upload: from the zip's first header to its end record. */
function uploadedXlsx(call: RecordedCall): Buffer {
  const bytes = call.payload.multipartBytes;
  if (!Buffer.isBuffer(bytes)) throw new Error("not a multipart upload");
  const start = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (start < 0 || end < 0) throw new Error("no zip in the upload");
  return bytes.subarray(start, end + 22);
}

describe(`/score and /overdue on ${databaseLabel()}`, () => {
  const world = useAccessWorld();
  const send = (...args: Parameters<typeof world.harness.send>) => world.harness.send(...args);
  const api = () => world.harness.api;
  const page = (filter: string, number: number) => `ovl:${world.f.unitA.id}:2025-03:${filter}:${number}`;

  beforeAll(async () => {
    const db = world.database.prisma;
    // Unit A's list gets twelve more dossiers (thirteen: two pages), one with a cause.
    const snapshot = await db.periodSnapshot.findFirstOrThrow({ where: { kind: "OVERDUE_DOSSIERS" } });
    for (let n = 1; n <= 12; n++) {
      const dossier = await listDossier(db, snapshot, world.f.unitA.id, {
        daysOverdue: n,
        code: `A-EXTRA-${String(n).padStart(2, "0")}`,
        applicantName: "Trần Thị Bình",
      });
      if (n === 12) await recordCause(db, dossier.id);
    }
    const city = await createUnit(db, { kind: "PROVINCE", name: "Thành phố Thử Nghiệm" });
    const scores = await createSnapshot(db, {
      year: 2025,
      month: 3,
      kind: "UNIT_SCORES",
      asOf: new Date("2025-04-11T04:00:00Z"),
    });
    await addScore(db, scores.id, world.f.unitA.id, "58.30", {
      publicity: "8.30",
      progress: "15.20",
      onlineService: "3.10",
      onlinePayment: "4.70",
      satisfaction: "16.90",
    });
    await addScore(db, scores.id, world.f.unitB.id, "61.00");
    await addScore(db, scores.id, city.id, "60.00", { rank: 60, rankOutOf: 63 });
  });
  beforeEach(() => api().reset());

  it("gives a unit head their unit's score card", async () => {
    await send(textUpdate(world.f.users.headA, "/score"));
    const text = api().lastText();
    expect(text).toContain("<b>Phường Thử Nghiệm A</b>");
    expect(text).toContain("Total: <b>58.3</b>/100");
    expect(text).toContain("No figure for the previous month to compare with.");
    expect(text).toContain("Rank: 2/2 among communes and wards; 2/2 among the city's units");
    expect(text).toContain("Whole city: 60.0 points, ranked 60/63 nationally");
    expect(text).toContain("• Digitisation of dossiers: no figure (maximum 22)");
  });

  it("lets a unit head page the list, filter it, open a dossier and go back", async () => {
    const { unitA, dossierA } = world.f;
    await send(textUpdate(world.f.users.headA, "/overdue"));
    const summary = api().of("sendMessage")[0]?.payload;
    expect(summary?.text).toContain("Overdue: <b>13</b> dossier(s)");
    expect(summary?.text).toContain("• No cause reported yet: <b>12</b>");
    expect(summary?.text).toContain(`Longest overdue: <code>${dossierA.code}</code>, 12 day(s)`);
    expect(buttonsOf(summary?.reply_markup).map((button) => button.callback_data)).toEqual([
      page("all", 0),
      page("missingCause", 0),
      page("missingApology", 0),
      page("unresolved", 0),
      `ovx:${unitA.id}:2025-03`,
    ]);

    await send(callbackUpdate(world.f.users.headA, page("all", 0)));
    const first = api().of("editMessageText").at(-1)?.payload;
    expect(first?.text).toContain("All: 13 dossier(s), page 1/2");
    expect(first?.text).toContain(`1. <code>${dossierA.code}</code> — 12 day(s) overdue`);
    const firstButtons = buttonsOf(first?.reply_markup);
    expect(firstButtons.slice(0, 10).map((button) => button.text)).toEqual(
      Array.from({ length: 10 }, (_, index) => String(index + 1)),
    );
    expect(firstButtons[0]?.callback_data).toBe(`ovd:${dossierA.id}:2025-03:all:0`);
    expect(firstButtons.map((button) => button.text)).toContain("Next ▶️");
    expect(firstButtons.map((button) => button.text)).not.toContain("◀️ Previous");

    await send(callbackUpdate(world.f.users.headA, page("all", 1)));
    const second = api().of("editMessageText").at(-1)?.payload;
    expect(second?.text).toContain("page 2/2");
    expect(second?.text).toContain("13. <code>A-EXTRA-01</code>");
    expect(buttonsOf(second?.reply_markup).map((button) => button.text)).toContain("◀️ Previous");

    await send(callbackUpdate(world.f.users.headA, page("missingCause", 0)));
    const filtered = api().lastText();
    expect(filtered).toContain("No cause: 12 dossier(s), page 1/2");
    expect(filtered).not.toContain("A-EXTRA-12");

    await send(callbackUpdate(world.f.users.headA, `ovd:${dossierA.id}:2025-03:missingCause:1`));
    const card = api().of("editMessageText").at(-1)?.payload;
    expect(card?.text).toContain(`Dossier <code>${dossierA.code}</code>`);
    expect(card?.text).toContain("Applicant: Nguyễn Văn An");
    expect(card?.text).toContain("Cause: ❌ not reported yet");
    // The unit head's answers (src/bot/features/dossier-actions.ts), then the way back.
    expect(buttonsOf(card?.reply_markup).map((button) => button.callback_data)).toEqual([
      `dxa:cause:${dossierA.id}:2025-03:missingCause:1`,
      `dxa:apology:${dossierA.id}:2025-03:missingCause:1`,
      `dxa:resolve:${dossierA.id}:2025-03:missingCause:1`,
      `dxa:pause:${dossierA.id}:2025-03:missingCause:1`,
      page("missingCause", 1),
    ]);
    expect(api().alerts()).toEqual([]);
  });

  it("sends the unit's whole list as an .xlsx file", async () => {
    await send(callbackUpdate(world.f.users.headA, `ovx:${world.f.unitA.id}:2025-03`));
    const upload = api().of("sendDocument")[0];
    if (!upload) throw new Error("no document sent");
    expect(String(upload.payload.multipart)).toContain("filename=overdue-dossiers-2025-03-A.xlsx");
    expect(String(upload.payload.multipart)).toContain(
      "📥 Overdue dossiers of Phường Thử Nghiệm A, March 2025 (13 dossier(s), as of 11 Apr 2025, 11:00).",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(uploadedXlsx(upload) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Overdue dossiers");
    expect(sheet?.rowCount).toBe(14);
    expect(sheet?.getRow(2).getCell(2).value).toBe(world.f.dossierA.code);
    expect(sheet?.getRow(2).getCell(5).value).toBe("Nguyễn Văn An");
    expect(sheet?.getRow(2).getCell(8).value).toBe(12);
  });

  it("refuses another unit's officer, by command and by button, and shows nothing", async () => {
    const officerB = world.f.users.officerB;
    await send(textUpdate(officerB, `/overdue ${world.f.unitA.code}`));
    expect(api().lastText()).toBe("You may not see this unit's figures.");
    await send(textUpdate(officerB, `/score ${world.f.unitA.code}`));
    expect(api().lastText()).toBe("You may not see this unit's figures.");
    api().reset();
    for (const data of [
      page("all", 0),
      `ovs:${world.f.unitA.id}:2025-03`,
      `ovd:${world.f.dossierA.id}:2025-03:all:0`,
      `ovx:${world.f.unitA.id}:2025-03`,
      `scs:${world.f.unitA.id}:2025-03`,
    ]) {
      await send(callbackUpdate(officerB, data));
    }
    expect(api().alerts()).toEqual(Array(5).fill("You may not see this unit's figures."));
    expect(api().of("editMessageText")).toEqual([]);
    expect(api().of("sendDocument")).toEqual([]);
  });

  it("answers forged and stale buttons with a refusal, nothing else", async () => {
    const unit = world.f.unitA.id;
    const forged = [
      "ovl:abc",
      `ovl:${unit}:2025-13:all:0`,
      `ovl:${unit}:2025-03:everything:0`,
      `ovl:${unit}:2025-03:all:-1`,
      "ovd:999999:2025-03:all:0",
      `ovx:${unit}:2025-03:extra`,
      "ovs:999999:2025-03",
      `ovs:${unit}:2024-01`,
    ];
    for (const data of forged) await send(callbackUpdate(world.f.users.headA, data));
    expect(api().alerts()).toHaveLength(forged.length);
    expect(api().alerts()).toContain("No overdue list for January 2024.");
    expect(api().of("editMessageText")).toEqual([]);
    expect(api().of("sendMessage")).toEqual([]);
  });

  it("lets a People's Committee viewer name a unit, and masks applicants for them", async () => {
    const viewer = world.f.users.viewer;
    await send(textUpdate(viewer, "/overdue"));
    expect(api().lastText()).toContain("Send <code>/overdue</code> with a unit's code or name");
    await send(textUpdate(viewer, `/overdue ${world.f.unitA.code} 03/2025`));
    expect(api().lastText()).toContain("Overdue: <b>13</b> dossier(s)");
    await send(callbackUpdate(viewer, `ovd:${world.f.dossierA.id}:2025-03:all:0`));
    expect(api().lastText()).toContain("Applicant: N*** V** A*");
    expect(api().lastText()).not.toContain("Nguyễn Văn An");
    await send(callbackUpdate(viewer, `ovx:${world.f.unitA.id}:2025-03`));
    const upload = api().of("sendDocument")[0];
    if (!upload) throw new Error("no document sent");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(uploadedXlsx(upload) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Overdue dossiers")?.getRow(2).getCell(5).value).toBe("N*** V** A*");
  });

  it("lets an admin pick among units a name matches, and says when a month has no figures", async () => {
    const admin = world.f.users.admin;
    await send(textUpdate(admin, "/score Phường Thử Nghiệm"));
    const pick = api().of("sendMessage")[0]?.payload;
    expect(pick?.text).toBe("Choose a unit:");
    const choices = buttonsOf(pick?.reply_markup);
    expect(choices.map((button) => button.text)).toEqual(["Phường Thử Nghiệm A", "Phường Thử Nghiệm B"]);
    await send(callbackUpdate(admin, choices[1]?.callback_data ?? ""));
    expect(api().lastText()).toContain("Total: <b>61.0</b>/100");
    await send(textUpdate(admin, `/score ${world.f.unitB.code} 2025-02`));
    expect(api().lastText()).toBe("No score sheet for February 2025.");
    await send(textUpdate(admin, "/overdue Nowhere At All"));
    expect(api().lastText()).toBe("No such unit.");
  });

  it("shows a bound group its unit's list with applicants masked, and no other unit's", async () => {
    await world.database.prisma.chatBinding.create({
      data: { chatId: BigInt(GROUP.id), title: GROUP.title, unitId: world.f.unitA.id },
    });
    await send(textUpdate(world.f.users.officerA, "/overdue", GROUP));
    expect(api().lastText()).toContain("Overdue: <b>13</b> dossier(s)");
    await send(
      callbackUpdate(world.f.users.headA, `ovd:${world.f.dossierA.id}:2025-03:all:0`, undefined, GROUP),
    );
    expect(api().lastText()).toContain("Applicant: N*** V** A*");
    api().reset();
    await send(textUpdate(world.f.users.admin, `/overdue ${world.f.unitB.code}`, GROUP));
    expect(api().lastText()).toBe("You may not see this unit's figures.");
    await send(
      callbackUpdate(world.f.users.headB, `ovd:${world.f.dossierB.id}:2025-03:all:0`, undefined, GROUP),
    );
    expect(api().alerts()).toEqual(["You may not see this unit's figures."]);
  });
});
