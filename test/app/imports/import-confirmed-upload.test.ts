import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { confirmPendingImport } from "../../../src/app/imports/confirm-pending-import.js";
import { importConfirmedUpload } from "../../../src/app/imports/import-confirmed-upload.js";
import { receiveUpload } from "../../../src/app/imports/receive-upload.js";
import { VN_CALENDAR_DAYS } from "../../../src/domain/calendar-data/index.js";
import type { Actor } from "../../../src/domain/policy.js";
import { CalendarRepository } from "../../../src/repositories/calendar.js";
import { describeDatabase } from "../../support/test-database.js";
import { dossierList, personWith, settings, unitAndOfficer } from "./fixtures.js";

describeDatabase("importing a confirmed upload", (database) => {
  /** An admin's file, received and confirmed, as the bot leaves it before importing. */
  const confirmedUpload = async (code: string) => {
    const db = database().prisma;
    const app = appContext(db);
    await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
    await unitAndOfficer(db);
    const admin = await personWith(db, "CENTER_ADMIN");
    const file = dossierList(code);
    const received = await receiveUpload(app, {
      actor: admin,
      chatId: 4242,
      telegramFileId: `telegram-${code}`,
      file,
      stated: {},
      settings,
    });
    if (received.kind !== "awaitingConfirmation") throw new Error(`not received: ${received.kind}`);
    const confirmed = await confirmPendingImport(app, {
      actor: admin,
      pendingImportId: received.pendingImportId,
    });
    if (confirmed.kind !== "confirmed") throw new Error(`not confirmed: ${confirmed.kind}`);
    return { app, admin, file, pending: confirmed.pending };
  };
  const pendingRow = (id: number) => database().prisma.pendingImport.findUniqueOrThrow({ where: { id } });

  it("imports the file fetched again and links the request to its import batch", async () => {
    const { app, admin, file, pending } = await confirmedUpload("C-OK-1");
    const fetched: string[] = [];
    const outcome = await importConfirmedUpload(app, {
      actor: admin,
      pending,
      settings,
      fetch: async (fileId) => {
        fetched.push(fileId);
        return file.bytes;
      },
    });
    if (outcome.kind !== "imported") throw new Error(`not imported: ${outcome.kind}`);
    expect(fetched).toEqual(["telegram-C-OK-1"]);
    expect(outcome.report.files[0]?.result).toMatchObject({ created: 1 });
    expect(await pendingRow(pending.id)).toMatchObject({
      status: "CONFIRMED",
      importBatchId: outcome.importBatchId,
    });
    const batch = await database().prisma.importBatch.findUniqueOrThrow({
      where: { id: outcome.importBatchId },
    });
    expect(batch).toMatchObject({ source: "BOT", fileName: "C-OK-1.csv", importedById: admin.personId });
  });

  it("marks the request failed when the file refetched is refused, writing nothing", async () => {
    const { app, admin, pending } = await confirmedUpload("C-REFUSED-1");
    const broken = dossierList("C-REFUSED-1", "C-REFUSED-1.csv", "01/03/2025");
    const batches = await database().prisma.importBatch.count();
    const outcome = await importConfirmedUpload(app, {
      actor: admin,
      pending,
      settings,
      fetch: async () => broken.bytes,
    });
    expect(outcome).toMatchObject({ kind: "refused", report: { committed: false, errorCount: 1 } });
    expect(await pendingRow(pending.id)).toMatchObject({ status: "FAILED", importBatchId: null });
    expect(await database().prisma.importBatch.count()).toBe(batches);
  });

  it("marks the request failed when the file cannot be fetched, and lets the failure through", async () => {
    const { app, admin, pending } = await confirmedUpload("C-GONE-1");
    const failure = importConfirmedUpload(app, {
      actor: admin,
      pending,
      settings,
      fetch: async () => {
        throw new Error("Telegram says no");
      },
    });
    await expect(failure).rejects.toThrow("Telegram says no");
    expect(await pendingRow(pending.id)).toMatchObject({ status: "FAILED" });
  });

  it("refuses an actor who may not import", async () => {
    const { app, pending } = await confirmedUpload("C-OFFICER-1");
    const officer: Actor = await unitAndOfficer(database().prisma);
    const outcome = await importConfirmedUpload(app, {
      actor: officer,
      pending,
      settings,
      fetch: async () => {
        throw new Error("never fetched");
      },
    });
    expect(outcome).toEqual({ kind: "forbidden" });
    expect(await pendingRow(pending.id)).toMatchObject({ status: "CONFIRMED", importBatchId: null });
  });
});
