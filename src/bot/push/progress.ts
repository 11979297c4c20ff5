// The admin's view of a push under way: one message edited every few seconds (sent / total,
// failed, time left) until the outbox has delivered or given up every message of the batch,
// then a report. Several instances may watch the same run: the one that marks it finished
// sends the report, so it comes once.
import type { Api } from "grammy";
import type { Db } from "../../db/prisma.js";
import type { Locale } from "../../domain/locale.js";
import type { Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { pushProgressText, pushReportText } from "../../render/push-admin.js";
import { OutboxRepository } from "../../repositories/outbox.js";
import { PushRunsRepository } from "../../repositories/push-runs.js";

export interface PushProgressDeps {
  db: Db;
  api: Pick<Api, "editMessageText" | "sendMessage">;
  translator: Translator;
  logger: Pick<Logger, "warn">;
  /** At most one edit this often (Telegram's limits, and the reader's patience). */
  intervalMs?: number;
  now?: () => Date;
}

export interface WatchedPush {
  pushRunId: number;
  batch: string;
  chatId: number;
  messageId: number;
  locale: Locale;
}

export interface PushProgress {
  watch(push: WatchedPush): void;
  /** Stops watching (shutdown); the pushes themselves go on in the outbox. */
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 3_000;

export function createPushProgress(deps: PushProgressDeps): PushProgress {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  return {
    watch(push) {
      const run = follow(deps, push, controller.signal).catch((error: unknown) =>
        deps.logger.warn({ pushRunId: push.pushRunId, error: String(error) }, "push progress stopped"),
      );
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    async stop() {
      controller.abort();
      await Promise.all(running);
    },
  };
}

async function follow(deps: PushProgressDeps, push: WatchedPush, signal: AbortSignal): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const t = deps.translator.forLocale(push.locale);
  const outbox = new OutboxRepository(deps.db);
  const started = now().getTime();
  let shown = "";
  let sentAtStart: number | null = null;
  while (!signal.aborted) {
    const progress = await outbox.batchProgress(push.batch);
    sentAtStart ??= progress.sent + progress.failed;
    const done = progress.sent + progress.failed;
    const elapsed = (now().getTime() - started) / 1000;
    const rate = elapsed > 0 ? (done - sentAtStart) / elapsed : 0;
    const text = pushProgressText(t, push.locale, {
      ...progress,
      secondsLeft: progress.pending === 0 ? 0 : rate > 0 ? progress.pending / rate : null,
    });
    if (text !== shown) {
      shown = text;
      await deps.api
        .editMessageText(push.chatId, push.messageId, text, { parse_mode: "HTML" })
        .catch((error: unknown) => {
          if (!String(error).includes("message is not modified")) throw error;
        });
    }
    if (progress.pending === 0) return report(deps, push, progress.total, progress.sent);
    await sleep(deps.intervalMs ?? DEFAULT_INTERVAL_MS, signal);
  }
}

async function report(deps: PushProgressDeps, push: WatchedPush, total: number, sent: number): Promise<void> {
  const runs = new PushRunsRepository(deps.db);
  if (!(await runs.markFinished(push.pushRunId, (deps.now ?? (() => new Date()))()))) return;
  const [run, undeliverable] = await Promise.all([runs.find(push.pushRunId), runs.undeliverable(push.batch)]);
  const t = deps.translator.forLocale(push.locale);
  await deps.api.sendMessage(
    push.chatId,
    pushReportText(t, push.locale, {
      total,
      sent,
      undeliverable,
      unreachableUnits: run?.unreachableUnits ?? [],
    }),
    { parse_mode: "HTML" },
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
