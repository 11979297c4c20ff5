import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { registerPersonalCommands, registerPublicCommands } from "../../src/bot/commands.js";
import { createTranslator } from "../../src/i18n/index.js";
import { ApiRecorder, TEST_TOKEN } from "../support/telegram.js";

describe("command menus", () => {
  it("registers the public menus per chat kind and per language, the default language for everyone else", async () => {
    const recorder = new ApiRecorder();
    await registerPublicCommands(new Api(TEST_TOKEN, { fetch: recorder.fetch }), createTranslator("vi"));
    const calls = recorder.of("setMyCommands").map((call) => call.payload);
    expect(calls.map((payload) => [(payload.scope as { type: string }).type, payload.language_code])).toEqual(
      [
        ["all_private_chats", undefined],
        ["all_private_chats", "vi"],
        ["all_private_chats", "en"],
        ["all_group_chats", undefined],
        ["all_group_chats", "vi"],
        ["all_group_chats", "en"],
      ],
    );
    expect(calls[2]?.commands).toEqual([
      { command: "start", description: "Start, see your roles" },
      { command: "help", description: "Commands you can use" },
      { command: "lang", description: "Change language (Tiếng Việt / English)" },
    ]);
    expect(calls[3]?.commands).toEqual([{ command: "help", description: "Các lệnh bạn có thể dùng" }]);
  });

  it("gives a person a menu of their own in their private chat", async () => {
    const recorder = new ApiRecorder();
    await registerPersonalCommands(new Api(TEST_TOKEN, { fetch: recorder.fetch }), createTranslator("vi"), {
      telegramUserId: 42,
      locale: "en",
      roles: ["CENTER_ADMIN"],
    });
    expect(recorder.of("setMyCommands")[0]?.payload).toMatchObject({ scope: { type: "chat", chat_id: 42 } });
  });
});
