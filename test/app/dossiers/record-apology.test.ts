import { expect, it } from "vitest";
import { changeAppointment } from "../../../src/app/dossiers/change-appointment.js";
import { recordApology } from "../../../src/app/dossiers/record-apology.js";
import type { ApologyInput } from "../../../src/domain/dossier-answers.js";
import { auditActions, buildDossierWorld, HANOI } from "../../support/dossier-world.js";
import { describeDatabase } from "../../support/test-database.js";

// The dossier was received 03/03/2025 and due 10/03/2025; today is 11/04/2025.
const LETTER: ApologyInput = {
  letterNumber: "12/PXL",
  issuedOn: "2025-04-05",
  signerName: "Nguyễn Văn A",
  signerTitle: "Phó Chủ tịch",
  signerCapacity: "DEPUTY",
  form: "PORTAL",
  newAppointmentOn: "2025-04-20",
  scan: { kind: "PHOTO", telegramFileId: "AgAD-photo", sizeBytes: 48_213, sha256: "ab".repeat(32) },
};

describeDatabase("recordApology and changeAppointment", (database) => {
  it("records the letter with its scan, once; a second record is refused", async () => {
    const w = await buildDossierWorld(database().prisma);
    const input = { actor: w.officer, dossierId: w.dossier.id, timeZone: HANOI, apology: LETTER };
    expect(await recordApology(w.app, input)).toMatchObject({ kind: "done" });
    expect(await recordApology(w.app, input)).toEqual({ kind: "refused", reason: "apologyAlreadyRecorded" });
    const record = await w.db.apologyRecord.findUniqueOrThrow({ where: { dossierId: w.dossier.id } });
    expect(record).toMatchObject({
      letterNumber: "12/PXL",
      issuedOn: new Date("2025-04-05T00:00:00Z"),
      signerName: "Nguyễn Văn A",
      signerTitle: "Phó Chủ tịch",
      signerCapacity: "DEPUTY",
      form: "PORTAL",
      newAppointmentOn: new Date("2025-04-20T00:00:00Z"),
      scanKind: "PHOTO",
      scanTelegramFileId: "AgAD-photo",
      scanSizeBytes: 48_213,
      scanSha256: "ab".repeat(32),
      recordedById: w.officer.personId,
    });
    expect(await auditActions(w.db, w.dossier.id)).toEqual(["dossier.apologyRecorded"]);
  });

  it("refuses each wrong date: issued in the future or before receipt, new date not after the due date", async () => {
    const w = await buildDossierWorld(database().prisma);
    const attempt = (change: Partial<ApologyInput>) =>
      recordApology(w.app, {
        actor: w.head,
        dossierId: w.dossier.id,
        timeZone: HANOI,
        apology: { ...LETTER, ...change },
      });
    expect(await attempt({ issuedOn: "2025-04-12" })).toEqual({ kind: "refused", reason: "issuedInFuture" });
    expect(await attempt({ issuedOn: "2025-03-02" })).toEqual({
      kind: "refused",
      reason: "issuedBeforeReceived",
    });
    expect(await attempt({ newAppointmentOn: "2025-03-10" })).toEqual({
      kind: "refused",
      reason: "appointmentNotAfterDue",
    });
    expect(await w.db.apologyRecord.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });

  it("forbids another unit's head and a viewer; an admin may not record the unit's letter", async () => {
    const w = await buildDossierWorld(database().prisma);
    for (const actor of [w.otherHead, w.viewer, w.admin])
      expect(
        await recordApology(w.app, { actor, dossierId: w.dossier.id, timeZone: HANOI, apology: LETTER }),
      ).toEqual({
        kind: "forbidden",
      });
  });

  it("lets only a Center admin change the new date, logged with the date it replaced", async () => {
    const w = await buildDossierWorld(database().prisma);
    const change = (actor: typeof w.head, newAppointmentOn: string) =>
      changeAppointment(w.app, { actor, dossierId: w.dossier.id, timeZone: HANOI, newAppointmentOn });
    expect(await change(w.admin, "2025-04-25")).toEqual({ kind: "refused", reason: "noApologyYet" });
    await recordApology(w.app, { actor: w.head, dossierId: w.dossier.id, timeZone: HANOI, apology: LETTER });
    expect(await change(w.head, "2025-04-25")).toEqual({ kind: "refused", reason: "adminOnly" });
    expect(await change(w.otherHead, "2025-04-25")).toEqual({ kind: "forbidden" });
    expect(await change(w.viewer, "2025-04-25")).toEqual({ kind: "forbidden" });
    expect(await change(w.admin, "2025-03-09")).toEqual({
      kind: "refused",
      reason: "appointmentNotAfterDue",
    });
    expect(await change(w.admin, "2025-04-25")).toMatchObject({ kind: "done" });
    expect(await change(w.admin, "2025-04-25")).toEqual({ kind: "refused", reason: "unchanged" });
    const record = await w.db.apologyRecord.findUniqueOrThrow({ where: { dossierId: w.dossier.id } });
    expect(record.newAppointmentOn).toEqual(new Date("2025-04-25T00:00:00Z"));
    expect(record.appointmentChangedById).toBe(w.admin.personId);
    const event = await w.db.auditEvent.findFirstOrThrow({
      where: { dossierId: w.dossier.id, action: "dossier.appointmentChanged" },
    });
    expect([event.before, event.after]).toEqual([
      { newAppointmentOn: "2025-04-20" },
      { newAppointmentOn: "2025-04-25" },
    ]);
  });
});
