import { describe, expect, it } from "vitest";
import {
  type DossierFacts,
  type DossierStep,
  decideStep,
  missingAnswers,
  type StepActor,
  stageOf,
} from "../../src/domain/dossier-life.js";

const base: DossierFacts = {
  receivedOn: "2025-03-03",
  dueOn: "2025-03-14",
  listed: true,
  hasCause: false,
  apology: null,
  resolution: null,
  finishedOnPortal: false,
  pausedSince: null,
};
const officer: StepActor = { personId: 5, roles: ["OFFICER"] };
const admin: StepActor = { personId: 1, roles: ["CENTER_ADMIN"] };
const today = "2025-04-10";
const now = new Date("2025-04-10T03:00:00Z");

describe("stageOf", () => {
  it.each<[string, Partial<DossierFacts>, string]>([
    ["nothing yet", {}, "UNANSWERED"],
    ["a cause", { hasCause: true }, "CAUSE_GIVEN"],
    ["an apology first", { apology: { newAppointmentOn: "2025-04-20" } }, "APOLOGY_RECORDED"],
    ["both", { hasCause: true, apology: { newAppointmentOn: "2025-04-20" } }, "ANSWERED"],
    ["paused", { hasCause: true, pausedSince: "2025-04-01" }, "PAUSED"],
    ["resolved in the bot", { resolution: { recordedById: 5, recordedAt: now } }, "RESOLVED"],
    ["finished on the portal", { finishedOnPortal: true }, "RESOLVED"],
    ["dropped by the portal", { listed: false }, "NO_LONGER_LISTED"],
  ])("%s: %s", (_, facts, stage) => {
    expect(stageOf({ ...base, ...facts })).toBe(stage);
  });

  it("a dossier the portal finished still owes its cause and apology, not a resolution", () => {
    expect(missingAnswers({ ...base, finishedOnPortal: true })).toEqual({
      cause: true,
      apology: true,
      resolution: false,
    });
  });
});

describe("decideStep", () => {
  const cases: Array<[string, Partial<DossierFacts>, DossierStep, StepActor, string | true]> = [
    ["a cause", {}, { kind: "giveCause", category: "WORKLOAD", detail: null }, officer, true],
    [
      "OTHER needs a detail",
      {},
      { kind: "giveCause", category: "OTHER", detail: "  " },
      officer,
      "detailRequired",
    ],
    ["OTHER with a detail", {}, { kind: "giveCause", category: "OTHER", detail: "mất điện" }, officer, true],
    [
      "an apology",
      {},
      { kind: "recordApology", issuedOn: "2025-03-13", newAppointmentOn: "2025-03-20" },
      officer,
      true,
    ],
    [
      "an apology dated tomorrow",
      {},
      { kind: "recordApology", issuedOn: "2025-04-11", newAppointmentOn: "2025-04-20" },
      officer,
      "issuedInFuture",
    ],
    [
      "an apology before receipt",
      {},
      { kind: "recordApology", issuedOn: "2025-03-02", newAppointmentOn: "2025-04-20" },
      officer,
      "issuedBeforeReceived",
    ],
    [
      "a new date on the due date",
      {},
      { kind: "recordApology", issuedOn: "2025-03-13", newAppointmentOn: "2025-03-14" },
      officer,
      "appointmentNotAfterDue",
    ],
    [
      "a second apology",
      { apology: { newAppointmentOn: "2025-03-20" } },
      { kind: "recordApology", issuedOn: "2025-03-13", newAppointmentOn: "2025-03-25" },
      officer,
      "apologyAlreadyRecorded",
    ],
    [
      "an officer moving the date",
      { apology: { newAppointmentOn: "2025-03-20" } },
      { kind: "changeAppointment", newAppointmentOn: "2025-03-25" },
      officer,
      "adminOnly",
    ],
    [
      "an admin moving the date",
      { apology: { newAppointmentOn: "2025-03-20" } },
      { kind: "changeAppointment", newAppointmentOn: "2025-03-25" },
      admin,
      true,
    ],
    [
      "moving a date never set",
      {},
      { kind: "changeAppointment", newAppointmentOn: "2025-03-25" },
      admin,
      "noApologyYet",
    ],
    ["resolved today", {}, { kind: "markResolved", resolvedOn: today }, officer, true],
    [
      "resolved tomorrow",
      {},
      { kind: "markResolved", resolvedOn: "2025-04-11" },
      officer,
      "resolvedInFuture",
    ],
    [
      "resolved before receipt",
      {},
      { kind: "markResolved", resolvedOn: "2025-03-01" },
      officer,
      "resolvedBeforeReceived",
    ],
    [
      "resolved twice",
      { resolution: { recordedById: 5, recordedAt: now } },
      { kind: "markResolved", resolvedOn: today },
      officer,
      "alreadyResolved",
    ],
    [
      "resolving one the portal finished",
      { finishedOnPortal: true },
      { kind: "markResolved", resolvedOn: today },
      officer,
      "alreadyResolved",
    ],
    [
      "undo within ten minutes",
      { resolution: { recordedById: 5, recordedAt: new Date(now.getTime() - 9 * 60_000) } },
      { kind: "undoResolution" },
      officer,
      true,
    ],
    [
      "undo after ten minutes",
      { resolution: { recordedById: 5, recordedAt: new Date(now.getTime() - 11 * 60_000) } },
      { kind: "undoResolution" },
      officer,
      "undoTooLate",
    ],
    [
      "undo by someone else",
      { resolution: { recordedById: 6, recordedAt: now } },
      { kind: "undoResolution" },
      officer,
      "notYours",
    ],
    [
      "reopen by an officer",
      { resolution: { recordedById: 5, recordedAt: now } },
      { kind: "reopen" },
      officer,
      "adminOnly",
    ],
    [
      "reopen by an admin",
      { resolution: { recordedById: 5, recordedAt: now } },
      { kind: "reopen" },
      admin,
      true,
    ],
    ["reopen an open one", {}, { kind: "reopen" }, admin, "notResolved"],
    ["pause", {}, { kind: "startPause", startedOn: "2025-04-01", awaiting: "bổ sung" }, officer, true],
    [
      "pause twice",
      { pausedSince: "2025-04-01" },
      { kind: "startPause", startedOn: "2025-04-02", awaiting: "x" },
      officer,
      "alreadyPaused",
    ],
    [
      "pause a resolved one",
      { finishedOnPortal: true },
      { kind: "startPause", startedOn: "2025-04-01", awaiting: "x" },
      officer,
      "alreadyResolved",
    ],
    [
      "end a pause",
      { pausedSince: "2025-04-01" },
      { kind: "endPause", endedOn: "2025-04-05" },
      officer,
      true,
    ],
    [
      "end a pause before it began",
      { pausedSince: "2025-04-01" },
      { kind: "endPause", endedOn: "2025-03-30" },
      officer,
      "pauseEndsBeforeStart",
    ],
    ["end no pause", {}, { kind: "endPause", endedOn: "2025-04-05" }, officer, "notPaused"],
  ];

  it.each(cases)("%s", (_, facts, step, actor, expected) => {
    const decision = decideStep({ ...base, ...facts }, step, actor, today, now);
    expect(decision).toEqual(expected === true ? { ok: true } : { ok: false, reason: expected });
  });
});
