import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../src/db/outage.js";

const driverError = (kind: string) =>
  Object.assign(new Error(kind), { name: "DriverAdapterError", cause: { kind } });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["the driver could not connect", driverError("DatabaseNotReachable"), true],
    ["the connection closed", driverError("ConnectionClosed"), true],
    ["no connection left", driverError("TooManyConnections"), true],
    ["Prisma: can't reach the server", Object.assign(new Error("x"), { code: "P1001" }), true],
    ["Prisma: pool timeout", Object.assign(new Error("x"), { code: "P2024" }), true],
    ["PostgreSQL shutting down", Object.assign(new Error("x"), { code: "57P01" }), true],
    [
      "a refused socket, wrapped",
      new Error("query failed", { cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }) }),
      true,
    ],
    ["pg's terminated connection", new Error("Connection terminated unexpectedly"), true],
    ["a unique violation", driverError("UniqueConstraintViolation"), false],
    ["Prisma: record not found", Object.assign(new Error("x"), { code: "P2025" }), false],
    ["a bug", new TypeError("cannot read properties of undefined"), false],
    ["not an error", "oops", false],
  ])("%s: %s", (_, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });

  it("follows a cycle of causes without looping", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    Object.assign(a, { cause: b });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
