import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, BotCommandScope, Update, UserFromGetMe } from "grammy/types";
import { ApiError } from "./api-error.js";
import { SandboxCore } from "./core.js";
import { SandboxHttp } from "./http.js";
import { injectButtonPress, injectDocument, injectText } from "./injection.js";
import { commandsFor } from "./methods/bot-settings.js";
import { METHODS } from "./methods/index.js";
import type {
  ChatTarget,
  GroupInit,
  GroupMemberInit,
  RecordedCall,
  SandboxMessage,
  SandboxOptions,
  SandboxUser,
  SandboxUserInit,
  SendTextOptions,
  UploadDocumentInput,
} from "./types.js";

const DEFAULT_TOKEN = "123456:SANDBOX";
const DEFAULT_WAIT_MS = 3000;

function botInfoFor(token: string, options: SandboxOptions): UserFromGetMe {
  const id = Number(token.split(":")[0]);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new Error(`token must look like "<bot id>:<secret>": ${token}`);
  return {
    id,
    is_bot: true,
    first_name: options.botFirstName ?? "Dondoc",
    username: options.botUsername ?? "dondoc_bot",
    can_join_groups: true,
    can_read_all_group_messages: !(options.privacyMode ?? true),
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/**
 * A local Telegram Bot API server for tests, benchmarks and demos. Point grammY at it with
 * `new Bot(sandbox.token, { botInfo: sandbox.botInfo, client: { apiRoot: sandbox.apiRoot } })`,
 * act as users with `addUser(...).sendText(...)`, and watch the bot through `calls`,
 * `messagesIn` and the `waitFor*` methods.
 */
export class BotApiSandbox {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  private readonly core: SandboxCore;
  private readonly http: SandboxHttp;
  private server: Server | undefined;
  private root: string | undefined;

  constructor(options: SandboxOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.botInfo = botInfoFor(this.token, options);
    this.core = new SandboxCore(
      this.botInfo,
      {
        longPollMaxSeconds: options.longPollMaxSeconds ?? 50,
        privacyMode: options.privacyMode ?? true,
        floodLimits: options.floodLimits ?? false,
        floodScale: options.floodScale ?? 1,
        webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [50, 200, 500],
      },
      METHODS,
    );
    this.http = new SandboxHttp(this.core, this.token);
  }

  /** Listens on 127.0.0.1; port 0 picks a free port. A sandbox starts once. */
  async start(port = 0): Promise<void> {
    if (this.server !== undefined || this.core.shutdown.signal.aborted) {
      throw new Error("this sandbox was already started; create a new one");
    }
    const server = createServer(this.http.handle);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
    this.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Answers pending long polls with no updates, stops webhook delivery and closes every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined || this.core.shutdown.signal.aborted) return;
    this.core.shutdown.abort();
    const stopped = new Error("the sandbox was stopped");
    this.core.messageWaiters.rejectAll(stopped);
    this.core.callWaiters.rejectAll(stopped);
    await this.core.webhook.stop();
    await this.http.drain(1000);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** e.g. "http://127.0.0.1:40123", for grammY's `client.apiRoot`. */
  get apiRoot(): string {
    if (this.root === undefined) throw new Error("call start() before reading apiRoot");
    return this.root;
  }

  /** True while a getUpdates request is waiting for updates (the bot is connected and idle). */
  get isLongPolling(): boolean {
    return this.core.activePoll !== undefined;
  }

  /** Enforce Telegram's flood limits (429 with retry_after); switching on starts with empty counters. */
  get floodLimits(): boolean {
    return this.core.floodLimits;
  }

  set floodLimits(enabled: boolean) {
    this.core.floodLimits = enabled;
  }

  // ---- faults -------------------------------------------------------------------------------

  /**
   * The user blocks the bot (a private chat) or the bot is removed (a group): every send there
   * answers 403 until `unblockBot`.
   */
  blockBot(chatId: number): void {
    this.core.world.chatForTest(chatId);
    this.core.blockedChats.add(chatId);
  }

  unblockBot(chatId: number): void {
    this.core.blockedChats.delete(chatId);
  }

  /**
   * The next `count` sends (any chat) fail with this error, e.g. 502 "Bad Gateway" for a burst
   * of server errors; `retryAfter` makes it carry `parameters.retry_after`.
   */
  failNextSends(count: number, errorCode = 502, description = "Bad Gateway", retryAfter?: number): void {
    for (let i = 0; i < count; i++) {
      this.core.injectedFailures.push(
        new ApiError(
          errorCode,
          description,
          retryAfter === undefined ? undefined : { retry_after: retryAfter },
        ),
      );
    }
  }

  /** A global flood: for `seconds`, every send to any chat answers 429 with the time left. */
  floodAllSends(seconds: number): void {
    this.core.floodedUntilMs = Date.now() + seconds * 1000;
  }

  // ---- actors ---------------------------------------------------------------------------------

  /** Adds a user and the private chat with the bot (chat id = user id). */
  addUser(init: SandboxUserInit): SandboxUser {
    const user = this.core.world.addUser(init);
    return {
      id: user.id,
      user,
      chatId: user.id,
      sendText: (text, options) => this.sendText(user.id, text, options),
      pressButton: (messageId, data, options) =>
        this.pressButton(user.id, options?.chatId ?? user.id, messageId, data),
      uploadDocument: (file, options) => this.uploadDocument(user.id, file, options),
      messages: () => this.messagesIn(user.id),
      waitForBotMessage: (predicate, timeoutMs) => this.waitForBotMessage(user.id, predicate, timeoutMs),
    };
  }

  /** Adds a group (negative id; below -1000000000000 a supergroup). Users who write there later join as members. */
  addGroup(chat: GroupInit, members?: GroupMemberInit[]): void {
    this.core.world.addGroup(chat, members);
  }

  // ---- injecting updates ----------------------------------------------------------------------

  /**
   * A user writes `text`. Commands ("/start", "/start@dondoc_bot") and @mentions get their
   * entities. In a group under privacy mode the bot may not see it: the message is stored but
   * not delivered, and the returned update has update_id 0.
   */
  sendText(fromUserId: number, text: string, options?: SendTextOptions): Update {
    return injectText(this.core, fromUserId, text, options);
  }

  /** A user presses an inline button; throws when the bot's message has no button with that callback_data. */
  pressButton(fromUserId: number, chatId: number, messageId: number, data: string): Update {
    return injectButtonPress(this.core, fromUserId, chatId, messageId, data);
  }

  /** A user sends a file; the bot can getFile and download it. */
  uploadDocument(fromUserId: number, file: UploadDocumentInput, options?: ChatTarget): Update {
    return injectDocument(this.core, fromUserId, file, options?.chatId);
  }

  // ---- observing ------------------------------------------------------------------------------

  /** Every API call, in the order they were answered (a long poll when it returns); `at` is when it arrived. */
  get calls(): ReadonlyArray<RecordedCall> {
    return this.core.calls;
  }

  resetCalls(): void {
    this.core.calls.length = 0;
  }

  /** The bot's messages now in a chat: edits applied, deleted ones gone. */
  messagesIn(chatId: number): SandboxMessage[] {
    return this.core.world.botMessages(this.core.world.chatForTest(chatId));
  }

  /** Resolves with the first bot message sent or edited in the chat after this call that matches. */
  waitForBotMessage(
    chatId: number,
    predicate: (m: SandboxMessage) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<SandboxMessage> {
    this.core.world.chatForTest(chatId);
    return this.core.messageWaiters.wait(
      (m) => m.chatId === chatId && predicate(m),
      timeoutMs,
      () =>
        `waitForBotMessage: no matching bot message in chat ${chatId} within ${timeoutMs} ms. ` +
        `Bot messages there: ${describeMessages(this.messagesIn(chatId))}. Recent calls: ${describeCalls(this.core.calls)}`,
    );
  }

  /** Resolves with the first call of `method` (any letter case) recorded after this call that matches. */
  waitForCall(
    method: string,
    predicate: (c: RecordedCall) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedCall> {
    const wanted = method.toLowerCase();
    return this.core.callWaiters.wait(
      (c) => c.method.toLowerCase() === wanted && predicate(c),
      timeoutMs,
      () =>
        `waitForCall: no matching ${method} call within ${timeoutMs} ms. Recent calls: ${describeCalls(this.core.calls)}`,
    );
  }

  /** Where the bot (or a test) downloads a file, as `https://api.telegram.org/file/bot<token>/<path>`. */
  downloadUrl(fileId: string): string {
    const file = this.core.world.files.get(fileId);
    if (file === undefined) throw new Error(`unknown file_id ${fileId}`);
    return `${this.apiRoot}/file/bot${this.token}/${file.filePath}`;
  }

  /** The commands set for exactly this scope and language (what getMyCommands answers). */
  commandsFor(scope?: BotCommandScope, languageCode?: string): BotCommand[] {
    return commandsFor(this.core, scope, languageCode);
  }
}

function describeMessages(messages: readonly SandboxMessage[]): string {
  if (messages.length === 0) return "none";
  return messages
    .slice(-5)
    .map((m) => `#${m.messageId} ${JSON.stringify(m.text ?? m.caption ?? m.document?.fileName ?? "(photo)")}`)
    .join(", ");
}

function describeCalls(calls: readonly RecordedCall[]): string {
  const recent = calls.filter((c) => c.method.toLowerCase() !== "getupdates").slice(-5);
  if (recent.length === 0) return "none";
  return recent.map((c) => (c.ok ? c.method : `${c.method} -> ${c.errorCode} ${c.description}`)).join("; ");
}
