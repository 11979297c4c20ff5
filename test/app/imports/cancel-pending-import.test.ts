import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { cancelPendingImport } from "../../../src/app/imports/cancel-pending-import.js";
import { confirmPendingImport } from "../../../src/app/imports/confirm-pending-import.js";
import { describeDatabase } from "../../support/test-database.js";
import { personWith, unitAndOfficer } from "./fixtures.js";

describeDatabase("cancelling a pending upload", (database) => {
  it("cancels once, for its uploader only, and then it cannot be confirmed", async () => {
    const db = database().prisma;
    const app = appContext(db, () => new Date("2025-04-12T03:00:00Z"));
    const admin = await personWith(db, "CENTER_ADMIN");
    const officer = await unitAndOfficer(db);
    const { id } = await db.pendingImport.create({
      data: {
        uploaderId: admin.personId,
        chatId: 4242n,
        telegramFileId: "telegram-cancel.csv",
        fileName: "cancel.csv",
        fileSha256: "0".repeat(64),
        options: {},
      },
    });

    expect(await cancelPendingImport(app, { actor: officer, pendingImportId: id })).toEqual({
      kind: "forbidden",
    });
    expect(await cancelPendingImport(app, { actor: admin, pendingImportId: id })).toMatchObject({
      kind: "cancelled",
      pending: { id, fileName: "cancel.csv" },
    });
    expect(await cancelPendingImport(app, { actor: admin, pendingImportId: id })).toEqual({
      kind: "alreadyDecided",
    });
    expect(await confirmPendingImport(app, { actor: admin, pendingImportId: id })).toEqual({
      kind: "alreadyDecided",
    });
    const pending = await db.pendingImport.findUniqueOrThrow({ where: { id } });
    expect(pending).toMatchObject({ status: "CANCELLED", decidedAt: new Date("2025-04-12T03:00:00Z") });
    const audit = await db.auditEvent.findMany({
      where: { entityType: "PendingImport", entityId: String(id) },
    });
    expect(audit.map((event) => event.action)).toEqual(["import.cancelled"]);
  });
});
