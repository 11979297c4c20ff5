import type { DbClient } from "../db/prisma.js";
import { type OutboxPayload, outboxPayloadSchema } from "../domain/outbox.js";
import type { Prisma } from "../generated/prisma/client.js";

/** A message a use-case decides to send, queued in its own transaction. */
export interface NewOutboxMessage {
  /** The same decision never queues the same message twice: e.g. `push:<period>:<snapshot>:<kind>:<recipient>`. */
  dedupeKey: string;
  chatId: number | bigint;
  kind: string;
  /** Groups the messages of one push or job run, for `batchProgress`. */
  batch?: string | null;
  /** The recipient, flagged unreachable when Telegram answers 403. */
  personId?: number | null;
  chatBindingId?: number | null;
  payload: OutboxPayload;
  /** Not before this time (a reminder for later); default now. */
  notBefore?: Date;
}

export interface BatchFailure {
  chatId: number;
  personId: number | null;
  chatBindingId: number | null;
  lastError: string | null;
}

export interface BatchProgress {
  total: number;
  sent: number;
  failed: number;
  pending: number;
  failures: BatchFailure[];
}

/** A row the sender holds under lease. The payload is as stored: check it with `outboxPayloadSchema`. */
export interface ClaimedOutboxMessage {
  id: number;
  chatId: number;
  kind: string;
  batch: string | null;
  personId: number | null;
  chatBindingId: number | null;
  payload: unknown;
  /** Including this claim. */
  attempts: number;
}

interface ClaimedRow {
  id: number;
  chatId: string;
  kind: string;
  batch: string | null;
  personId: number | null;
  chatBindingId: number | null;
  payload: string;
  attempts: number;
}

/** Messages the bot starts on its own: queued by use-cases, delivered by the one sender. */
export class OutboxRepository {
  constructor(private readonly db: DbClient) {}

  /** Queues the messages; a dedupe key already queued (ever) is skipped and counted as a duplicate. */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<{ queued: number; duplicates: number }> {
    if (messages.length === 0) return { queued: 0, duplicates: 0 };
    const { count } = await this.db.outboxMessage.createMany({
      data: messages.map((message) => ({
        dedupeKey: message.dedupeKey,
        chatId: BigInt(message.chatId),
        kind: message.kind,
        batch: message.batch ?? null,
        personId: message.personId ?? null,
        chatBindingId: message.chatBindingId ?? null,
        payload: outboxPayloadSchema.parse(message.payload) as Prisma.InputJsonValue,
        ...(message.notBefore === undefined ? {} : { notBefore: message.notBefore }),
      })),
      skipDuplicates: true,
    });
    return { queued: count, duplicates: messages.length - count };
  }

  /** Messages waiting to be sent, due now or later (the outbox's depth). */
  pendingCount(): Promise<number> {
    return this.db.outboxMessage.count({ where: { status: "PENDING" } });
  }

  async batchProgress(batch: string): Promise<BatchProgress> {
    const [counts] = await this.db.$queryRaw<Array<Omit<BatchProgress, "failures">>>`
      SELECT count(*)::int AS "total",
             count(*) FILTER (WHERE "status" = 'SENT')::int AS "sent",
             count(*) FILTER (WHERE "status" = 'FAILED')::int AS "failed",
             count(*) FILTER (WHERE "status" = 'PENDING')::int AS "pending"
      FROM "OutboxMessage" WHERE "batch" = ${batch}`;
    const failures = await this.db.outboxMessage.findMany({
      where: { batch, status: "FAILED" },
      orderBy: { id: "asc" },
      select: { chatId: true, personId: true, chatBindingId: true, lastError: true },
    });
    return {
      total: counts?.total ?? 0,
      sent: counts?.sent ?? 0,
      failed: counts?.failed ?? 0,
      pending: counts?.pending ?? 0,
      failures: failures.map((row) => ({ ...row, chatId: Number(row.chatId) })),
    };
  }

  /**
   * Takes up to `limit` due rows for this sender: one statement marks them leased until
   * `now + leaseMs` (their `notBefore`) and counts the attempt. Rows another sender is claiming
   * are skipped (`FOR UPDATE SKIP LOCKED`), never waited for; a crashed sender's rows are due
   * again when their lease ends. Only a chat's oldest pending row is due, so a chat's messages
   * go out in the order they were queued.
   */
  async claim(limit: number, now: Date, leaseMs: number): Promise<ClaimedOutboxMessage[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.db.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage" AS o
      SET "notBefore" = ${leaseUntil}, "attempts" = o."attempts" + 1
      WHERE o."id" IN (
        SELECT c."id" FROM "OutboxMessage" AS c
        WHERE c."status" = 'PENDING' AND c."notBefore" <= ${now}
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" AS older
            WHERE older."chatId" = c."chatId" AND older."status" = 'PENDING' AND older."id" < c."id"
          )
        ORDER BY c."notBefore", c."id"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING o."id", o."chatId"::text AS "chatId", o."kind", o."batch", o."personId",
                o."chatBindingId", o."payload"::text AS "payload", o."attempts"`;
    return rows
      .map((row) => ({ ...row, chatId: Number(row.chatId), payload: JSON.parse(row.payload) as unknown }))
      .sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, telegramMessageId: number, sentAt: Date): Promise<void> {
    await this.markSentMany([{ id, telegramMessageId, sentAt }]);
  }

  /** Records several sends in one statement. */
  async markSentMany(
    sends: ReadonlyArray<{ id: number; telegramMessageId: number; sentAt: Date }>,
  ): Promise<void> {
    if (sends.length === 0) return;
    const ids = sends.map((send) => send.id);
    const messageIds = sends.map((send) => send.telegramMessageId);
    const times = sends.map((send) => send.sentAt.toISOString());
    await this.db.$executeRaw`
      UPDATE "OutboxMessage" AS o
      SET "status" = 'SENT', "telegramMessageId" = s."messageId", "sentAt" = s."sentAt", "lastError" = NULL
      FROM unnest(${ids}::int[], ${messageIds}::int[], ${times}::timestamptz[]) AS s("id", "messageId", "sentAt")
      WHERE o."id" = s."id"`;
  }

  /**
   * Gives a claimed row back, due at `notBefore`. `countAsAttempt` false (a 429, or a chat
   * not ready yet) takes back the attempt the claim counted.
   */
  async reschedule(
    id: number,
    notBefore: Date,
    error: string | null,
    countAsAttempt: boolean,
  ): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: {
        notBefore,
        ...(error === null ? {} : { lastError: error }),
        ...(countAsAttempt ? {} : { attempts: { decrement: 1 } }),
      },
    });
  }

  /** Gives up on the row (retries used up, or Telegram refused the message itself). */
  async markFailed(id: number, error: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "FAILED", lastError: error } });
  }

  /**
   * The recipient cannot be reached (403, chat gone): the row fails and its person or group
   * binding is flagged unreachable from `at` (kept if already flagged).
   */
  async markUndeliverable(id: number, error: string, at: Date): Promise<void> {
    const row = await this.db.outboxMessage.update({
      where: { id },
      data: { status: "FAILED", lastError: error },
      select: { personId: true, chatBindingId: true },
    });
    if (row.personId !== null) {
      await this.db.person.updateMany({
        where: { id: row.personId, unreachableSince: null },
        data: { unreachableSince: at },
      });
    }
    if (row.chatBindingId !== null) {
      await this.db.chatBinding.updateMany({
        where: { id: row.chatBindingId, unreachableSince: null },
        data: { unreachableSince: at },
      });
    }
  }
}
