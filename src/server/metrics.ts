// What /metrics shows (Prometheus text format, prom-client). The bot, the outbox sender and
// the scheduler report through small observer interfaces of their own, implemented here, so
// none of them depends on prom-client. Each instance has its own registry and counts what IT
// did; Prometheus sums over instances. The outbox depth is read from the database at scrape
// time, so every instance reports the same shared figure (take max, not sum).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { UpdateObserver } from "../bot/middlewares/observe-updates.js";
import type { JobObserver } from "../jobs/scheduler.js";
import type { OutboxObserver } from "../outbox/sender.js";

export interface MetricsDeps {
  /** Rows waiting to be sent (PENDING), from the database. */
  outboxDepth: () => Promise<number>;
  /** Node's own figures (memory, event loop lag, GC): on in production, off in tests. */
  processMetrics?: boolean;
}

export interface Metrics {
  readonly registry: Registry;
  readonly updates: UpdateObserver;
  readonly outbox: OutboxObserver;
  readonly jobs: JobObserver;
  /** The scrape: content type and body. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Seconds; a reply is expected well under 50 ms, an import of a large file takes seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  if (deps.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
    new Counter<Label>({ name, help, labelNames, registers });

  const updatesHandled = counter(
    "dondoc_updates_total",
    "Telegram updates handled, by update type and outcome (failed: the user got an error message)",
    ["type", "outcome"],
  );
  const updateSeconds = new Histogram({
    name: "dondoc_update_duration_seconds",
    help: "Time from an update's arrival to the end of its handling, waiting behind its chat's earlier updates included",
    labelNames: ["type"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new Gauge({
    name: "dondoc_outbox_pending",
    help: "Outbox messages waiting to be sent (all instances share the outbox: take max, not sum)",
    registers,
    async collect() {
      // A scrape while the database is away leaves the last figure rather than failing the scrape.
      const depth = await deps.outboxDepth().catch(() => null);
      if (depth !== null) this.set(depth);
    },
  });
  const outboxSent = counter(
    "dondoc_outbox_sent_total",
    "Outbox messages Telegram accepted, by message kind",
    ["kind"],
  );
  const outboxFailed = counter(
    "dondoc_outbox_failed_total",
    "Outbox messages given up on, by kind and reason (unreachable, rejected, gave-up, invalid)",
    ["kind", "reason"],
  );
  const outboxRetried = counter(
    "dondoc_outbox_retried_total",
    "Sends that failed on a network error or a 5xx and were rescheduled, by kind",
    ["kind"],
  );
  const tooManyRequests = counter(
    "dondoc_telegram_429_total",
    "429 Too Many Requests answers to outbox sends, by scope (chat, or global when every send paused)",
    ["scope"],
  );
  const jobRuns = counter(
    "dondoc_job_runs_total",
    "Scheduled job runs made by this instance, by job and outcome (ok, failed)",
    ["job", "outcome"],
  );
  const jobSeconds = new Histogram({
    name: "dondoc_job_duration_seconds",
    help: "How long scheduled job runs took, by job",
    labelNames: ["job"] as const,
    buckets: [0.1, 1, 10, 60, 300, 1800],
    registers,
  });

  return {
    registry,
    updates: {
      handled(type, seconds, outcome) {
        updatesHandled.inc({ type, outcome });
        updateSeconds.observe({ type }, seconds);
      },
    },
    outbox: {
      sent: (kind) => outboxSent.inc({ kind }),
      failed: (kind, reason) => outboxFailed.inc({ kind, reason }),
      retried: (kind) => outboxRetried.inc({ kind }),
      tooManyRequests: (scope) => tooManyRequests.inc({ scope }),
    },
    jobs: {
      ran(job, seconds, outcome) {
        jobRuns.inc({ job, outcome });
        jobSeconds.observe({ job }, seconds);
      },
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
