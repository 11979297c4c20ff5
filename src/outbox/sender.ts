// The one sender of the messages the bot starts on its own (pushes, reminders, escalations,
// digests). Use-cases only write OutboxMessage rows, in the transaction of the decision they
// report; this loop claims due rows, paces them within Telegram's limits, calls the Bot API
// and records what happened, so that nothing is lost when the process dies:
//
// - A claimed row is leased (its notBefore moves `leaseMs` ahead). A sender killed mid-way
//   leaves its rows to come back when their leases end, so every row is sent at least once.
//   A row is marked SENT right after Telegram answers, before its in-flight slot frees up: a
//   kill can repeat at most the `concurrency` sends that were in flight.
// - Rows whose chat is not ready (paced, or paused by a 429) are released at once with
//   notBefore set to when it will be, never held under lease.
// - The API it is given must not retry by itself (no auto-retry transformer): a 429 or a
//   5xx comes back here and becomes a rescheduled row, visible in the database.
import type { Api } from "grammy";
import type { Db } from "../db/prisma.js";
import {
  DEFAULT_RETRY_POLICY,
  type DeliveryFailure,
  judgeFailure,
  type OutboxRates,
  outboxPayloadSchema,
  type RetryPolicy,
  retryDelayMs,
  telegramCall,
} from "../domain/outbox.js";
import type { Logger } from "../logger.js";
import { type ClaimedOutboxMessage, OutboxRepository } from "../repositories/outbox.js";
import { type AttachmentRenderers, AttachmentResolver, UnknownAttachmentError } from "./attachments.js";
import { Pacer } from "./pacer.js";

/** The Bot API as grammY's `Api` exposes it; give one without transformers (no auto-retry). */
export type OutboxApi = Pick<Api, "raw">;

/**
 * What the sender did, for metrics (src/server/metrics.ts): called after the database records
 * each outcome. Optional, and never allowed to break a send.
 */
export interface OutboxObserver {
  sent(kind: string): void;
  /** Given up on: "unreachable" (blocked, left the chat), "rejected" (bad request), "gave-up" (retries spent), "invalid" (payload). */
  failed(kind: string, reason: "unreachable" | "rejected" | "gave-up" | "invalid"): void;
  /** Telegram answered 429; "global" when enough chats flooded at once to pause every send. */
  tooManyRequests(scope: "chat" | "global"): void;
  /** A 5xx or network failure; the row is tried again later. */
  retried(kind: string): void;
}

export interface OutboxSenderDeps {
  db: Db;
  api: OutboxApi;
  rates: OutboxRates;
  logger: Pick<Logger, "debug" | "info" | "warn" | "error">;
  now?: () => Date;
  /** Sends in flight at once. Default 8. */
  concurrency?: number;
  /** How long a claimed row stays this sender's; longer than a Bot API call can take. Default 60 s. */
  leaseMs?: number;
  /** The pause when nothing is due. Default 500 ms. */
  pollMs?: number;
  retry?: RetryPolicy;
  observer?: OutboxObserver;
  /** Files made at send time, by attachment kind (see attachments.ts). */
  attachments?: AttachmentRenderers;
}

export interface OutboxSender {
  /** Starts the loop in the background. */
  start(): void;
  /** Stops claiming, waits for the sends in flight, gives back rows claimed but not sent. */
  stop(): Promise<void>;
  /** Sends what is due now (paced), waits for it, and returns how many rows were handled. */
  drainOnce(): Promise<number>;
}

export const DEFAULT_OUTBOX_CONCURRENCY = 8;

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  return new Sender(deps);
}

