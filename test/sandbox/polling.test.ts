import { run } from "@grammyjs/runner";
import { Bot, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { botFor, rawCall, startSandbox, stopAfterTest, until } from "./helpers.js";

describe("polling", () => {
  it("a grammY bot started with bot.start() answers /start", async () => {
    const sandbox = await startSandbox();
    const alice = sandbox.addUser({ id: 1001, first_name: "Alice" });
    const bot = botFor(sandbox);
    bot.command("start", (ctx) =>
      ctx.reply(`Hello, <b>${ctx.from?.first_name}</b>!`, { parse_mode: "HTML" }),
    );
    void bot.start({ timeout: 1 });
    stopAfterTest(bot);

    alice.sendText("/start");
    const reply = await alice.waitForBotMessage();

    expect(reply.text).toBe("Hello, Alice!");
    expect(reply.entities).toEqual([{ type: "bold", offset: 7, length: 5 }]);
    expect(reply.message.from).toEqual({
      id: 123456,
      is_bot: true,
      first_name: "Dondoc",
      username: "dondoc_bot",
    });
    expect(reply.message.chat).toEqual({ id: 1001, type: "private", first_name: "Alice" });
  });

  it("the runner receives commands addressed to the bot by name", async () => {
    const sandbox = await startSandbox();
    const bob = sandbox.addUser({ id: 1002, first_name: "Bob" });
    const bot = botFor(sandbox);
    bot.command("help", (ctx) => ctx.reply("help text"));
    const runner = run(bot, { runner: { fetch: { timeout: 1 } } });
    stopAfterTest({ stop: () => (runner.isRunning() ? runner.stop() : undefined) });

    const update = bob.sendText("/help@dondoc_bot");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 16 }]);
    expect((await bob.waitForBotMessage()).text).toBe("help text");
  });

  it("getMe returns the full bot user grammY needs for bot.init()", async () => {
    const sandbox = await startSandbox();
    const fresh = new Bot(sandbox.token, { client: { apiRoot: sandbox.apiRoot } });
    await fresh.init();
    expect(fresh.botInfo).toEqual(sandbox.botInfo);
  });

  it("a long poll answers as soon as an update arrives", async () => {
    const sandbox = await startSandbox();
    const carol = sandbox.addUser({ id: 1003, first_name: "Carol" });
    const started = Date.now();
    const poll = rawCall(sandbox, "getUpdates", { timeout: 10 });
    setTimeout(() => carol.sendText("hi"), 100);
    const answer = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.body.result).toMatchObject([{ update_id: 1, message: { text: "hi", chat: { id: 1003 } } }]);
  });

  it("a long poll without updates waits for its timeout", async () => {
    const sandbox = await startSandbox();
    const started = Date.now();
    const answer = await rawCall(sandbox, "getUpdates", { timeout: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(answer.body).toEqual({ ok: true, result: [] });
  });

  it("offset confirms earlier updates and limit caps the batch", async () => {
    const sandbox = await startSandbox();
    const dan = sandbox.addUser({ id: 1004, first_name: "Dan" });
    for (const text of ["a", "b", "c"]) dan.sendText(text);
    const first = await rawCall(sandbox, "getUpdates", { limit: 2 });
    expect((first.body.result as Array<{ update_id: number }>).map((u) => u.update_id)).toEqual([1, 2]);
    const rest = await rawCall(sandbox, "getUpdates", { offset: 3 });
    expect((rest.body.result as Array<{ update_id: number }>).map((u) => u.update_id)).toEqual([3]);
  });

  it("a newer getUpdates terminates a waiting one with 409", async () => {
    const sandbox = await startSandbox();
    const older = rawCall(sandbox, "getUpdates", { timeout: 5 });
    await until(() => sandbox.isLongPolling);
    await rawCall(sandbox, "getUpdates", { timeout: 0 });
    const answer = await older;
    expect(answer.status).toBe(409);
    expect(answer.body.description).toBe(
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
  });

  it("getUpdates answers 409 while a webhook is set", async () => {
    const sandbox = await startSandbox();
    const bot = botFor(sandbox);
    await bot.api.setWebhook("http://127.0.0.1:9/hook");
    const error = await bot.api.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    expect((error as GrammyError).description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  });

  it("stop() ends a pending long poll with no updates", async () => {
    const sandbox = await startSandbox();
    const poll = rawCall(sandbox, "getUpdates", { timeout: 30 });
    await until(() => sandbox.isLongPolling);
    const started = Date.now();
    await sandbox.stop();
    expect((await poll).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
