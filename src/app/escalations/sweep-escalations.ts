// The escalation sweep (after every confirmed import, and daily on the scheduler): every unit's
// history against the policy, then open, raise, propose closing or close, with the notices,
// in one transaction that only one sweep at a time may run.
import { inTransaction } from "../../db/transaction.js";
import {
  assessEscalation,
  DEFAULT_ESCALATION_SETTINGS,
  ESCALATION_SETTINGS_KEY,
  type EscalationSettings,
  escalationSettingsSchema,
} from "../../domain/escalation-policy.js";
import { type EscalationNotice, sweepAction } from "../../domain/escalation-sweep.js";
import { createWorkingCalendar, localDateOf, zonedTimeToInstant } from "../../domain/working-days.js";
import { appendAudit } from "../../repositories/audit.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import { EscalationsRepository } from "../../repositories/escalations.js";
import { SettingsRepository } from "../../repositories/settings.js";
import type { AppContext } from "../context.js";
import { type NoticeDeps, queueEscalationNotices } from "./escalation-notices.js";

export interface SweepDeps extends NoticeDeps {
  app: AppContext;
  timeZone: string;
}

export interface SweepSummary {
  opened: number;
  raised: number;
  proposedToClose: number;
  closed: number;
  acknowledgeReminders: number;
  notices: number;
}

/** Sweeps of several instances (or the CLI) wait for each other instead of deciding twice. */
const SWEEP_LOCK = 2;

export async function readEscalationSettings(app: AppContext): Promise<EscalationSettings> {
  return new SettingsRepository(app.db).read(
    ESCALATION_SETTINGS_KEY,
    escalationSettingsSchema,
    DEFAULT_ESCALATION_SETTINGS,
  );
}

export async function sweepEscalations(
  deps: SweepDeps,
  input: { actorLabel: string },
): Promise<SweepSummary> {
  const now = deps.app.now();
  return inTransaction(
    deps.app.db,
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${SWEEP_LOCK}::int, 0)`;
      const settings = await new SettingsRepository(tx).read(
        ESCALATION_SETTINGS_KEY,
        escalationSettingsSchema,
        DEFAULT_ESCALATION_SETTINGS,
      );
      const calendar = createWorkingCalendar(await new CalendarRepository(tx).entries());
      const acknowledgeBy = zonedTimeToInstant(
        calendar.addWorkingDays(localDateOf(now, deps.timeZone), settings.acknowledgeWorkingDays),
        17,
        0,
        deps.timeZone,
      );
      const escalations = new EscalationsRepository(tx);
      const history = await escalations.unitHistories();
      const open = await escalations.openByUnit();
      const summary: SweepSummary = {
        opened: 0,
        raised: 0,
        proposedToClose: 0,
        closed: 0,
        acknowledgeReminders: 0,
        notices: 0,
      };
      const notices: EscalationNotice[] = [];
      for (const [unitId, periods] of history.periods) {
        const assessment = assessEscalation(
          { periods, unansweredReminders: null, repeatedDossiers: history.repeated.get(unitId) ?? [] },
          settings,
        );
        const current = open.get(unitId) ?? null;
        const latest = periods.at(-1);
        const action = sweepAction(current, assessment, {
          closeAfterCleanMonth: settings.closeAfterCleanMonth,
          latestMonthClean: latest?.overdue === 0,
        });
        const audit = (action: string, entityId: number, after: object) =>
          appendAudit(tx, {
            actorLabel: input.actorLabel,
            action,
            entityType: "Escalation",
            entityId,
            unitId,
            after: after as never,
          });
        switch (action.kind) {
          case "none":
            break;
          case "open": {
            const deadline = action.level === "L3_PEOPLES_COMMITTEE" ? acknowledgeBy : null;
            const id = await escalations.open({
              unitId,
              level: action.level,
              reasons: assessment.reasons,
              at: now,
              openedById: null,
              acknowledgeBy: deadline,
            });
            await audit("escalation.opened", id, { level: action.level, reasons: assessment.reasons });
            notices.push(...noticesFor(await escalations.find(id), false));
            summary.opened++;
            break;
          }
          case "raise": {
            const deadline = action.to === "L3_PEOPLES_COMMITTEE" ? acknowledgeBy : null;
            await escalations.raise(action.escalationId, action.to, assessment.reasons, now, deadline);
            await audit("escalation.raised", action.escalationId, {
              from: action.from,
              to: action.to,
              reasons: assessment.reasons,
            });
            notices.push(...noticesFor(await escalations.find(action.escalationId), true));
            summary.raised++;
            break;
          }
          case "proposeClose": {
            await escalations.proposeClose(action.escalationId, now);
            await audit("escalation.closeProposed", action.escalationId, {});
            const view = await escalations.find(action.escalationId);
            if (view) notices.push({ ...noticeBase(view, false), kind: "proposeClose" });
            summary.proposedToClose++;
            break;
          }
          case "withdrawProposal":
            await escalations.withdrawProposal(action.escalationId);
            await audit("escalation.closeWithdrawn", action.escalationId, { reasons: assessment.reasons });
            break;
          case "close": {
            if (await escalations.close(action.escalationId, now, null, "CLEAN_MONTH")) {
              await audit("escalation.closed", action.escalationId, { reason: "CLEAN_MONTH" });
              const view = await escalations.find(action.escalationId);
              if (view) notices.push({ ...noticeBase(view, false), kind: "closed" });
              summary.closed++;
            }
            break;
          }
        }
      }
      const reminders = await acknowledgeReminders(escalations, now);
      notices.push(...reminders);
      summary.acknowledgeReminders = reminders.length;
      summary.notices = await queueEscalationNotices(tx, deps, notices, localDateOf(now, deps.timeZone));
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function noticeBase(view: NonNullable<Awaited<ReturnType<EscalationsRepository["find"]>>>, raised: boolean) {
  return {
    escalationId: view.id,
    unit: view.unit,
    level: view.level,
    reasons: view.reasons,
    acknowledgeBy: view.acknowledgeBy,
    raised,
  };
}

/** An L2 tells the unit head and the Center; an L3 also sends the People's Committee its report. */
export function noticesFor(
  view: Awaited<ReturnType<EscalationsRepository["find"]>>,
  raised: boolean,
): EscalationNotice[] {
  if (!view) return [];
  const base = noticeBase(view, raised);
  const notices: EscalationNotice[] = [
    { ...base, kind: "unitHead" },
    { ...base, kind: "center" },
  ];
  if (view.level === "L3_PEOPLES_COMMITTEE") notices.push({ ...base, kind: "peoplesCommittee" });
  return notices;
}

/** Open L3 escalations not yet acknowledged: the unit head is reminded (once a day: the notice's occasion is the date). */
async function acknowledgeReminders(
  escalations: EscalationsRepository,
  now: Date,
): Promise<EscalationNotice[]> {
  const open = await escalations.listOpen();
  return open
    .filter((view) => view.level === "L3_PEOPLES_COMMITTEE" && view.acknowledgedAt === null)
    .filter((view) => (view.raisedAt ?? view.openedAt).getTime() < now.getTime() - 60 * 60 * 1000)
    .map((view) => ({ ...noticeBase(view, false), kind: "acknowledgeReminder" as const }));
}
