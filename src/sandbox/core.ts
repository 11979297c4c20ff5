import type { ResponseParameters, Update, UserFromGetMe } from "grammy/types";
import { ApiError, forbidden, notFound, tooManyRequests } from "./api-error.js";
import { ApiParams } from "./request.js";
import { FloodLimiter, retryAfterSeconds, scaledFloodRules } from "./telegram-limits.js";
import type { RecordedCall, SandboxMessage } from "./types.js";
import { UpdateQueue } from "./update-queue.js";
import { Waiters } from "./waiters.js";
import { WebhookDeliverer } from "./webhook.js";
import { type ChatRecord, compact, SandboxWorld } from "./world.js";

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** A method result that Telegram accompanies with a description ("Webhook was set"). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodHandler = (core: SandboxCore, params: ApiParams, signal: AbortSignal) => unknown;

export interface CoreSettings {
  longPollMaxSeconds: number;
  privacyMode: boolean;
  floodLimits: boolean;
  floodScale: number;
  webhookRetryDelaysMs: readonly number[];
}

/** The sandbox's state and the dispatch of API calls; the HTTP server and the test API sit on top. */
export class SandboxCore {
  readonly world: SandboxWorld;
  readonly queue = new UpdateQueue();
  readonly webhook: WebhookDeliverer;
  readonly flood: FloodLimiter;
  /** Chats where the bot was blocked (private) or removed (group): sends there answer 403. */
  readonly blockedChats = new Set<number>();
  /** Failures the next sends answer with, in order, before any other check. */
  readonly injectedFailures: ApiError[] = [];
  /** Until then every send answers 429, whatever the chat: the bot's overall limit is spent. */
  floodedUntilMs = 0;
  readonly calls: RecordedCall[] = [];
  readonly callWaiters = new Waiters<RecordedCall>();
  readonly messageWaiters = new Waiters<SandboxMessage>();
  /** Aborted by stop(): pending long polls answer with no updates. */
  readonly shutdown = new AbortController();
  /** The getUpdates request waiting for updates; a newer one terminates it, as on Telegram. */
  activePoll: { terminate(): void } | undefined;
  private floodLimitsEnabled: boolean;
  private readonly methods: ReadonlyMap<string, MethodHandler>;

  constructor(
    readonly botInfo: UserFromGetMe,
    readonly settings: CoreSettings,
    methods: Readonly<Record<string, MethodHandler>>,
  ) {
    const bot = compact({
      id: botInfo.id,
      is_bot: true,
      first_name: botInfo.first_name,
      username: botInfo.username,
    });
    this.world = new SandboxWorld(bot, (stored) => {
      if (!this.messageWaiters.isEmpty) this.messageWaiters.notify(this.world.toSandboxMessage(stored));
    });
    this.webhook = new WebhookDeliverer(this.queue, settings.webhookRetryDelaysMs, (reply) => {
      void this.callFromWebhookReply(reply);
    });
    this.flood = new FloodLimiter(scaledFloodRules(settings.floodScale));
    this.floodLimitsEnabled = settings.floodLimits;
    // Telegram's method names are case-insensitive.
    this.methods = new Map(Object.entries(methods).map(([name, handler]) => [name.toLowerCase(), handler]));
  }

  get floodLimits(): boolean {
    return this.floodLimitsEnabled;
  }

  set floodLimits(enabled: boolean) {
    if (enabled && !this.floodLimitsEnabled) this.flood.reset();
    this.floodLimitsEnabled = enabled;
  }

  /**
   * Runs a method and records the call; never throws. A synchronous method is recorded in the
   * same tick as its effects, so a test woken by waitForBotMessage already sees the call.
   */
  async call(method: string, params: ApiParams, signal: AbortSignal, at = new Date()): Promise<ApiResponse> {
    const finish = (response: ApiResponse): ApiResponse => {
      this.record(method, params.recorded(), at, response);
      return response;
    };
    try {
      const handler = this.methods.get(method.toLowerCase());
      if (handler === undefined) throw notFound();
      const result = handler(this, params, signal);
      return finish(toResponse(result instanceof Promise ? await result : result));
    } catch (error) {
      return finish(errorResponse(error));
    }
  }

  record(method: string, payload: Record<string, unknown>, at: Date, response: ApiResponse): void {
    const call: RecordedCall = response.ok
      ? { method, payload, at, ok: true, result: response.result }
      : { method, payload, at, ok: false, errorCode: response.error_code, description: response.description };
    this.calls.push(call);
    this.callWaiters.notify(call);
  }

  /**
   * Throws what Telegram would answer instead of sending: an injected failure, 403 for a chat
   * that blocked or removed the bot, 429 during a global flood or beyond the flood limits
   * (the message is then counted against them).
   */
  admitMessage(record: ChatRecord): void {
    const injected = this.injectedFailures.shift();
    if (injected !== undefined) throw injected;
    if (this.blockedChats.has(record.chat.id)) {
      throw forbidden(
        record.kind === "private" ? "bot was blocked by the user" : "bot was kicked from the group chat",
      );
    }
    const nowMs = Date.now();
    if (nowMs < this.floodedUntilMs) throw tooManyRequests(retryAfterSeconds(this.floodedUntilMs - nowMs));
    if (!this.floodLimitsEnabled) return;
    const retryAfter = this.flood.admit(record.chat.id, record.kind, nowMs);
    if (retryAfter > 0) throw tooManyRequests(retryAfter);
  }

  enqueue(build: (updateId: number) => Update): Update {
    return this.queue.push(build);
  }

  private async callFromWebhookReply(reply: Record<string, unknown>): Promise<void> {
    const { method, ...fields } = reply;
    if (typeof method !== "string") return;
    await this.call(method, new ApiParams(fields, new Map()), new AbortController().signal);
  }
}

function toResponse(result: unknown): ApiResponse {
  return result instanceof Described
    ? { ok: true, result: result.result, description: result.description }
    : { ok: true, result };
}

export function errorResponse(error: unknown): ApiResponse {
  if (error instanceof ApiError) {
    return compact({
      ok: false as const,
      error_code: error.errorCode,
      description: error.description,
      parameters: error.parameters,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error_code: 500, description: `Internal Server Error: ${message}` };
}
