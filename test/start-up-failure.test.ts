import { describe, expect, it } from "vitest";
import { describeStartUpFailure, RedisNotReachable, TelegramTokenRejected } from "../src/start-up-failure.js";

const postgres = {
  database: { kind: "postgres" as const, url: "postgresql://dondoc:s3cret@db.example:6543/dondoc" },
};
const driverError = (cause: Record<string, unknown>) =>
  Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause });

describe("describeStartUpFailure", () => {
  it("names the database's host, port, name and user, never the password, and what to check", () => {
    const line = describeStartUpFailure(
      driverError({ kind: "DatabaseNotReachable", host: "db.example", port: 6543 }),
      postgres,
    );
    expect(line).toMatchObject({
      error: "DatabaseNotReachable",
      host: "db.example",
      port: 6543,
      database: "dondoc",
      user: "dondoc",
    });
    expect(line.check).toContain("DATABASE_URL");
    expect(JSON.stringify(line)).not.toContain("s3cret");
  });

  it("has a check of its own for each way PostgreSQL refuses", () => {
    const checks = [
      "AuthenticationFailed",
      "DatabaseAccessDenied",
      "DatabaseDoesNotExist",
      "TlsConnectionError",
    ].map((kind) => describeStartUpFailure(driverError({ kind }), postgres));
    expect(checks.map((line) => line.error)).toEqual([
      "AuthenticationFailed",
      "DatabaseAccessDenied",
      "DatabaseDoesNotExist",
      "TlsConnectionError",
    ]);
    expect(new Set(checks.map((line) => line.check)).size).toBe(4);
    expect(describeStartUpFailure(driverError({ kind: "DatabaseNotReachable" }), postgres).port).toBe(6543);
    const defaultPort = { database: { kind: "postgres" as const, url: "postgres://db.example/x" } };
    expect(describeStartUpFailure(driverError({ kind: "DatabaseNotReachable" }), defaultPort).port).toBe(
      5432,
    );
  });

  it("tells a refused bot token and an unreachable Redis apart from anything else", () => {
    expect(
      describeStartUpFailure(new TelegramTokenRejected("api.telegram.org", 401, "Unauthorized"), postgres),
    ).toMatchObject({
      error: "TelegramTokenRejected",
      host: "api.telegram.org",
      status: 401,
      check: expect.stringContaining("@BotFather"),
    });
    expect(
      describeStartUpFailure(new RedisNotReachable("cache", 6379, "connect ECONNREFUSED"), postgres),
    ).toMatchObject({
      error: "RedisNotReachable",
      host: "cache",
      port: 6379,
      check: expect.stringContaining("REDIS_URL"),
    });
    expect(describeStartUpFailure(new RangeError("odd"), postgres)).toMatchObject({
      error: "RangeError",
      message: "odd",
    });
  });
});
