import { InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import type { BotApiSandbox } from "../../src/sandbox/index.js";
import { botFor, failure, rawCall, startSandbox } from "./helpers.js";

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

async function setup(): Promise<{
  sandbox: BotApiSandbox;
  api: ReturnType<typeof botFor>["api"];
  chatId: number;
}> {
  const sandbox = await startSandbox();
  const user = sandbox.addUser({ id: 2001, first_name: "Eve" });
  return { sandbox, api: botFor(sandbox).api, chatId: user.chatId };
}

describe("Bot API errors", () => {
  it("rejects empty text, also when HTML leaves nothing", async () => {
    const { api, chatId } = await setup();
    for (const text of ["", "  \n", "<b></b>"]) {
      const error = await failure(api.sendMessage(chatId, text, { parse_mode: "HTML" }));
      expect([error.error_code, error.description]).toEqual([400, "Bad Request: message text is empty"]);
    }
  });

  it("counts UTF-16 code units of the parsed text against the 4096 limit", async () => {
    const { api, chatId } = await setup();
    await api.sendMessage(chatId, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    await api.sendMessage(chatId, "&amp;".repeat(4096), { parse_mode: "HTML" });
    await api.sendMessage(chatId, "😀".repeat(2048));
    for (const text of ["a".repeat(4097), "😀".repeat(2049)]) {
      const error = await failure(api.sendMessage(chatId, text));
      expect(error.description).toBe("Bad Request: message is too long");
    }
  });

  it("rejects a caption over 1024 characters", async () => {
    const { api, chatId } = await setup();
    const file = () => new InputFile(Buffer.from("x"), "x.txt");
    await api.sendDocument(chatId, file(), { caption: "c".repeat(1024) });
    const error = await failure(api.sendDocument(chatId, file(), { caption: "c".repeat(1025) }));
    expect(error.description).toBe("Bad Request: message caption is too long");
  });

  it("rejects callback_data over 64 bytes of UTF-8", async () => {
    const { api, chatId } = await setup();
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: "ok", callback_data: data }]] });
    await api.sendMessage(chatId, "fits", { reply_markup: keyboard("é".repeat(32)) });
    const error = await failure(
      api.sendMessage(chatId, "too long", { reply_markup: keyboard("é".repeat(33)) }),
    );
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("rejects malformed HTML with Telegram's messages", async () => {
    const { api, chatId } = await setup();
    const cases: Array<[string, string]> = [
      ["<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'],
      ["<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
      ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
      ["x</b>", "Unexpected end tag at byte offset 1"],
      ["1 < 2", 'Unsupported start tag "" at byte offset 2'],
      ["Tom & Jerry", 'Unescaped "&" at byte offset 4'],
      ['<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ];
    for (const [html, message] of cases) {
      const error = await failure(api.sendMessage(chatId, html, { parse_mode: "HTML" }));
      expect(error.description).toBe(`Bad Request: can't parse entities: ${message}`);
    }
  });

  it("answers chat not found for an unknown chat", async () => {
    const { api } = await setup();
    const error = await failure(api.sendMessage(999, "hello"));
    expect(error.description).toBe("Bad Request: chat not found");
  });

  it("refuses an edit that changes nothing, but not one that changes the keyboard", async () => {
    const { api, chatId } = await setup();
    const markup = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const sent = await api.sendMessage(chatId, "<b>same</b>", { parse_mode: "HTML", reply_markup: markup });
    const error = await failure(
      api.editMessageText(chatId, sent.message_id, "<b>same</b>", {
        parse_mode: "HTML",
        reply_markup: markup,
      }),
    );
    expect(error.description).toBe(NOT_MODIFIED);
    const markupError = await failure(
      api.editMessageReplyMarkup(chatId, sent.message_id, { reply_markup: markup }),
    );
    expect(markupError.description).toBe(NOT_MODIFIED);
    // Without reply_markup the edit removes the keyboard, so it is a change.
    await api.editMessageText(chatId, sent.message_id, "<b>same</b>", { parse_mode: "HTML" });
  });

  it("answers for unknown messages to edit or delete", async () => {
    const { api, chatId } = await setup();
    expect((await failure(api.editMessageText(chatId, 77, "x"))).description).toBe(
      "Bad Request: message to edit not found",
    );
    expect((await failure(api.deleteMessage(chatId, 77))).description).toBe(
      "Bad Request: message to delete not found",
    );
  });

  it("answers 404 for an unknown method and 401 for a wrong token, and records both", async () => {
    const { sandbox } = await setup();
    const unknown = await rawCall(sandbox, "sendTelepathy", { chat_id: 2001 });
    expect(unknown).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
    const wrongToken = await rawCall(sandbox, "getMe", {}, "999:WRONG");
    expect(wrongToken).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(sandbox.calls.map((c) => [c.method, c.ok, c.errorCode])).toEqual([
      ["sendTelepathy", false, 404],
      ["getMe", false, 401],
    ]);
  });
});
