import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { Update, WebhookInfo } from "grammy/types";
import { describe, expect, it } from "vitest";
import { botFor, rawCall, startSandbox, stopAfterTest, until } from "./helpers.js";

/** Serves a request listener (such as grammY's webhookCallback) on 127.0.0.1; closed after the test. */
async function listen(listener: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<string> {
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stopAfterTest({
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** A webhook endpoint that hands each request's body to `handler`. */
function endpoint(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => unknown,
): Promise<string> {
  return listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handler(req, res, Buffer.concat(chunks).toString("utf8")));
  });
}

describe("webhook", () => {
  it("POSTs every update in order with the secret token header", async () => {
    const received: Array<{ secret: unknown; update: Update }> = [];
    const url = await endpoint((req, res, body) => {
      received.push({ secret: req.headers["x-telegram-bot-api-secret-token"], update: JSON.parse(body) });
      res.end();
    });
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 3001, first_name: "Fay" });
    const answer = await rawCall(sandbox, "setWebhook", { url, secret_token: "s3cr3t_T0ken-x" });
    expect(answer.body).toEqual({ ok: true, result: true, description: "Webhook was set" });

    user.sendText("one");
    user.sendText("two");
    await until(() => received.length === 2);

    expect(received.map((r) => [r.secret, r.update.update_id, r.update.message?.text])).toEqual([
      ["s3cr3t_T0ken-x", 1, "one"],
      ["s3cr3t_T0ken-x", 2, "two"],
    ]);
    const info = await rawCall(sandbox, "getWebhookInfo");
    expect(info.body.result).toMatchObject({ url, pending_update_count: 0, has_custom_certificate: false });
  });

  it("retries a failing delivery with back-off, one request at a time, keeping the order", async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const url = await endpoint(async (_req, res, body) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const update = JSON.parse(body) as Update;
      seen.push(update.update_id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      res.statusCode = update.update_id === 1 && seen.length <= 2 ? 500 : 200;
      res.end();
    });
    const sandbox = await startSandbox({ webhookRetryDelaysMs: [20, 20, 20] });
    const user = sandbox.addUser({ id: 3002, first_name: "Gil" });
    await rawCall(sandbox, "setWebhook", { url });
    user.sendText("first");
    user.sendText("second");
    const pending = async () =>
      ((await rawCall(sandbox, "getWebhookInfo")).body.result as WebhookInfo).pending_update_count;
    await until(async () => (await pending()) === 0);

    expect(seen).toEqual([1, 1, 1, 2]);
    expect(maxInFlight).toBe(1);
    const info = await rawCall(sandbox, "getWebhookInfo");
    expect(info.body.result).toMatchObject({
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
  });

  it("drives grammY's webhookCallback and executes a webhook reply", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 3003, first_name: "Hal" });
    const bot = new Bot(sandbox.token, {
      botInfo: sandbox.botInfo,
      client: { apiRoot: sandbox.apiRoot, canUseWebhookReply: (method) => method === "sendMessage" },
    });
    bot.command("start", async (ctx) => {
      await ctx.reply("answered in the webhook response");
    });
    const url = await listen(webhookCallback(bot, "http", { secretToken: "abc" }));
    await bot.api.setWebhook(url, { secret_token: "abc" });

    user.sendText("/start");
    expect((await user.waitForBotMessage()).text).toBe("answered in the webhook response");
    const call = sandbox.calls.find((c) => c.method === "sendMessage");
    expect(call?.payload).toMatchObject({ chat_id: 3003, text: "answered in the webhook response" });
  });

  it("gives up on an update the bot keeps refusing and reports why", async () => {
    const sandbox = await startSandbox({ webhookRetryDelaysMs: [10] });
    const user = sandbox.addUser({ id: 3005, first_name: "Jo" });
    const bot = botFor(sandbox);
    const url = await listen(webhookCallback(bot, "http", { secretToken: "expected" }));
    await bot.api.setWebhook(url, { secret_token: "different" });
    user.sendText("hello");
    await until(async () => (await bot.api.getWebhookInfo()).pending_update_count === 0);
    const info = await bot.api.getWebhookInfo();
    expect(info.last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");
  });

  it("deleteWebhook hands the pending updates back to getUpdates", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 3004, first_name: "Ivy" });
    await rawCall(sandbox, "setWebhook", { url: "http://127.0.0.1:9/closed" });
    expect((await rawCall(sandbox, "deleteWebhook")).body.description).toBe("Webhook was deleted");
    user.sendText("kept");
    const updates = await rawCall(sandbox, "getUpdates");
    expect(updates.body.result).toMatchObject([{ message: { text: "kept" } }]);
  });
});
