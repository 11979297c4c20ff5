// Who receives a unit's monthly push, and the keys that make sure nobody gets the same
// period and snapshot twice.
import type { Locale } from "./locale.js";

export type PushTarget = "GROUP" | "PRIVATE" | "BOTH";

/** What one recipient gets: the whole card (heads, the group) or a short notice (officers). */
export type PushMessageKind = "head" | "officer" | "group";

export interface PushPerson {
  personId: number;
  telegramUserId: number;
  name: string;
  locale: Locale;
  /** The bot was blocked or the chat is gone (a 403 on an earlier message). */
  unreachable: boolean;
}

export interface PushGroup {
  chatBindingId: number;
  chatId: number;
  title: string | null;
  unreachable: boolean;
}

export interface PushUnitAudience {
  unitId: number;
  pushTarget: PushTarget;
  heads: readonly PushPerson[];
  officers: readonly PushPerson[];
  group: PushGroup | null;
}

export type PushRecipient =
  | { kind: "head" | "officer"; unitId: number; person: PushPerson }
  | { kind: "group"; unitId: number; group: PushGroup };

export interface UnitRecipients {
  unitId: number;
  recipients: PushRecipient[];
  /** People and groups the unit's setting names but the bot cannot reach. */
  unreachable: Array<{ kind: "person"; person: PushPerson } | { kind: "group"; group: PushGroup }>;
}

/**
 * Unit heads always receive the card privately: the dispatch holds them to account. The
 * unit's setting decides the rest: its bound group (GROUP, BOTH) gets the card once, and its
 * officers (PRIVATE, BOTH) a short notice with a button.
 */
export function pushRecipients(unit: PushUnitAudience): UnitRecipients {
  const recipients: PushRecipient[] = [];
  const unreachable: UnitRecipients["unreachable"] = [];
  const addPerson = (kind: "head" | "officer", person: PushPerson) => {
    if (person.unreachable) unreachable.push({ kind: "person", person });
    else recipients.push({ kind, unitId: unit.unitId, person });
  };
  for (const head of unit.heads) addPerson("head", head);
  if (unit.pushTarget !== "GROUP") {
    const heads = new Set(unit.heads.map((head) => head.personId));
    for (const officer of unit.officers) if (!heads.has(officer.personId)) addPerson("officer", officer);
  }
  if (unit.pushTarget !== "PRIVATE" && unit.group) {
    if (unit.group.unreachable) unreachable.push({ kind: "group", group: unit.group });
    else recipients.push({ kind: "group", unitId: unit.unitId, group: unit.group });
  }
  return { unitId: unit.unitId, recipients, unreachable };
}

/** The snapshots a push reports: a newer "as of" of either makes a new push. */
export interface PushSnapshots {
  periodKey: string;
  scoreSnapshotId: number | null;
  overdueSnapshotId: number | null;
}

export function pushBatchKey(snapshots: PushSnapshots): string {
  return `push:${snapshots.periodKey}:s${snapshots.scoreSnapshotId ?? 0}:o${snapshots.overdueSnapshotId ?? 0}`;
}

/** One per recipient, period, snapshot and kind (the outbox refuses a second). */
export function pushDedupeKey(snapshots: PushSnapshots, recipient: PushRecipient): string {
  const who =
    recipient.kind === "group" ? `g${recipient.group.chatBindingId}` : `p${recipient.person.personId}`;
  return `${pushBatchKey(snapshots)}:${recipient.kind}:u${recipient.unitId}:${who}`;
}

/** Seconds the outbox needs at `perSecond` messages overall (each chat gets one message). */
export function estimatedSeconds(messages: number, perSecond: number): number {
  return perSecond > 0 ? Math.ceil(messages / perSecond) : 0;
}

/** The figures a push reported for a unit, kept with the run so that an update can say what changed. */
export interface UnitPushFigures {
  total: number | null;
  overdue: number | null;
}

/** What changed since the unit's previous push of the same period (a newer snapshot). */
export interface PushUpdate {
  previousAsOf: Date;
  previous: UnitPushFigures;
}

/** What a push would send, as the Center admin sees it before confirming. */
export interface PushPreview {
  period: { year: number; month: number };
  batch: string;
  units: number;
  people: number;
  groups: number;
  messages: number;
  /** Messages of this snapshot already queued earlier (they are not sent again). */
  alreadyQueued: number;
  estimatedSeconds: number;
  /** Units nobody can receive yet (no people, no group). */
  unreachableUnits: Array<{ unitId: number; name: string; code: string | null }>;
  isUpdate: boolean;
}
