import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { confirmPendingImport } from "../../../src/app/imports/confirm-pending-import.js";
import type { Actor } from "../../../src/domain/policy.js";
import { describeDatabase } from "../../support/test-database.js";
import { personWith, unitAndOfficer } from "./fixtures.js";

describeDatabase("confirming a pending upload", (database) => {
  /** A request of `uploader`'s, as receiveUpload leaves it. */
  const pendingOf = async (uploader: Actor, fileName: string) => {
    const created = await database().prisma.pendingImport.create({
      data: {
        uploaderId: uploader.personId,
        chatId: 4242n,
        telegramFileId: `telegram-${fileName}`,
        fileName,
        fileSha256: "0".repeat(64),
        options: {},
      },
    });
    return created.id;
  };
  const confirm = (actor: Actor, pendingImportId: number) =>
    confirmPendingImport(appContext(database().prisma), { actor, pendingImportId });
  const statusOf = async (id: number) =>
    (await database().prisma.pendingImport.findUniqueOrThrow({ where: { id } })).status;

  it("confirms once: a second press finds it decided, and one audit event says so", async () => {
    const db = database().prisma;
    const admin = await personWith(db, "CENTER_ADMIN");
    const id = await pendingOf(admin, "twice.csv");

    const first = await confirm(admin, id);
    expect(first).toMatchObject({
      kind: "confirmed",
      pending: {
        id,
        uploaderId: admin.personId,
        fileName: "twice.csv",
        telegramFileId: "telegram-twice.csv",
      },
    });
    expect(await confirm(admin, id)).toEqual({ kind: "alreadyDecided" });
    expect(await statusOf(id)).toBe("CONFIRMED");
    const audit = await db.auditEvent.findMany({
      where: { entityType: "PendingImport", entityId: String(id) },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "import.confirmed",
        actorId: admin.personId,
        after: { status: "CONFIRMED", fileName: "twice.csv" },
      }),
    ]);
  });

  it("lets only one of two presses at once confirm", async () => {
    const admin = await personWith(database().prisma, "CENTER_ADMIN");
    const id = await pendingOf(admin, "at-once.csv");
    const outcomes = await Promise.all([confirm(admin, id), confirm(admin, id)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["alreadyDecided", "confirmed"]);
  });

  it("refuses an actor who may not import, another admin's press and a request that does not exist", async () => {
    const db = database().prisma;
    const admin = await personWith(db, "CENTER_ADMIN");
    const otherAdmin = await personWith(db, "CENTER_ADMIN");
    const officer = await unitAndOfficer(db);
    const id = await pendingOf(admin, "not-theirs.csv");

    expect(await confirm(officer, id)).toEqual({ kind: "forbidden" });
    expect(await confirm(otherAdmin, id)).toEqual({ kind: "notYours" });
    expect(await confirm(admin, 999_999)).toEqual({ kind: "gone" });
    expect(await statusOf(id)).toBe("PENDING");
    expect(await db.auditEvent.count({ where: { entityType: "PendingImport", entityId: String(id) } })).toBe(
      0,
    );
  });
});
