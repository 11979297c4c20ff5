import { afterEach, describe, expect, it } from "vitest";
import { BotApiSandbox } from "../../src/sandbox/index.js";
import { freePort } from "../support/ports.js";
import { testDatabaseUrl } from "../support/services.js";
import { createScratchPostgresDatabase } from "../support/test-database.js";
import { type MainProcess, runMain } from "./run-main.js";

const TOKEN = "7000000002:e2e-sandbox-token-not-for-telegram";
const SECRET = "e2e-webhook-secret-0123456789";

// Each test starts main.ts as a process of its own (tsx compiles it, then it opens and migrates
// its database) before any update flows: like the CLI process tests, it gets two minutes.
const MAIN_PROCESS_TIMEOUT = 120_000;

describe("main.ts end to end against the local Bot API sandbox", () => {
  let sandbox: BotApiSandbox | undefined;
  let main: MainProcess | undefined;
  let cleanUp: Array<() => Promise<void>> = [];

  afterEach(async () => {
    await main?.stop();
    await sandbox?.stop();
    for (const step of cleanUp) await step();
    cleanUp = [];
  });

  it(
    "polls on the embedded database: /start in Vietnamese, /lang to English, a clean stop",
    async () => {
      sandbox = new BotApiSandbox({ token: TOKEN });
      await sandbox.start();
      main = await runMain({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        CENTER_ADMIN_IDS: "880001",
      });
      const ready = await main.waitForLog("receiving updates by long polling");
      expect(main.logs.find((line) => line.msg === "bot ready")).toMatchObject({
        database: "pglite",
        mode: "polling",
      });

      const lan = sandbox.addUser({ id: 880002, first_name: "Lan", language_code: "vi" });
      let reply = lan.waitForBotMessage();
      lan.sendText("/start");
      expect((await reply).text).toContain("Xin chào Lan!");

      reply = lan.waitForBotMessage();
      lan.sendText("/lang");
      const menu = await reply;
      const edited = lan.waitForBotMessage((message) => message.messageId === menu.messageId);
      lan.pressButton(menu.messageId, "lang:en");
      expect((await edited).text).toBe("Language set to English.");

      reply = lan.waitForBotMessage();
      lan.sendText("/start");
      expect((await reply).text).toContain("Hello Lan!");

      expect(
        sandbox.commandsFor({ type: "all_private_chats" }, "vi").map((command) => command.command),
      ).toEqual(["start", "help", "lang"]);
      const health = await fetch(`http://127.0.0.1:${ready.port}/readyz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ready: true, checks: { database: "ok", migrations: "ok" } });
      const metrics = await (await fetch(`http://127.0.0.1:${ready.port}/metrics`)).text();
      expect(metrics).toMatch(/^dondoc_updates_total\{type="message",outcome="ok"\} 3$/m);
      expect(metrics).toMatch(/^dondoc_updates_total\{type="callback_query",outcome="ok"\} 1$/m);
      expect(metrics).toMatch(/^dondoc_outbox_pending 0$/m);
      expect(metrics).toMatch(/^nodejs_heap_size_used_bytes \d+/m);

      expect(await main.stop()).toBe(0);
      expect(main.logs.map((line) => line.msg)).toContain("stopped");
      expect(JSON.stringify(main.logs)).not.toContain(TOKEN);
    },
    MAIN_PROCESS_TIMEOUT,
  );

  it(
    `takes webhooks on ${testDatabaseUrl ? "PostgreSQL" : "PGlite"}: a wrong secret gets 401 and nothing is handled`,
    async () => {
      sandbox = new BotApiSandbox({ token: TOKEN });
      await sandbox.start();
      const env: Record<string, string> = {};
      if (testDatabaseUrl) {
        const scratch = await createScratchPostgresDatabase(testDatabaseUrl);
        cleanUp.push(scratch.drop);
        env.DATABASE_URL = scratch.url;
      }
      const port = await freePort();
      const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
      main = await runMain({
        ...env,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        BOT_MODE: "webhook",
        WEBHOOK_URL: webhookUrl,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        CENTER_ADMIN_IDS: "880005",
      });
      await main.waitForLog("receiving updates by webhook");
      expect(
        sandbox.calls.some((call) => call.method === "setWebhook" && call.payload.secret_token === SECRET),
      ).toBe(true);

      const forged = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": "wrong-secret-0123456789",
        },
        body: JSON.stringify({
          update_id: 1,
          message: { message_id: 1, date: 0, chat: { id: 880003, type: "private" }, text: "/start" },
        }),
      });
      expect(forged.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sandbox.calls.filter((call) => call.method === "sendMessage")).toEqual([]);

      const minh = sandbox.addUser({ id: 880004, first_name: "Minh", language_code: "en" });
      const reply = minh.waitForBotMessage();
      minh.sendText("/start");
      expect((await reply).text).toContain("Hello Minh!");

      await inviteByDeepLink(sandbox);
      expect(await main.stop()).toBe(0);
    },
    MAIN_PROCESS_TIMEOUT,
  );
});

/**
 * A Center admin adds a unit and creates a head's invite for it; a new user opens the deep
 * link, confirms, and sees their unit.
 */
async function inviteByDeepLink(sandbox: BotApiSandbox) {
  const admin = sandbox.addUser({ id: 880005, first_name: "Hà", language_code: "en" });
  const added = admin.waitForBotMessage();
  admin.sendText("/units add E2E-01 | Phường Thử Nghiệm | COMMUNE");
  expect((await added).text).toContain("Unit added.");

  const menu = admin.waitForBotMessage();
  admin.sendText("/invite E2E-01");
  const rolesMenu = await menu;
  const headButton = JSON.stringify(rolesMenu.replyMarkup).match(/invn:\d+:UNIT_HEAD:1/)?.[0];
  expect(headButton).toBeDefined();
  const photo = admin.waitForBotMessage((message) => message.photo !== undefined);
  admin.pressButton(rolesMenu.messageId, headButton as string);
  await photo;
  const card = admin.messages().find((message) => message.text?.includes("Invite created"));
  const link = card?.text?.match(/https:\/\/t\.me\/\S+/)?.[0] as string;
  expect(link).toContain(`https://t.me/${sandbox.botInfo.username}?start=inv_`);

  const newcomer = sandbox.addUser({ id: 880006, first_name: "Tú", language_code: "vi" });
  const offer = newcomer.waitForBotMessage();
  newcomer.sendText(`/start ${new URL(link).searchParams.get("start")}`);
  const offered = await offer;
  expect(offered.text).toContain("Bạn được mời tham gia Phường Thử Nghiệm với vai trò Thủ trưởng đơn vị");
  const join = JSON.stringify(offered.replyMarkup).match(/inva:[A-Za-z0-9_-]{22}/)?.[0] as string;
  const linked = newcomer.waitForBotMessage(
    (message) => message.messageId === offered.messageId && message.text !== offered.text,
  );
  newcomer.pressButton(offered.messageId, join);
  expect((await linked).text).toContain("Bạn đã là Thủ trưởng đơn vị — Phường Thử Nghiệm.");

  const start = newcomer.waitForBotMessage((message) => message.text?.includes("Vai trò của bạn") ?? false);
  newcomer.sendText("/start");
  expect((await start).text).toContain("• Thủ trưởng đơn vị — Phường Thử Nghiệm");
}
