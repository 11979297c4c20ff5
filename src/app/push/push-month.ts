// The monthly push (issue 13): every unit with figures in a period gets its score card and its
// overdue summary, written as outbox rows in one transaction with the run that reports them.
// The outbox sender delivers them within Telegram's limits; the run's batch tracks progress.

import type { DbClient } from "../../db/prisma.js";
import { inTransaction } from "../../db/transaction.js";
import type { Locale } from "../../domain/locale.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import { emptySummary, type OverdueSnapshotRef, type OverdueSummary } from "../../domain/overdue.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import { type Actor, can } from "../../domain/policy.js";
import {
  estimatedSeconds,
  type PushPreview,
  type PushRecipient,
  type PushSnapshots,
  type PushUpdate,
  pushBatchKey,
  pushDedupeKey,
  pushRecipients,
  type UnitPushFigures,
  type UnitRecipients,
} from "../../domain/push.js";
import { buildScoreCard, type ScoreCard, type ScoreMonth } from "../../domain/score-card.js";
import { appendAudit } from "../../repositories/audit.js";
import { OutboxRepository } from "../../repositories/outbox.js";
import { OverdueRepository } from "../../repositories/overdue.js";
import { PushAudienceRepository, type PushUnit } from "../../repositories/push-audience.js";
import { PushRunsRepository } from "../../repositories/push-runs.js";
import { ScoreCardsRepository } from "../../repositories/score-cards.js";
import type { AppContext } from "../context.js";

/** What one unit's messages report. */
export interface PushContent {
  unit: PushUnit;
  periodKey: string;
  scoreCard: ScoreCard | null;
  overdue: OverdueSummary | null;
  /** Set when the unit already got this period from an older snapshot. */
  update: PushUpdate | null;
}

/** Turns a recipient and its unit's content into the message it gets (text and buttons). */
export type PushComposer = (recipient: PushRecipient, content: PushContent) => OutboxPayload;

export interface PushDeps {
  app: AppContext;
  compose: PushComposer;
  defaultLocale: Locale;
  /** Messages per second the outbox may send overall: the preview's estimate. */
  globalPerSecond: number;
}

/** Who starts it: a Center admin in the bot, or the scheduler / an import by the Center's setting. */
export type PushActor = { actor: Actor } | { actorLabel: string };

export interface PushRequest {
  by: PushActor;
  /** The period to push; the latest imported when absent. */
  period?: PeriodMonth;
}

export type { PushPreview };

export type PreviewOutcome =
  | { kind: "forbidden" }
  | { kind: "noData" }
  | { kind: "preview"; preview: PushPreview };

export type StartOutcome =
  | { kind: "forbidden" }
  | { kind: "noData" }
  /** A newer import changed the figures after the preview the admin confirmed. */
  | { kind: "changed"; preview: PushPreview }
  | { kind: "started"; pushRunId: number; preview: PushPreview; queued: number; duplicates: number };

interface PushPlan {
  period: PeriodMonth;
  snapshots: PushSnapshots & { overdueSnapshotId: number | null };
  units: Array<{ unit: PushUnit; recipients: UnitRecipients; content: PushContent }>;
  figures: Record<number, UnitPushFigures>;
  isUpdate: boolean;
}

function allowed(by: PushActor): boolean {
  return "actorLabel" in by || can(by.actor, "push.send");
}

export async function previewPush(deps: PushDeps, request: PushRequest): Promise<PreviewOutcome> {
  if (!allowed(request.by)) return { kind: "forbidden" };
  return inTransaction(deps.app.db, async (tx) => {
    const plan = await planPush(tx, deps, request.period);
    if (!plan) return { kind: "noData" };
    return { kind: "preview", preview: await describePlan(tx, deps, plan) };
  });
}

/**
 * Queues every message of the push and records the run, in one transaction. Asked again for the
 * same snapshots it queues only what is missing (people who joined since): the outbox's dedupe
 * key is per recipient, period, snapshot and kind.
 */
