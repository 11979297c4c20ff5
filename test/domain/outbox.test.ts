import { describe, expect, it } from "vitest";
import {
  DEFAULT_OUTBOX_RATES,
  type DeliveryFailure,
  isGroupChat,
  judgeFailure,
  outboxPayloadSchema,
  retryDelayMs,
  shortestSendMs,
  telegramCall,
} from "../../src/domain/outbox.js";

const api = (errorCode: number, description: string, retryAfterSeconds?: number): DeliveryFailure => ({
  kind: "api",
  errorCode,
  description,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

describe("judgeFailure", () => {
  it.each<[string, DeliveryFailure, ReturnType<typeof judgeFailure>]>([
    [
      "429 waits retry_after",
      api(429, "Too Many Requests: retry after 7", 7),
      { kind: "flood", retryAfterMs: 7000 },
    ],
    ["blocked by the user", api(403, "Forbidden: bot was blocked by the user"), { kind: "unreachable" }],
    [
      "kicked from a group",
      api(403, "Forbidden: bot was kicked from the group chat"),
      { kind: "unreachable" },
    ],
    ["user deactivated", api(403, "Forbidden: user is deactivated"), { kind: "unreachable" }],
    ["chat not found", api(400, "Bad Request: chat not found"), { kind: "unreachable" }],
    [
      "group upgraded",
      api(400, "Bad Request: group chat was upgraded to a supergroup chat"),
      { kind: "unreachable" },
    ],
    ["bad HTML", api(400, "Bad Request: can't parse entities: Unsupported start tag"), { kind: "rejected" }],
    ["too long", api(400, "Bad Request: message is too long"), { kind: "rejected" }],
    ["502", api(502, "Bad Gateway"), { kind: "transient" }],
    ["500", api(500, "Internal Server Error"), { kind: "transient" }],
    ["401 wrong token", api(401, "Unauthorized"), { kind: "transient" }],
    ["network", { kind: "network", description: "ECONNRESET" }, { kind: "transient" }],
  ])("%s", (_label, failure, verdict) => {
    expect(judgeFailure(failure)).toEqual(verdict);
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [7, 128_000],
    [8, null],
  ])("after attempt %i: %s", (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });

  it("caps the delay", () => {
    expect(retryDelayMs(10, { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 60_000 })).toBe(60_000);
  });
});

describe("outbox payloads", () => {
  const card = {
    method: "sendMessage" as const,
    text: "<b>Điểm</b> 58,3",
    parse_mode: "HTML" as const,
    reply_markup: {
      inline_keyboard: [
        [{ text: "Danh sách", callback_data: "ov:l:1" }],
        [{ text: "Web", url: "https://x.vn" }],
      ],
    },
    link_preview_options: { is_disabled: true },
  };

  it("accepts a text with an inline keyboard and turns it into a Bot API call", () => {
    expect(outboxPayloadSchema.parse(card)).toEqual(card);
    expect(telegramCall(-100123n, card)).toEqual({
      method: "sendMessage",
      params: {
        chat_id: -100123,
        text: card.text,
        parse_mode: "HTML",
        reply_markup: card.reply_markup,
        link_preview_options: { is_disabled: true },
      },
    });
  });

  it("accepts a document by file id", () => {
    const document = { method: "sendDocument", document: "BQACAgIAAxk", caption: "x" };
    expect(outboxPayloadSchema.parse(document)).toEqual(document);
  });

  it.each([
    ["an unknown method", { method: "forwardMessage", text: "x" }],
    ["an empty text", { method: "sendMessage", text: "" }],
    [
      "a button with no action",
      { method: "sendMessage", text: "x", reply_markup: { inline_keyboard: [[{ text: "a" }]] } },
    ],
    ["an unknown field", { method: "sendMessage", text: "x", chat_id: 5 }],
    ["Markdown", { method: "sendMessage", text: "x", parse_mode: "MarkdownV2" }],
  ])("refuses %s", (_label, payload) => {
    expect(outboxPayloadSchema.safeParse(payload).success).toBe(false);
  });

  it("tells groups by their negative ids", () => {
    expect([isGroupChat(5), isGroupChat(-5), isGroupChat(-1001234567890n)]).toEqual([false, true, true]);
  });
});

describe("shortestSendMs", () => {
  it.each<[string, Array<{ chatId: number; messages: number }>, number]>([
    ["nothing", [], 0],
    [
      "1,000 chats, 2 each: the overall rate decides",
      Array.from({ length: 1000 }, (_, i) => ({ chatId: i + 1, messages: 2 })),
      80_000,
    ],
    ["one private chat, 5 messages: its own pace", [{ chatId: 7, messages: 5 }], 4_000],
    ["one group, 5 messages: 3 s apart", [{ chatId: -7, messages: 5 }], 12_000],
  ])("%s", (_label, chats, expected) => {
    expect(shortestSendMs(DEFAULT_OUTBOX_RATES, chats)).toBe(expected);
  });

  it("scales with the rates", () => {
    expect(shortestSendMs({ ...DEFAULT_OUTBOX_RATES, scale: 10 }, [{ chatId: -7, messages: 5 }])).toBe(1_200);
  });
});

describe("file messages", () => {
  it.each([
    ["a file_id", { method: "sendDocument", document: "BQACAgI" }, true],
    [
      "an attachment",
      { method: "sendPhoto", attachment: { kind: "digestChart", params: { at: "x" } } },
      true,
    ],
    ["neither", { method: "sendDocument", caption: "?" }, false],
    [
      "both",
      { method: "sendDocument", document: "BQACAgI", attachment: { kind: "digestWorkbook", params: {} } },
      false,
    ],
  ])("%s", (_label, payload, valid) => {
    expect(outboxPayloadSchema.safeParse(payload).success).toBe(valid);
  });
});
