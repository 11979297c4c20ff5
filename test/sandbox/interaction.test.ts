import { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import { botFor, rawCall, startSandbox, stopAfterTest } from "./helpers.js";

describe("driving a conversation", () => {
  it("pressButton sends the bot's current message; the bot answers and edits it", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 6001, first_name: "Rin", language_code: "vi" });
    const bot = botFor(sandbox);
    bot.command("menu", (ctx) =>
      ctx.reply("Choose:", {
        reply_markup: new InlineKeyboard().text("Overdue", "overdue").text("Index", "index"),
      }),
    );
    bot.callbackQuery("overdue", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Loading" });
      await ctx.editMessageText(
        `You chose ${ctx.callbackQuery.data} from "${ctx.callbackQuery.message?.text}"`,
      );
    });
    void bot.start({ timeout: 1 });
    stopAfterTest(bot);

    user.sendText("/menu");
    const menu = await user.waitForBotMessage();
    expect(menu.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: "Overdue", callback_data: "overdue" },
          { text: "Index", callback_data: "index" },
        ],
      ],
    });

    const update = user.pressButton(menu.messageId, "overdue");
    expect(update.callback_query?.message).toMatchObject({ message_id: menu.messageId, text: "Choose:" });
    const edited = await user.waitForBotMessage((m) => m.editDate !== undefined);

    expect(edited).toMatchObject({ messageId: menu.messageId, text: 'You chose overdue from "Choose:"' });
    expect(edited.replyMarkup).toBeUndefined();
    expect(user.messages()).toHaveLength(1);
    const answer = sandbox.calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer).toMatchObject({
      ok: true,
      payload: { callback_query_id: update.callback_query?.id, text: "Loading" },
    });
  });

  it("pressButton throws for data no button of the message carries", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 6002, first_name: "Son" });
    const sent = await botFor(sandbox).api.sendMessage(user.chatId, "Pick", {
      reply_markup: new InlineKeyboard().text("A", "a"),
    });
    expect(() => user.pressButton(sent.message_id, "b")).toThrow(
      `pressButton: message ${sent.message_id} in chat 6002 has no button with callback_data "b"; its buttons carry "a"`,
    );
    expect(() => user.pressButton(999, "a")).toThrow("pressButton: chat 6002 has no bot message 999");
  });

  it("deleteMessage removes the message; replies carry the message they answer", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 6003, first_name: "Tam" });
    const { api } = botFor(sandbox);
    const question = user.sendText("how many overdue?");
    const reply = await api.sendMessage(user.chatId, "3", {
      reply_parameters: { message_id: question.message?.message_id ?? 0 },
    });
    expect(reply.reply_to_message).toMatchObject({ text: "how many overdue?", from: { id: 6003 } });
    const gone = await api.sendMessage(user.chatId, "temporary");
    expect(await api.deleteMessage(user.chatId, gone.message_id)).toBe(true);
    expect(user.messages().map((m) => m.text)).toEqual(["3"]);
  });

  it("trims surrounding whitespace like Telegram, moving the entities along", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 6007, first_name: "Yen" });
    const sent = await botFor(sandbox).api.sendMessage(user.chatId, "\n <b> 3 overdue</b>\n\n", {
      parse_mode: "HTML",
    });
    expect(sent.text).toBe("3 overdue");
    expect(sent.entities).toEqual([{ type: "bold", offset: 0, length: 9 }]);
  });

  it("stores commands per scope and language", async () => {
    const sandbox = await startSandbox();
    sandbox.addGroup({ id: -2001, title: "Department" });
    const { api } = botFor(sandbox);
    const vi = [{ command: "start", description: "Bắt đầu" }];
    const en = [{ command: "start", description: "Start" }];
    const admins = [{ command: "report", description: "Báo cáo" }];
    await api.setMyCommands(vi, { language_code: "vi" });
    await api.setMyCommands(en);
    await api.setMyCommands(admins, { scope: { type: "chat_administrators", chat_id: -2001 } });

    expect(sandbox.commandsFor(undefined, "vi")).toEqual(vi);
    expect(sandbox.commandsFor()).toEqual(en);
    expect(sandbox.commandsFor({ type: "chat_administrators", chat_id: -2001 })).toEqual(admins);
    expect(await api.getMyCommands({ language_code: "vi" })).toEqual(vi);
    await api.deleteMyCommands({ language_code: "vi" });
    expect(sandbox.commandsFor(undefined, "vi")).toEqual([]);
    const bad = await rawCall(sandbox, "setMyCommands", {
      commands: [{ command: "Bad-Name", description: "x" }],
    });
    expect(bad.body.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });

  it("groups: members, administrators and privacy mode", async () => {
    const sandbox = await startSandbox();
    const boss = sandbox.addUser({ id: 6004, first_name: "Uyen" });
    const clerk = sandbox.addUser({ id: 6005, first_name: "Vinh" });
    sandbox.addGroup({ id: -1001234567890, title: "Ward 7" }, [
      { userId: boss.id, status: "creator" },
      { userId: clerk.id, status: "member" },
    ]);
    const { api } = botFor(sandbox);

    expect(await api.getChat(-1001234567890)).toMatchObject({ type: "supergroup", title: "Ward 7" });
    expect((await api.getChatMember(-1001234567890, boss.id)).status).toBe("creator");
    expect((await api.getChatMember(-1001234567890, clerk.id)).status).toBe("member");
    expect((await api.getChatMember(boss.id, boss.id)).status).toBe("member");
    expect((await api.getChatAdministrators(-1001234567890)).map((m) => m.user.id)).toEqual([boss.id]);

    expect(clerk.sendText("just chatting", { chatId: -1001234567890 }).update_id).toBe(0);
    expect(clerk.sendText("/status", { chatId: -1001234567890 }).update_id).toBeGreaterThan(0);
    expect(clerk.sendText("/status@other_bot", { chatId: -1001234567890 }).update_id).toBe(0);
    expect(clerk.sendText("hey @dondoc_bot", { chatId: -1001234567890 }).update_id).toBeGreaterThan(0);
    const updates = (await api.getUpdates()).map((u) => u.message?.text);
    expect(updates).toEqual(["/status", "hey @dondoc_bot"]);

    sandbox.addGroup({ id: -3001, title: "Bot is admin here" }, [
      { userId: sandbox.botInfo.id, status: "administrator" },
    ]);
    expect(clerk.sendText("plain text", { chatId: -3001 }).update_id).toBeGreaterThan(0);
  });

  it("waitForBotMessage and waitForCall fail with a clear message", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 6006, first_name: "Xuan" });
    await rawCall(sandbox, "sendMessage", { chat_id: user.chatId, text: "" });
    await expect(user.waitForBotMessage(undefined, 50)).rejects.toThrow(
      "waitForBotMessage: no matching bot message in chat 6006 within 50 ms. Bot messages there: none. " +
        "Recent calls: sendMessage -> 400 Bad Request: message text is empty",
    );
    await expect(sandbox.waitForCall("editMessageText", undefined, 50)).rejects.toThrow(
      "waitForCall: no matching editMessageText call within 50 ms",
    );
    const waiting = sandbox.waitForCall("sendChatAction", (c) => c.payload.action === "typing");
    await botFor(sandbox).api.sendChatAction(user.chatId, "typing");
    expect((await waiting).ok).toBe(true);
  });
});
