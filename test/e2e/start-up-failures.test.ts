// What an operator sees when `npm start` cannot reach what it needs: the real main.ts as a
// child process, as a new user would run it.
import { afterEach, describe, expect, it } from "vitest";
import { BotApiSandbox } from "../../src/sandbox/index.js";
import { freePort } from "../support/ports.js";
import { type MainProcess, runMain } from "./run-main.js";

const TOKEN = "7000000003:e2e-start-up-token-not-for-telegram";

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start when something it needs is wrong", () => {
  let main: MainProcess | undefined;
  let sandbox: BotApiSandbox | undefined;
  afterEach(async () => {
    await main?.stop();
    await sandbox?.stop();
    main = undefined;
    sandbox = undefined;
  });

  it("says at once that Telegram cannot be reached (host, reason) and logs every retry", async () => {
    const port = await freePort();
    main = await runMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    const retries = () => main?.logs.filter((line) => line.msg === "cannot reach Telegram; retrying") ?? [];
    await until(() => retries().length >= 2);
    expect(retries()[0]).toMatchObject({
      level: 40,
      error: "TelegramNotReachable",
      host: `127.0.0.1:${port}`,
      reason: `connect ECONNREFUSED 127.0.0.1:${port}`,
      attempt: 1,
    });
    expect(retries()[1]).toMatchObject({ attempt: 2 });
    expect(JSON.stringify(main.logs)).not.toContain(TOKEN.split(":")[1]);
  }, 90_000);

  it("stops with a clear message when the token is refused", async () => {
    sandbox = new BotApiSandbox({ token: "7000000004:the-sandbox-knows-only-this-one" });
    await sandbox.start();
    main = await runMain({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: sandbox.apiRoot });
    const failed = await main.waitForLog("start-up failed");
    expect(failed).toMatchObject({
      level: 60,
      error: "TelegramTokenRejected",
      host: new URL(sandbox.apiRoot).host,
      status: 401,
      check: expect.stringContaining("@BotFather"),
    });
    expect(await main.exited).toBe(1);
  }, 90_000);

  it('prints one line "DatabaseNotReachable" naming host and port, never the password', async () => {
    // Telegram (the sandbox) answers: the database is the one thing wrong.
    sandbox = new BotApiSandbox({ token: TOKEN });
    await sandbox.start();
    const port = await freePort();
    main = await runMain({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      DATABASE_URL: `postgresql://dondoc:pa55word-never-logged@127.0.0.1:${port}/dondoc`,
    });
    await main.waitForLog("start-up failed");
    expect(await main.exited).toBe(1);
    expect(main.logs).toEqual([
      expect.objectContaining({
        level: 60,
        error: "DatabaseNotReachable",
        host: "127.0.0.1",
        port,
        database: "dondoc",
        user: "dondoc",
        check: expect.stringContaining("DATABASE_URL"),
      }),
    ]);
    expect(JSON.stringify(main.logs)).not.toContain("pa55word");
  }, 90_000);
});
