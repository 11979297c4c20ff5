// What a unit has recorded for one dossier, as stored, and how it becomes the state machine's
// facts (src/domain/dossier-life.ts). Pure: the repository reads the record, the use-cases
// judge it here. Calendar dates stored without a time (@db.Date) come back as midnight UTC.
import { z } from "zod";
import type { ApologyDraft } from "./apology.js";
import { CAUSE_CATEGORIES, type CauseCategory, type DossierFacts } from "./dossier-life.js";
import { type IsoDate, localDateOf } from "./working-days.js";

export type DossierRecordState = "OPEN" | "RESOLVED" | "NO_LONGER_LISTED";

/** One dossier with its current answers (the latest cause, the apology, the live resolution, the open pause). */
export interface DossierAnswerRecord {
  id: number;
  unitId: number;
  code: string;
  receivedAt: Date;
  dueAt: Date;
  state: DossierRecordState;
  finishedAt: Date | null;
  cause: { id: number; category: CauseCategory; detail: string | null } | null;
  apology: { id: number; newAppointmentOn: Date } | null;
  resolution: { id: number; recordedById: number | null; recordedAt: Date } | null;
  pause: { id: number; startedOn: Date; awaiting: string } | null;
}

/** A date stored without a time, as the ISO date it stands for. */
export function isoOfDateOnly(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** An ISO date as Prisma stores a @db.Date: midnight UTC. */
export function dateOnlyOf(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The record as `decideStep` sees it; instants are read as dates on the configured zone's calendar. */
export function factsOf(record: DossierAnswerRecord, timeZone: string): DossierFacts {
  return {
    receivedOn: localDateOf(record.receivedAt, timeZone),
    dueOn: localDateOf(record.dueAt, timeZone),
    listed: record.state !== "NO_LONGER_LISTED",
    hasCause: record.cause !== null,
    apology: record.apology && { newAppointmentOn: isoOfDateOnly(record.apology.newAppointmentOn) },
    resolution: record.resolution && {
      recordedById: record.resolution.recordedById,
      recordedAt: record.resolution.recordedAt,
    },
    finishedOnPortal: record.finishedAt !== null,
    pausedSince: record.pause && isoOfDateOnly(record.pause.startedOn),
  };
}

export const MAX_CAUSE_DETAIL = 500;
export const MAX_RESOLUTION_NOTE = 500;
export const MAX_RESOLUTION_REFERENCE = 100;
export const MAX_AWAITING = 300;

/** Free text a person types: trimmed; empty means none. */
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => text || null);

export const causeCategorySchema = z.enum(CAUSE_CATEGORIES);
export const causeDetailSchema = freeText(MAX_CAUSE_DETAIL);
export const resolutionNoteSchema = freeText(MAX_RESOLUTION_NOTE);
export const resolutionReferenceSchema = freeText(MAX_RESOLUTION_REFERENCE);
/** What the applicant is awaited for: required. */
export const awaitingSchema = z.string().trim().min(1).max(MAX_AWAITING);

export const RESOLUTION_OUTCOMES = ["RESULT_ISSUED", "RETURNED_WITH_REASONS"] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

/** A photo or scan of the apology letter, kept by Telegram file id with its size and hash. */
export interface ApologyScan {
  kind: "PHOTO" | "DOCUMENT";
  telegramFileId: string;
  sizeBytes: number | null;
  sha256: string | null;
}

/** An apology record as a use-case takes it: the letter (one line or the step-by-step form) and its copy. */
export type ApologyInput = ApologyDraft & { scan: ApologyScan | null };
