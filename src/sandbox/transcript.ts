// Renders what the people in a sandbox conversation see, as plain text for a terminal.
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotApiSandbox } from "./bot-api-sandbox.js";
import type { SandboxMessage } from "./types.js";

type Seen = Map<number, string>;

function fingerprint(message: SandboxMessage): string {
  return JSON.stringify([message.text ?? message.caption, message.replyMarkup, message.document?.fileName]);
}

function buttonsOf(message: SandboxMessage): string[] {
  const markup = message.replyMarkup as InlineKeyboardMarkup | undefined;
  if (!markup?.inline_keyboard) return [];
  return markup.inline_keyboard.map((row) => row.map((button) => `[ ${button.text} ]`).join(" "));
}

export function renderMessage(message: SandboxMessage, edited: boolean): string {
  const body = message.text ?? message.caption ?? "";
  const attachment = message.document
    ? [`📎 ${message.document.fileName}`]
    : message.photo
      ? ["🖼️ (photo)"]
      : [];
  const lines = [...attachment, ...body.split("\n"), ...buttonsOf(message)];
  const label = edited ? "🤖 Dondoc (edited)" : "🤖 Dondoc";
  return [`${label}:`, ...lines.map((line) => `   ${line}`)].join("\n");
}

/** Prints each exchange: what a person did, then every bot message that appeared or changed in that chat. */
export class Transcript {
  private readonly seen = new Map<number, Seen>();

  constructor(
    private readonly sandbox: BotApiSandbox,
    private readonly print: (line: string) => void = console.log,
  ) {}

  /**
   * Performs `act` as `who`, waits for the bot to answer in `chatId` (for the message that
   * matches `until`, when given), and prints the exchange.
   */
  async exchange(
    who: string,
    action: string,
    chatId: number,
    act: () => void,
    options: { until?: (message: SandboxMessage) => boolean; timeoutMs?: number; settleMs?: number } = {},
  ): Promise<void> {
    const { until = () => true, timeoutMs = 60_000, settleMs = 200 } = options;
    this.remember(chatId);
    const answered = this.sandbox.waitForBotMessage(chatId, until, timeoutMs);
    this.print(`\n👤 ${who}: ${action}`);
    act();
    await answered;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    for (const line of this.changesIn(chatId)) this.print(line);
    this.remember(chatId);
  }

  /**
   * Waits for messages the bot starts on its own in `chatId` (a push, a reminder) until one
   * matches `until`, and prints what appeared there since the chat was last printed.
   */
  async arrivals(
    who: string,
    chatId: number,
    until: (message: SandboxMessage) => boolean,
    options: { timeoutMs?: number; settleMs?: number } = {},
  ): Promise<void> {
    const { timeoutMs = 60_000, settleMs = 200 } = options;
    if (!this.seen.has(chatId)) this.remember(chatId);
    const before = this.seen.get(chatId) ?? new Map();
    const arrived = this.sandbox
      .messagesIn(chatId)
      .some((message) => before.get(message.messageId) !== fingerprint(message) && until(message));
    if (!arrived) await this.sandbox.waitForBotMessage(chatId, until, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    this.print(`
📥 ${who}:`);
    for (const line of this.changesIn(chatId)) this.print(line);
    this.remember(chatId);
  }

  private remember(chatId: number) {
    const seen: Seen = new Map();
    for (const message of this.sandbox.messagesIn(chatId)) seen.set(message.messageId, fingerprint(message));
    this.seen.set(chatId, seen);
  }

  private changesIn(chatId: number): string[] {
    const before = this.seen.get(chatId) ?? new Map();
    return this.sandbox
      .messagesIn(chatId)
      .filter((message) => before.get(message.messageId) !== fingerprint(message))
      .map((message) => renderMessage(message, before.has(message.messageId)));
  }
}
