// /metrics scraped as Prometheus would, after the bot handled updates (one of them failing),
// the outbox sender sent, met a 429 and a blocked chat, and a scheduled job ran and failed.
import { Api } from "grammy";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_OUTBOX_RATES } from "../../src/domain/outbox.js";
import { startScheduler } from "../../src/jobs/scheduler.js";
import { createOutboxSender } from "../../src/outbox/index.js";
import { type NewOutboxMessage, OutboxRepository } from "../../src/repositories/outbox.js";
import { PeopleRepository } from "../../src/repositories/people.js";
import { createHttpServer, type HttpServer } from "../../src/server/http-server.js";
import { createMetrics, type Metrics } from "../../src/server/metrics.js";
import { startSandbox, until } from "../sandbox/helpers.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { telegramUser, textUpdate } from "../support/telegram.js";
import { describeDatabase } from "../support/test-database.js";

const silent = pino({ level: "silent" });

/** A repository that fails the way a bug would. */
class BrokenPeopleRepository extends PeopleRepository {
  override async findByTelegramId(): Promise<never> {
    throw new TypeError("a bug");
  }
}

const message = (chatId: number, n: number): NewOutboxMessage => ({
  dedupeKey: `metrics-test:${chatId}:${n}`,
  chatId,
  kind: "push-card",
  payload: { method: "sendMessage", text: `#${n}`, parse_mode: "HTML" },
});

/** The value of one sample line, e.g. `dondoc_updates_total{type="message",outcome="ok"}`. */
function sample(body: string, series: string): number | null {
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describeDatabase("/metrics", (database) => {
  let metrics: Metrics;
  let harness: TestBot;
  let server: HttpServer;
  let base: string;

  beforeAll(async () => {
    metrics = createMetrics({
      outboxDepth: () => new OutboxRepository(database().prisma).pendingCount(),
      processMetrics: false,
    });
    harness = createTestBot(database().prisma, { updateObserver: metrics.updates });
    server = createHttpServer({ logger: silent, readiness: {}, metrics });
    base = `http://127.0.0.1:${(await server.listen(0, "127.0.0.1")).port}`;
  });
  afterAll(() => server.close());

  const scrape = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };

  it("counts updates by type and outcome and times them", async () => {
    await harness.send(textUpdate(telegramUser(960_001, "en"), "/help"));
    await harness.send(textUpdate(telegramUser(960_001, "en"), "/start"));
    const broken = createTestBot(database().prisma, {
      updateObserver: metrics.updates,
      people: new BrokenPeopleRepository(database().prisma),
    });
    await broken.send(textUpdate(telegramUser(960_002, "en"), "/help"));
    expect(broken.api.lastText()).toContain("Sorry, something went wrong");
    const body = await scrape();
    expect(sample(body, 'dondoc_updates_total{type="message",outcome="ok"}')).toBe(2);
    expect(sample(body, 'dondoc_updates_total{type="message",outcome="failed"}')).toBe(1);
    expect(sample(body, 'dondoc_update_duration_seconds_count{type="message"}')).toBe(3);
    expect(sample(body, 'dondoc_update_duration_seconds_bucket{le="+Inf",type="message"}')).toBe(3);
    expect(body).toContain("# HELP dondoc_update_duration_seconds ");
  });

  it("shows the outbox's depth, what was sent, refused and rate limited", async () => {
    const sandbox = await startSandbox();
    const fine = sandbox.addUser({ id: 960_101, first_name: "Fine" });
    const blocker = sandbox.addUser({ id: 960_102, first_name: "Blocker" });
    sandbox.blockBot(blocker.chatId);
    const outbox = new OutboxRepository(database().prisma);
    await outbox.enqueue([message(fine.chatId, 1), message(fine.chatId, 2), message(blocker.chatId, 1)]);
    expect(sample(await scrape(), "dondoc_outbox_pending")).toBe(3);

    sandbox.failNextSends(1, 429, "Too Many Requests: retry after 1", 1);
    const sender = createOutboxSender({
      db: database().prisma,
      api: new Api(sandbox.token, { apiRoot: sandbox.apiRoot }),
      rates: { ...DEFAULT_OUTBOX_RATES, scale: 20 },
      logger: silent,
      pollMs: 20,
      observer: metrics.outbox,
    });
    sender.start();
    await until(async () => (await outbox.pendingCount()) === 0, 15_000);
    await sender.stop();

    const body = await scrape();
    expect(sample(body, "dondoc_outbox_pending")).toBe(0);
    expect(sample(body, 'dondoc_outbox_sent_total{kind="push-card"}')).toBe(2);
    expect(sample(body, 'dondoc_outbox_failed_total{kind="push-card",reason="unreachable"}')).toBe(1);
    expect(sample(body, 'dondoc_telegram_429_total{scope="chat"}')).toBe(1);
    expect(fine.messages()).toHaveLength(2);
  });

  it("counts the scheduler's runs and failures by job", async () => {
    let runs = 0;
    const scheduler = startScheduler({
      db: database().prisma,
      jobs: [
        {
          name: "metrics-test-every-second",
          schedule: "* * * * * *",
          run: async () => {
            runs++;
            if (runs === 1) throw new Error("the first run fails");
          },
        },
      ],
      timeZone: "Asia/Ho_Chi_Minh",
      logger: silent,
      observer: metrics.jobs,
    });
    await until(async () => runs >= 2, 10_000);
    await scheduler.stop();
    const body = await scrape();
    expect(sample(body, 'dondoc_job_runs_total{job="metrics-test-every-second",outcome="failed"}')).toBe(1);
    expect(sample(body, 'dondoc_job_runs_total{job="metrics-test-every-second",outcome="ok"}')).toBe(
      runs - 1,
    );
  });
});
