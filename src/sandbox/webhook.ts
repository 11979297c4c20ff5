import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "grammy/types";
import type { UpdateQueue } from "./update-queue.js";

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** A webhook reply: the bot answered the update's POST with a method call in the body. */
export type WebhookReplyHandler = (call: Record<string, unknown>) => void;

type Outcome = "delivered" | "gave-up" | "cancelled";

/** Telegram waits for the bot's answer; this bounds a hung handler in tests. */
const DELIVERY_TIMEOUT_MS = 30_000;

/**
 * POSTs queued updates to the webhook one at a time, in order. A failed delivery is retried
 * after each of `retryDelaysMs`; then the update is dropped and the error kept for getWebhookInfo.
 */
export class WebhookDeliverer {
  private current: WebhookConfig | undefined;
  private running: Promise<void> | undefined;
  private readonly stopController = new AbortController();
  private lastError: { date: number; message: string } | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly retryDelaysMs: readonly number[],
    private readonly onReply: WebhookReplyHandler,
  ) {
    queue.onArrival(() => this.kick());
  }

  get config(): WebhookConfig | undefined {
    return this.current;
  }

  get lastErrorInfo(): { date: number; message: string } | undefined {
    return this.lastError;
  }

  set(config: WebhookConfig | undefined): void {
    if (config?.url !== this.current?.url) this.lastError = undefined;
    this.current = config;
    this.kick();
  }

  /** Aborts the delivery in flight and waits for the loop to end. */
  async stop(): Promise<void> {
    this.current = undefined;
    this.stopController.abort();
    await this.running;
  }

  private kick(): void {
    if (this.running !== undefined || this.current === undefined || this.queue.size === 0) return;
    if (this.stopController.signal.aborted) return;
    this.running = this.loop().finally(() => {
      this.running = undefined;
      // The loop ends early when the webhook changed mid-delivery; the new one takes over.
      this.kick();
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      const config = this.current;
      const update = this.queue.peek();
      if (config === undefined || update === undefined) return;
      const outcome = await this.deliverWithRetries(update, config);
      if (outcome === "cancelled") return;
      this.queue.confirm(update.update_id + 1);
    }
  }

  private async deliverWithRetries(update: Update, config: WebhookConfig): Promise<Outcome> {
    for (let attempt = 0; ; attempt++) {
      const error = await this.deliverOnce(update, config);
      if (this.current !== config) return error === undefined ? "delivered" : "cancelled";
      if (error === undefined) return "delivered";
      this.lastError = { date: Math.floor(Date.now() / 1000), message: error };
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined) return "gave-up";
      try {
        await sleep(delay, undefined, { signal: this.stopController.signal });
      } catch {
        return "cancelled";
      }
      if (this.current !== config) return "cancelled";
    }
  }

  /** Returns undefined on success, else the error text Telegram would show. */
  private async deliverOnce(update: Update, config: WebhookConfig): Promise<string | undefined> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.secretToken !== undefined) headers["X-Telegram-Bot-Api-Secret-Token"] = config.secretToken;
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.stopController.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      const body = await response.text();
      if (!response.ok) return `Wrong response from the webhook: ${response.status} ${response.statusText}`;
      this.handleReply(body);
      return undefined;
    } catch (error) {
      return describeFetchError(error);
    }
  }

  private handleReply(body: string): void {
    if (body.trim() === "") return;
    try {
      const reply: unknown = JSON.parse(body);
      if (typeof reply === "object" && reply !== null && "method" in reply) {
        this.onReply(reply as Record<string, unknown>);
      }
    } catch {
      // Telegram ignores a body that is not a method call.
    }
  }
}

function describeFetchError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "Connection refused";
  if (error instanceof Error && error.name === "TimeoutError") return "Read timeout expired";
  return error instanceof Error ? error.message : String(error);
}