export async function startPush(
  deps: PushDeps,
  request: PushRequest & {
    progressChat?: { chatId: number; messageId: number };
    /** The batch of the preview that was confirmed: another one is not started unseen. */
    expectedBatch?: string;
  },
): Promise<StartOutcome> {
  if (!allowed(request.by)) return { kind: "forbidden" };
  return inTransaction(
    deps.app.db,
    async (tx) => {
      const plan = await planPush(tx, deps, request.period);
      if (!plan) return { kind: "noData" };
      const preview = await describePlan(tx, deps, plan);
      if (request.expectedBatch !== undefined && request.expectedBatch !== preview.batch)
        return { kind: "changed", preview };
      const messages = plan.units.flatMap(({ recipients, content }) =>
        recipients.recipients.map((recipient) => ({
          dedupeKey: pushDedupeKey(plan.snapshots, recipient),
          chatId: recipient.kind === "group" ? recipient.group.chatId : recipient.person.telegramUserId,
          kind: `push.${recipient.kind}`,
          batch: preview.batch,
          personId: recipient.kind === "group" ? null : recipient.person.personId,
          chatBindingId: recipient.kind === "group" ? recipient.group.chatBindingId : null,
          payload: deps.compose(recipient, content),
        })),
      );
      const { queued, duplicates } = await new OutboxRepository(tx).enqueue(messages);
      const actorId = "actor" in request.by ? request.by.actor.personId : null;
      const run = await new PushRunsRepository(tx).recordStart({
        periodKey: plan.snapshots.periodKey,
        period: plan.period,
        snapshotId: plan.snapshots.overdueSnapshotId ?? plan.snapshots.scoreSnapshotId ?? 0,
        batch: preview.batch,
        startedById: actorId,
        startedAt: deps.app.now(),
        progressChat: request.progressChat ?? null,
        summary: {
          scoreSnapshotId: plan.snapshots.scoreSnapshotId,
          overdueSnapshotId: plan.snapshots.overdueSnapshotId,
          asOf: latestAsOf(plan)?.toISOString() ?? null,
          figures: plan.figures,
          unreachableUnits: preview.unreachableUnits,
        },
      });
      await appendAudit(tx, {
        actorId,
        actorLabel: "actorLabel" in request.by ? request.by.actorLabel : undefined,
        action: "push.started",
        entityType: "PushRun",
        entityId: run.id,
        after: { batch: preview.batch, queued, duplicates, units: preview.units, messages: preview.messages },
      });
      return { kind: "started", pushRunId: run.id, preview, queued, duplicates };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

async function planPush(
  tx: DbClient,
  deps: PushDeps,
  period: PeriodMonth | undefined,
): Promise<PushPlan | null> {
  const overdueRepository = new OverdueRepository(tx);
  const scoreMonth = await new ScoreCardsRepository(tx).loadMonth(period);
  const overdueSnapshot = await overdueRepository.findSnapshot(period ?? scoreMonth?.period);
  const chosen = choosePeriod(scoreMonth, overdueSnapshot, period);
  if (!chosen) return null;
  const score = scoreMonth && samePeriod(scoreMonth.period, chosen) ? scoreMonth : null;
  const overdue = overdueSnapshot && samePeriod(overdueSnapshot.period, chosen) ? overdueSnapshot : null;
  const scoreSnapshotId = score ? await new PushRunsRepository(tx).currentScoreSnapshotId(chosen) : null;
  const snapshots = {
    periodKey: periodKey(chosen),
    scoreSnapshotId,
    overdueSnapshotId: overdue?.snapshotId ?? null,
  };
  const audience = new PushAudienceRepository(tx);
  const units = await audience.unitsIn({ scores: scoreSnapshotId, overdue: overdue?.snapshotId ?? null });
  if (units.length === 0) return null;
  const [audiences, summaries, previousRun] = await Promise.all([
    audience.audiences(units, deps.defaultLocale),
    overdue ? overdueRepository.summaries(overdue) : Promise.resolve(new Map<number, OverdueSummary>()),
    new PushRunsRepository(tx).previousOfPeriod(chosen, pushBatchKey(snapshots)),
  ]);
  const figures: Record<number, UnitPushFigures> = {};
  const planned = units.map((unit, index) => {
    const scoreCard = score ? buildScoreCard({ unitId: unit.id, month: score }) : null;
    const summary = overdue ? (summaries.get(unit.id) ?? emptySummary(unit.id, overdue)) : null;
    figures[unit.id] = { total: scoreCard?.total ?? null, overdue: summary?.overdue ?? null };
    const previous = previousRun?.figures[unit.id];
    return {
      unit,
      recipients: pushRecipients(audiences[index] as (typeof audiences)[number]),
      content: {
        unit,
        periodKey: snapshots.periodKey,
        scoreCard,
        overdue: summary,
        update: previousRun && previous ? { previousAsOf: previousRun.asOf, previous } : null,
      },
    };
  });
  return { period: chosen, snapshots, units: planned, figures, isUpdate: previousRun !== null };
}

/** The period asked for, else the latest one that has a score sheet or an overdue list. */
function choosePeriod(
  scoreMonth: ScoreMonth | null,
  overdue: OverdueSnapshotRef | null,
  period: PeriodMonth | undefined,
): PeriodMonth | null {
  if (period) return scoreMonth || overdue ? period : null;
  const candidates = [scoreMonth?.period, overdue?.period].filter((value): value is PeriodMonth => !!value);
  return candidates.sort((a, b) => b.year * 12 + b.month - (a.year * 12 + a.month))[0] ?? null;
}

function samePeriod(a: PeriodMonth, b: PeriodMonth): boolean {
  return a.year === b.year && a.month === b.month;
}

function latestAsOf(plan: PushPlan): Date | null {
  const dates = plan.units
    .flatMap(({ content }) => [content.scoreCard?.asOf, content.overdue?.asOf])
    .filter((date): date is Date => !!date);
  return dates.reduce<Date | null>((latest, date) => (!latest || date > latest ? date : latest), null);
}

async function describePlan(tx: DbClient, deps: PushDeps, plan: PushPlan): Promise<PushPreview> {
  const recipients = plan.units.flatMap(({ recipients }) => recipients.recipients);
  const batch = pushBatchKey(plan.snapshots);
  const people = new Set(
    recipients.flatMap((recipient) => (recipient.kind === "group" ? [] : [recipient.person.personId])),
  );
  const alreadyQueued = (await new OutboxRepository(tx).batchProgress(batch)).total;
  return {
    period: plan.period,
    batch,
    units: plan.units.length,
    people: people.size,
    groups: recipients.filter((recipient) => recipient.kind === "group").length,
    messages: recipients.length,
    alreadyQueued,
    estimatedSeconds: estimatedSeconds(Math.max(0, recipients.length - alreadyQueued), deps.globalPerSecond),
    unreachableUnits: plan.units
      .filter(({ recipients: unitRecipients }) => unitRecipients.recipients.length === 0)
      .map(({ unit }) => ({ unitId: unit.id, name: unit.nameVi, code: unit.code })),
    isUpdate: plan.isUpdate,
  };
}
