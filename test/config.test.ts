import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";

const token = "123456789:AAFakeTokenForTestsOnly_abcdefghij";

describe("parseConfig", () => {
  it("fills every default for a minimal environment", () => {
    const result = parseConfig({ BOT_TOKEN: token });
    expect(result).toEqual({
      ok: true,
      config: {
        botToken: token,
        mode: "polling",
        webhook: null,
        host: "0.0.0.0",
        port: 3000,
        database: { kind: "pglite", dataDir: "./data/pglite" },
        redisUrl: null,
        telegramApiRoot: null,
        defaultLocale: "vi",
        timeZone: "Asia/Ho_Chi_Minh",
        logLevel: "info",
        centerAdminIds: [],
        provinceName: null,
        inviteTtlDays: 7,
        outbox: {
          rates: { globalPerSecond: 25, privatePerSecond: 1, groupPerMinute: 20, scale: 1 },
          concurrency: 8,
        },
      },
    });
  });

  it("reads PostgreSQL, Redis, admins, a local Bot API and webhook settings", () => {
    const result = parseConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://dondoc.example.vn/telegram/hook",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      DATABASE_URL: "postgresql://dondoc@db:5432/dondoc",
      REDIS_URL: "redis://cache:6379",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      CENTER_ADMIN_IDS: "111, 222,333",
      DEFAULT_LOCALE: "en",
      PORT: "8443",
    });
    if (!result.ok) throw new Error(result.problems.join("\n"));
    expect(result.config.webhook).toEqual({
      url: "https://dondoc.example.vn/telegram/hook",
      secret: "s3cret-s3cret-s3cret",
    });
    expect(result.config.database).toEqual({ kind: "postgres", url: "postgresql://dondoc@db:5432/dondoc" });
    expect(result.config.redisUrl).toBe("redis://cache:6379");
    expect(result.config.centerAdminIds).toEqual([111, 222, 333]);
    expect(result.config.defaultLocale).toBe("en");
    expect(result.config.port).toBe(8443);
  });

  it("reads the outbox sender's rates and concurrency, and refuses nonsense", () => {
    const result = parseConfig({
      BOT_TOKEN: token,
      OUTBOX_RATE_GLOBAL_PER_SECOND: "20",
      OUTBOX_RATE_PRIVATE_PER_SECOND: "0.5",
      OUTBOX_RATE_GROUP_PER_MINUTE: "10",
      OUTBOX_CONCURRENCY: "4",
    });
    expect(result.ok && result.config.outbox).toEqual({
      rates: { globalPerSecond: 20, privatePerSecond: 0.5, groupPerMinute: 10, scale: 1 },
      concurrency: 4,
    });
    const bad = parseConfig({
      BOT_TOKEN: token,
      OUTBOX_RATE_GLOBAL_PER_SECOND: "0",
      OUTBOX_CONCURRENCY: "x",
    });
    expect(bad.ok ? [] : bad.problems.map((line) => line.split(" ")[0]).sort()).toEqual([
      "OUTBOX_CONCURRENCY",
      "OUTBOX_RATE_GLOBAL_PER_SECOND",
    ]);
  });

  it("treats empty values in .env as unset", () => {
    const result = parseConfig({ BOT_TOKEN: token, DATABASE_URL: "", REDIS_URL: "", CENTER_ADMIN_IDS: "" });
    expect(result.ok && result.config.database.kind).toBe("pglite");
  });

  it("explains a missing token and what to do about it", () => {
    const result = parseConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^BOT_TOKEN is missing: create a bot with @BotFather/);
  });

  it("lists one line per problem and never echoes a secret", () => {
    const secret = "short";
    const result = parseConfig({
      BOT_TOKEN: "not-a-token",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: secret,
      PORT: "99999",
      TIMEZONE: "Mars/Olympus",
      CENTER_ADMIN_IDS: "12,abc",
      DEFAULT_LOCALE: "fr",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const names = result.problems.map((line) => line.split(" ")[0]);
    expect(names.sort()).toEqual(
      [
        "BOT_TOKEN",
        "CENTER_ADMIN_IDS",
        "DEFAULT_LOCALE",
        "PORT",
        "TIMEZONE",
        "WEBHOOK_SECRET",
        "WEBHOOK_URL",
      ].sort(),
    );
    for (const line of result.problems) {
      expect(line).not.toContain("not-a-token");
      expect(line).not.toContain(`"${secret}"`);
    }
  });
});