/** Telegram's refusal or a failure to reach it, from grammY's GrammyError or HttpError. */
export function deliveryFailureOf(error: unknown): DeliveryFailure {
  if (typeof error === "object" && error !== null && "error_code" in error) {
    const { error_code, description, parameters } = error as {
      error_code: unknown;
      description?: unknown;
      parameters?: { retry_after?: unknown };
    };
    if (typeof error_code === "number") {
      const retryAfter = parameters?.retry_after;
      return {
        kind: "api",
        errorCode: error_code,
        description: typeof description === "string" ? description : "",
        ...(typeof retryAfter === "number" ? { retryAfterSeconds: retryAfter } : {}),
      };
    }
  }
  return { kind: "network", description: error instanceof Error ? error.message : String(error) };
}

const describeFailure = (failure: DeliveryFailure): string =>
  failure.kind === "api" ? `${failure.errorCode} ${failure.description}` : `network: ${failure.description}`;

type RawMethod = (params: Record<string, unknown>) => Promise<unknown>;

/** A claimed row whose chat is ready again within this long waits in memory, not in the table. */
const MAX_HOLD_MS = 2000;

interface HeldRow {
  row: ClaimedOutboxMessage;
  readyAtMs: number;
}

interface PendingMark {
  id: number;
  telegramMessageId: number;
  sentAt: Date;
  done: (error?: unknown) => void;
}

