/** One dossier's story as /history shows it: its listings month by month and its recorded events. */
export interface DossierHistory {
  id: number;
  code: string;
  procedureName: string;
  applicantName: string | null;
  state: "OPEN" | "RESOLVED" | "NO_LONGER_LISTED";
  receivedAt: Date;
  dueAt: Date;
  /** The portal's own record: returned (late) on this date; counted as resolved. */
  finishedAt: Date | null;
  portalStatus: string | null;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null };
  listings: Array<{ year: number; month: number; asOf: Date; daysOverdue: number | null }>;
  events: Array<{
    at: Date;
    action: string;
    actor: {
      firstName: string | null;
      lastName: string | null;
      username: string | null;
      telegramUserId: number;
    } | null;
    actorLabel: string | null;
  }>;
}
