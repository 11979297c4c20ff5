// The monthly pushes that were started: what each reported (its batch of outbox messages and
// the figures it sent per unit), and where its progress is shown.
import { z } from "zod";
import type { DbClient } from "../db/prisma.js";
import type { PeriodMonth } from "../domain/period.js";
import type { UnitPushFigures } from "../domain/push.js";
import type { Prisma } from "../generated/prisma/client.js";

export interface PushRunStart {
  periodKey: string;
  period: PeriodMonth;
  snapshotId: number;
  batch: string;
  startedById: number | null;
  startedAt: Date;
  progressChat: { chatId: number; messageId: number } | null;
  summary: PushRunSummary;
}

/** What a run reported, kept with it. */
export interface PushRunSummary {
  scoreSnapshotId: number | null;
  overdueSnapshotId: number | null;
  asOf: string | null;
  figures: Record<number, UnitPushFigures>;
  unreachableUnits: Array<{ unitId: number; name: string; code: string | null }>;
}

export interface PushRunView {
  id: number;
  batch: string;
  period: PeriodMonth;
  startedAt: Date;
  finishedAt: Date | null;
  progressChat: { chatId: number; messageId: number } | null;
  unreachableUnits: Array<{ unitId: number; name: string; code: string | null }>;
}

const figuresSchema = z.record(
  z.string(),
  z.object({ total: z.number().nullable(), overdue: z.number().nullable() }),
);

const summarySchema = z.object({
  asOf: z.string().nullable(),
  figures: figuresSchema,
  unreachableUnits: z
    .array(z.object({ unitId: z.number(), name: z.string(), code: z.string().nullable() }))
    .default([]),
});

export class PushRunsRepository {
  constructor(private readonly db: DbClient) {}

  /** The current unit-score snapshot's id of the period, or null. */
  async currentScoreSnapshotId(period: PeriodMonth): Promise<number | null> {
    const snapshot = await this.db.periodSnapshot.findFirst({
      where: { kind: "UNIT_SCORES", isCurrent: true, period: { year: period.year, month: period.month } },
      select: { id: true },
    });
    return snapshot?.id ?? null;
  }

  /**
   * Records the run; asked again for the same batch (the same snapshots), keeps the first
   * record and returns it.
   */
  async recordStart(start: PushRunStart): Promise<{ id: number }> {
    const existing = await this.db.pushRun.findUnique({
      where: { batch: start.batch },
      select: { id: true },
    });
    if (existing) {
      if (start.progressChat) await this.attachProgress(existing.id, start.progressChat);
      return existing;
    }
    const period = await this.db.reportingPeriod.findUniqueOrThrow({
      where: { year_month: { year: start.period.year, month: start.period.month } },
      select: { id: true },
    });
    return this.db.pushRun.create({
      data: {
        periodId: period.id,
        snapshotId: start.snapshotId,
        batch: start.batch,
        startedById: start.startedById,
        startedAt: start.startedAt,
        chatId: start.progressChat ? BigInt(start.progressChat.chatId) : null,
        progressMessageId: start.progressChat?.messageId ?? null,
        summary: start.summary as unknown as Prisma.InputJsonObject,
      },
      select: { id: true },
    });
  }

  async attachProgress(id: number, progressChat: { chatId: number; messageId: number }): Promise<void> {
    await this.db.pushRun.update({
      where: { id },
      data: { chatId: BigInt(progressChat.chatId), progressMessageId: progressChat.messageId },
    });
  }

  /**
   * The latest earlier push of the same period from another snapshot, with the figures it
   * sent per unit: a newer snapshot's push says what changed since.
   */
  async previousOfPeriod(
    period: PeriodMonth,
    exceptBatch: string,
  ): Promise<{ asOf: Date; figures: Record<number, UnitPushFigures> } | null> {
    const run = await this.db.pushRun.findFirst({
      where: { period: { year: period.year, month: period.month }, batch: { not: exceptBatch } },
      orderBy: { startedAt: "desc" },
      select: { summary: true, startedAt: true },
    });
    const summary = summarySchema.safeParse(run?.summary);
    if (!run || !summary.success) return null;
    return {
      asOf: summary.data.asOf ? new Date(summary.data.asOf) : run.startedAt,
      figures: Object.fromEntries(
        Object.entries(summary.data.figures).map(([unitId, figures]) => [Number(unitId), figures]),
      ),
    };
  }

  async find(id: number): Promise<PushRunView | null> {
    const run = await this.db.pushRun.findUnique({
      where: { id },
      select: {
        id: true,
        batch: true,
        startedAt: true,
        finishedAt: true,
        chatId: true,
        progressMessageId: true,
        summary: true,
        period: { select: { year: true, month: true } },
      },
    });
    if (!run) return null;
    const summary = summarySchema.safeParse(run.summary);
    return {
      id: run.id,
      batch: run.batch,
      period: run.period,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      progressChat:
        run.chatId !== null && run.progressMessageId !== null
          ? { chatId: Number(run.chatId), messageId: run.progressMessageId }
          : null,
      unreachableUnits: summary.success ? summary.data.unreachableUnits : [],
    };
  }

  /** Marks the run finished once its last message is sent or given up; true if this call did. */
  async markFinished(id: number, at: Date): Promise<boolean> {
    const { count } = await this.db.pushRun.updateMany({
      where: { id, finishedAt: null },
      data: { finishedAt: at },
    });
    return count === 1;
  }

  /** The recipients a run's messages could not reach, named, with their unit. */
  async undeliverable(batch: string): Promise<Array<{ name: string; unit: string; error: string | null }>> {
    const rows = await this.db.outboxMessage.findMany({
      where: { batch, status: "FAILED" },
      orderBy: { id: "asc" },
      select: {
        chatId: true,
        lastError: true,
        person: {
          select: {
            firstName: true,
            lastName: true,
            username: true,
            memberships: {
              where: { status: "ACTIVE" },
              take: 1,
              select: { unit: { select: { nameVi: true } } },
            },
          },
        },
        chatBinding: { select: { title: true, unit: { select: { nameVi: true } } } },
      },
    });
    return rows.map((row) => ({
      name: row.person
        ? [row.person.firstName, row.person.lastName].filter(Boolean).join(" ") ||
          (row.person.username ? `@${row.person.username}` : `#${row.chatId}`)
        : (row.chatBinding?.title ?? `#${row.chatId}`),
      unit: row.person?.memberships[0]?.unit?.nameVi ?? row.chatBinding?.unit.nameVi ?? "—",
      error: row.lastError,
    }));
  }
}