class Sender implements OutboxSender {
  private readonly repository: OutboxRepository;
  private readonly pacer: Pacer;
  private readonly attachments: AttachmentResolver;
  private readonly now: () => Date;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly retry: RetryPolicy;
  private readonly claimSize: number;
  private readonly maxHoldMs: number;
  private readonly inflight = new Set<Promise<void>>();
  /** Claimed, not yet looked at. */
  private buffer: ClaimedOutboxMessage[] = [];
  /** Claimed, waiting a moment for their chat's pace. */
  private held: HeldRow[] = [];
  private lastEmptyClaimMs = Number.NEGATIVE_INFINITY;
  private marks: PendingMark[] = [];
  private writingMarks = false;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: OutboxSenderDeps) {
    this.repository = new OutboxRepository(deps.db);
    this.pacer = new Pacer(deps.rates);
    this.attachments = new AttachmentResolver(deps.attachments);
    this.now = deps.now ?? (() => new Date());
    this.concurrency = deps.concurrency ?? DEFAULT_OUTBOX_CONCURRENCY;
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.pollMs = deps.pollMs ?? 500;
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    // About a quarter of a second's budget per claim, so claiming costs little at any rate.
    const perSecond = deps.rates.globalPerSecond * deps.rates.scale;
    this.claimSize = Math.min(200, Math.max(this.concurrency, Math.ceil(perSecond / 4)));
    this.maxHoldMs = Math.min(MAX_HOLD_MS, this.leaseMs / 4);
  }

  start(): void {
    if (this.loop !== null) throw new Error("the outbox sender is already running");
    this.stopping = false;
    this.loop = this.pump(false).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  async drainOnce(): Promise<number> {
    if (this.loop !== null) throw new Error("drainOnce() while the sender runs: stop() it first");
    this.stopping = false;
    this.lastEmptyClaimMs = Number.NEGATIVE_INFINITY;
    return this.pump(true);
  }

  /** The loop: until stopped, or (untilIdle) until nothing is due. Returns the rows handled. */
  private async pump(untilIdle: boolean): Promise<number> {
    let handled = 0;
    let failures = 0;
    while (!this.stopping) {
      let pauseMs: number;
      try {
        const step = await this.step();
        if (step === "idle" && untilIdle) break;
        if (step === "dispatched") handled++;
        pauseMs = step === "idle" ? this.pollMs : typeof step === "number" ? step : 0;
        failures = 0;
      } catch (error) {
        // The database is away: keep the rows (their leases will end) and try again later.
        failures++;
        this.deps.logger.error({ err: error }, "outbox sender: database error");
        pauseMs = Math.min(30_000, this.pollMs * 2 ** Math.min(failures, 6));
      }
      if (pauseMs > 0) await this.sleep(pauseMs);
    }
    await Promise.all(this.inflight);
    await this.releaseClaimed().catch((error: unknown) => {
      this.deps.logger.error({ err: error }, "outbox sender: could not give back claimed rows");
    });
    return handled;
  }

  /** One decision: dispatch, hold or release a row, or say how long to wait ("idle": nothing due). */
  private async step(): Promise<"dispatched" | "held" | "released" | "idle" | number> {
    if (this.inflight.size >= this.concurrency) {
      await Promise.race(this.inflight);
      return 0;
    }
    const nowMs = this.now().getTime();
    const globalWait = this.pacer.globalWaitMs(nowMs);
    if (globalWait > 0) {
      // A long pause (a global 429) must not keep claimed rows out of other senders' reach.
      if (globalWait > this.maxHoldMs) await this.releaseClaimed(new Date(nowMs + globalWait));
      return globalWait;
    }
    const row = this.nextRow(nowMs);
    if (row === undefined) return this.refill(nowMs);
    const chatWait = this.pacer.acquire(row.chatId, nowMs);
    if (chatWait > 0) {
      if (chatWait <= this.maxHoldMs && this.held.length < this.claimSize * 4) {
        this.held.push({ row, readyAtMs: nowMs + chatWait });
        return "held";
      }
      await this.repository.reschedule(row.id, new Date(nowMs + chatWait), null, false);
      return "released";
    }
    const sending = this.send(row).finally(() => this.inflight.delete(sending));
    this.inflight.add(sending);
    return "dispatched";
  }

  /** A held row whose chat is ready (they are older), else the next claimed one. */
  private nextRow(nowMs: number): ClaimedOutboxMessage | undefined {
    const ready = this.held.findIndex((held) => held.readyAtMs <= nowMs);
    if (ready >= 0) return this.held.splice(ready, 1)[0]?.row;
    return this.buffer.shift();
  }

  /** Nothing to send at hand: claim more, or wait for the held rows, the sends in flight, or new rows. */
  private async refill(nowMs: number): Promise<"idle" | number> {
    const heldWait =
      this.held.length === 0 ? null : Math.min(...this.held.map((held) => held.readyAtMs)) - nowMs;
    if (nowMs - this.lastEmptyClaimMs >= this.pollMs || heldWait === null) {
      this.buffer = await this.repository.claim(this.claimSize, new Date(nowMs), this.leaseMs);
      if (this.buffer.length > 0) return 0;
      this.lastEmptyClaimMs = nowMs;
    }
    if (heldWait !== null) return Math.max(1, heldWait);
    if (this.inflight.size > 0) {
      await Promise.race(this.inflight);
      return 0;
    }
    return "idle";
  }

  private async send(row: ClaimedOutboxMessage): Promise<void> {
    try {
      const payload = outboxPayloadSchema.safeParse(row.payload);
      if (!payload.success) {
        await this.repository.markFailed(row.id, `invalid payload: ${payload.error.message}`);
        this.deps.logger.error({ outboxId: row.id, kind: row.kind }, "outbox: invalid payload");
        this.observe((observer) => observer.failed(row.kind, "invalid"));
        return;
      }
      const { method, params: stored } = telegramCall(row.chatId, payload.data);
      let call: Awaited<ReturnType<AttachmentResolver["resolve"]>>;
      try {
        call = await this.attachments.resolve(payload.data, stored);
      } catch (error) {
        if (error instanceof UnknownAttachmentError) {
          await this.repository.markFailed(row.id, error.message);
          this.deps.logger.error({ outboxId: row.id, kind: row.kind }, "outbox: unknown attachment");
          return;
        }
        // The renderer could not make the file (the database is away): retried like a 5xx.
        this.deps.logger.error({ err: error, outboxId: row.id }, "outbox: could not render an attachment");
        await this.failed(row, { kind: "network", description: `attachment: ${String(error)}` });
        return;
      }
      let result: unknown;
      try {
        result = await (this.deps.api.raw[method] as unknown as RawMethod)(call.params);
      } catch (error) {
        await this.failed(row, deliveryFailureOf(error));
        return;
      }
      this.attachments.remember(call.attachmentKey, result);
      const messageId = (result as { message_id?: unknown }).message_id;
      await this.markSent(row.id, typeof messageId === "number" ? messageId : 0);
      this.observe((observer) => observer.sent(row.kind));
    } catch (error) {
      // Recording failed (the database): the lease brings the row back; it may go out twice.
      this.deps.logger.error({ err: error, outboxId: row.id }, "outbox: could not record a send");
    }
  }

  /**
   * Records a send; sends that finish while a record is being written are written together in
   * one statement (at 200 messages a second, one statement per message is most of the work).
   * The send's in-flight slot stays taken until its row is SENT.
   */
  private markSent(id: number, telegramMessageId: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.marks.push({
        id,
        telegramMessageId,
        sentAt: this.now(),
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.writingMarks) {
        this.writingMarks = true;
        void this.writeMarks();
      }
    });
  }

  private async writeMarks(): Promise<void> {
    while (this.marks.length > 0) {
      const batch = this.marks.splice(0);
      try {
        await this.repository.markSentMany(batch);
        for (const mark of batch) mark.done();
      } catch (error) {
        for (const mark of batch) mark.done(error);
      }
    }
    this.writingMarks = false;
  }

  private async failed(row: ClaimedOutboxMessage, failure: DeliveryFailure): Promise<void> {
    const verdict = judgeFailure(failure);
    const error = describeFailure(failure);
    const now = this.now();
    const log = { outboxId: row.id, chatId: row.chatId, kind: row.kind, error };
    switch (verdict.kind) {
      case "flood": {
        const scope = this.pacer.tooManyRequests(row.chatId, verdict.retryAfterMs, now.getTime());
        this.deps.logger.warn({ ...log, scope, retryAfterMs: verdict.retryAfterMs }, "outbox: 429");
        await this.repository.reschedule(
          row.id,
          new Date(now.getTime() + verdict.retryAfterMs),
          error,
          false,
        );
        this.observe((observer) => observer.tooManyRequests(scope));
        return;
      }
      case "unreachable":
        this.deps.logger.info(log, "outbox: recipient unreachable");
        await this.repository.markUndeliverable(row.id, error, now);
        this.observe((observer) => observer.failed(row.kind, "unreachable"));
        return;
      case "rejected":
        this.deps.logger.error(log, "outbox: Telegram refused the message");
        await this.repository.markFailed(row.id, error);
        this.observe((observer) => observer.failed(row.kind, "rejected"));
        return;
      case "transient": {
        const delay = retryDelayMs(row.attempts, this.retry);
        if (delay === null) {
          this.deps.logger.error({ ...log, attempts: row.attempts }, "outbox: giving up");
          await this.repository.markFailed(row.id, error);
          this.observe((observer) => observer.failed(row.kind, "gave-up"));
          return;
        }
        this.deps.logger.warn({ ...log, attempts: row.attempts, retryInMs: delay }, "outbox: will retry");
        await this.repository.reschedule(row.id, new Date(now.getTime() + delay), error, true);
        this.observe((observer) => observer.retried(row.kind));
      }
    }
  }

  /** Gives the claimed rows not yet sent back to the queue (due at `at`, default now). */
  private async releaseClaimed(at: Date = this.now()): Promise<void> {
    const rows = [...this.held.map((held) => held.row), ...this.buffer];
    this.held = [];
    this.buffer = [];
    for (const row of rows) await this.repository.reschedule(row.id, at, null, false);
  }

  private observe(report: (observer: OutboxObserver) => void): void {
    if (!this.deps.observer) return;
    try {
      report(this.deps.observer);
    } catch (error) {
      this.deps.logger.warn({ err: error }, "outbox: observer failed");
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
