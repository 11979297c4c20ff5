import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { receiveUpload } from "../../../src/app/imports/receive-upload.js";
import { sha256Hex } from "../../../src/domain/sha256.js";
import { describeDatabase } from "../../support/test-database.js";
import { dossierList, personWith, settings, unitAndOfficer } from "./fixtures.js";

describeDatabase("receiving a file sent to the bot", (database) => {
  const receive = (actor: Awaited<ReturnType<typeof personWith>>, file: ReturnType<typeof dossierList>) =>
    receiveUpload(appContext(database().prisma), {
      actor,
      chatId: 4242,
      telegramFileId: `telegram-${file.fileName}`,
      file,
      stated: { period: { year: 2025, month: 3 } },
      settings,
    });

  it("keeps a file that nothing stops waiting for its uploader, with the preview's report", async () => {
    const db = database().prisma;
    await unitAndOfficer(db);
    const admin = await personWith(db, "CENTER_ADMIN");
    const file = dossierList("R-OK-1");
    const outcome = await receive(admin, file);
    if (outcome.kind !== "awaitingConfirmation") throw new Error(`not kept: ${outcome.kind}`);
    expect(outcome.report).toMatchObject({ ok: true, committed: false });
    expect(outcome.report.files[0]?.dossiers).toMatchObject({ new: 1 });
    const pending = await db.pendingImport.findUniqueOrThrow({ where: { id: outcome.pendingImportId } });
    expect(pending).toMatchObject({
      uploaderId: admin.personId,
      chatId: 4242n,
      telegramFileId: "telegram-R-OK-1.csv",
      fileName: "R-OK-1.csv",
      fileSha256: sha256Hex(file.bytes),
      options: { period: { year: 2025, month: 3 } },
      status: "PENDING",
    });
    expect(await db.dossier.count({ where: { code: "R-OK-1" } })).toBe(0);
  });

  it("refuses a file with errors and keeps nothing", async () => {
    const db = database().prisma;
    await unitAndOfficer(db);
    const admin = await personWith(db, "CENTER_ADMIN");
    const outcome = await receive(admin, dossierList("R-BAD-1", "R-BAD-1.csv", "01/03/2025"));
    expect(outcome).toMatchObject({ kind: "refused", report: { ok: false, errorCount: 1 } });
    expect(await db.pendingImport.count({ where: { fileName: "R-BAD-1.csv" } })).toBe(0);
  });

  it("refuses anyone but a Center admin", async () => {
    const db = database().prisma;
    const officer = await unitAndOfficer(db);
    expect(await receive(officer, dossierList("R-OFFICER-1"))).toEqual({ kind: "forbidden" });
    expect(await db.pendingImport.count({ where: { fileName: "R-OFFICER-1.csv" } })).toBe(0);
  });
});
