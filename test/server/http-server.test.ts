import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpServer, type HttpServer } from "../../src/server/http-server.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { telegramUser, textUpdate } from "../support/telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const SECRET = "right-secret-0123456789";

describe("the HTTP server", () => {
  let database: TestDatabase;
  let harness: TestBot;
  let server: HttpServer;
  let base: string;
  let ready = true;

  beforeAll(async () => {
    database = await createTestDatabase();
    harness = createTestBot(database.prisma);
    server = createHttpServer({
      logger: pino({ level: "silent" }),
      readiness: {
        database: async () => {
          if (!ready) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        },
        migrations: async () => {},
      },
      webhook: { bot: harness.bot, path: "/telegram/hook", secret: SECRET },
    });
    const address = await server.listen(0, "127.0.0.1");
    base = `http://127.0.0.1:${address.port}`;
  });
  // The server and its bot live for the whole file; what a test observes starts empty, whichever
  // test ran before it.
  beforeEach(() => {
    harness.api.reset();
    ready = true;
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  const post = (secret: string | null) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
      },
      body: JSON.stringify(textUpdate(telegramUser(901, "en"), "/help")),
    });

  it("refuses updates with a wrong or missing secret and handles nothing", async () => {
    harness.api.reset();
    expect((await post("wrong-secret-0123456789")).status).toBe(401);
    expect((await post(null)).status).toBe(401);
    expect(harness.api.calls).toEqual([]);
  });

  it("handles updates that carry the secret", async () => {
    const response = await post(SECRET);
    expect(response.status).toBe(200);
    expect(harness.api.lastText()).toContain("<b>Commands you can use:</b>");
  });

  it("answers health and readiness checks", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const healthy = await fetch(`${base}/readyz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ ready: true, checks: { database: "ok", migrations: "ok" } });
    ready = false;
    const failing = await fetch(`${base}/readyz`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      ready: false,
      checks: { database: "connect ECONNREFUSED 127.0.0.1:5432", migrations: "ok" },
    });
    ready = true;
    // No metrics were given to this server.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    expect((await fetch(`${base}/telegram/hook`)).status).toBe(404);
  });
});
