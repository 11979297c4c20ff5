// What an outbox row asks Telegram to do, and how the one sender judges Telegram's answer.
// Rows are written by use-cases (in their own transaction) long before the sender reads them,
// possibly by another version of the code: the payload is plain JSON, checked with zod both
// when it is queued and when it is read back.
import { z } from "zod";

const inlineButton = z.union([
  z.object({ text: z.string().min(1), callback_data: z.string().min(1) }).strict(),
  z.object({ text: z.string().min(1), url: z.string().min(1) }).strict(),
]);

const inlineKeyboard = z.object({ inline_keyboard: z.array(z.array(inlineButton)) }).strict();

const common = {
  parse_mode: z.literal("HTML").optional(),
  reply_markup: inlineKeyboard.optional(),
  disable_notification: z.boolean().optional(),
};

const textMessage = z
  .object({
    method: z.literal("sendMessage"),
    text: z.string().min(1),
    link_preview_options: z.object({ is_disabled: z.boolean() }).strict().optional(),
    ...common,
  })
  .strict();

/**
 * A file made when the row is sent, not when it is queued: the sender asks the renderer
 * registered for `kind` (see src/outbox/attachments.ts) with `params`. A digest's workbook of
 * 100,000 dossiers is megabytes: rendered once at send time and reused by its file_id for the
 * other recipients, it never sits in the outbox table. The params name the moment the file
 * reports (`at`), so a file rendered later still says what the message said.
 */
export const outboxAttachmentSchema = z
  .object({
    kind: z.string().min(1),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .strict();

export type OutboxAttachment = z.infer<typeof outboxAttachmentSchema>;

/** A file Telegram already has (a `file_id` from an earlier upload), an https URL, or an attachment. */
const fileFields = {
  attachment: outboxAttachmentSchema.optional(),
  caption: z.string().optional(),
  ...common,
};
const oneFile = (file: string | undefined, attachment: OutboxAttachment | undefined) =>
  (file === undefined) !== (attachment === undefined);
const ONE_FILE = { message: "a file message has either a file (file_id or URL) or an attachment" };

const documentMessage = z
  .object({ method: z.literal("sendDocument"), document: z.string().min(1).optional(), ...fileFields })
  .strict()
  .refine((payload) => oneFile(payload.document, payload.attachment), ONE_FILE);

const photoMessage = z
  .object({ method: z.literal("sendPhoto"), photo: z.string().min(1).optional(), ...fileFields })
  .strict()
  .refine((payload) => oneFile(payload.photo, payload.attachment), ONE_FILE);

/** The parameter a file message's file goes in. */
export const FILE_FIELD = { sendDocument: "document", sendPhoto: "photo" } as const;

export const outboxPayloadSchema = z.discriminatedUnion("method", [
  textMessage,
  documentMessage,
  photoMessage,
]);

export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;
export type InlineKeyboard = z.infer<typeof inlineKeyboard>;

/** The Bot API call a payload becomes: its method, and the parameters with the chat added. */
export function telegramCall(
  chatId: number | bigint,
  payload: OutboxPayload,
): { method: OutboxPayload["method"]; params: Record<string, unknown> } {
  const { method, ...params } = payload;
  return { method, params: { chat_id: Number(chatId), ...params } };
}

// ---- Rates ------------------------------------------------------------------------------------

/**
 * How fast the sender may send. Telegram does not publish exact limits, so these are settings;
 * the defaults stay under what its documentation suggests (about 30 messages a second overall,
 * one a second per private chat, 20 a minute per group). `scale` multiplies every rate at once
 * (benchmarks and tests against a sandbox whose limits are scaled the same way).
 */
export interface OutboxRates {
  globalPerSecond: number;
  privatePerSecond: number;
  groupPerMinute: number;
  scale: number;
}

export const DEFAULT_OUTBOX_RATES: Readonly<OutboxRates> = {
  globalPerSecond: 25,
  privatePerSecond: 1,
  groupPerMinute: 20,
  scale: 1,
};

/** Telegram's chat ids: users are positive, groups and channels negative. */
export const isGroupChat = (chatId: number | bigint): boolean => Number(chatId) < 0;

/** The least time between two messages to one chat at these rates. */
export function chatIntervalMs(rates: OutboxRates, chatId: number | bigint): number {
  return isGroupChat(chatId)
    ? 60_000 / (rates.groupPerMinute * rates.scale)
    : 1000 / (rates.privatePerSecond * rates.scale);
}

/**
 * The shortest time the rates allow for sending these messages (chat id and how many to it):
 * the overall rate for all of them, or the slowest chat's own pace, whichever is longer. The
 * estimate a push preview shows; the benchmark's yardstick.
 */
export function shortestSendMs(
  rates: OutboxRates,
  chats: ReadonlyArray<{ chatId: number | bigint; messages: number }>,
): number {
  const total = chats.reduce((sum, chat) => sum + chat.messages, 0);
  const overall = (total / (rates.globalPerSecond * rates.scale)) * 1000;
  const slowestChat = Math.max(
    0,
    ...chats.map((chat) => (chat.messages - 1) * chatIntervalMs(rates, chat.chatId)),
  );
  return Math.max(overall, slowestChat);
}

// ---- Telegram's answers -----------------------------------------------------------------------

/** A failed call as the sender saw it: Telegram's error, or no answer at all (network). */
export type DeliveryFailure =
  | { kind: "api"; errorCode: number; description: string; retryAfterSeconds?: number }
  | { kind: "network"; description: string };

/**
 * What to do with a row after a failure.
 * - `flood`: Telegram asked to wait (429); the row waits that long and the attempt is not counted.
 * - `unreachable`: the recipient cannot be reached (blocked, kicked, deactivated, chat gone);
 *   the row fails at once and the person or binding is flagged.
 * - `rejected`: Telegram refused the message itself (bad HTML, too long); retrying cannot help.
 * - `transient`: a server error or no answer: retry later with backoff, up to a maximum.
 */
export type DeliveryVerdict =
  | { kind: "flood"; retryAfterMs: number }
  | { kind: "unreachable" }
  | { kind: "rejected" }
  | { kind: "transient" };

const UNREACHABLE_400 = [
  "chat not found",
  "user not found",
  "peer_id_invalid",
  "user is deactivated",
  "bot was kicked",
  "not enough rights to send",
  "have no rights to send",
  "group chat was upgraded",
  "chat_write_forbidden",
];

export function judgeFailure(failure: DeliveryFailure): DeliveryVerdict {
  if (failure.kind === "network") return { kind: "transient" };
  const { errorCode, description } = failure;
  if (errorCode === 429) return { kind: "flood", retryAfterMs: (failure.retryAfterSeconds ?? 1) * 1000 };
  if (errorCode === 403) return { kind: "unreachable" };
  if (errorCode === 400) {
    const text = description.toLowerCase();
    return UNREACHABLE_400.some((phrase) => text.includes(phrase))
      ? { kind: "unreachable" }
      : { kind: "rejected" };
  }
  // 5xx, and 401/404/409 (a wrong token or API root is the operator's to fix; the rows wait).
  return { kind: "transient" };
}

export interface RetryPolicy {
  /** After this many attempts a transient failure becomes FAILED. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
};

/** The pause after the `attempts`-th transient failure (1-based): doubling, capped; null = give up. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}
