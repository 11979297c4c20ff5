// PostgreSQL goes away while the bot runs (a proxy in front of the test server drops every
// connection and refuses new ones) and comes back: users are told to try again, in their
// language, what was confirmed before stays, what was asked meanwhile was not half-saved, and
// the same bot (no restart) works again.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createPrismaClient, type Db } from "../../src/db/prisma.js";
import { seedAccessFixture } from "../support/access-fixture.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { callbackUpdate, telegramUser, textUpdate } from "../support/telegram.js";
import { createTestDatabase, describePostgres, type TestDatabase } from "../support/test-database.js";

const TRY_AGAIN_EN =
  "⚠️ Dondoc cannot reach its database at the moment, so this request was not carried out and nothing was saved. Please try again in a few minutes.";

describePostgres("the bot while PostgreSQL is down", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let throughProxy: { prisma: Db; close(): Promise<void> };
  let harness: TestBot;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
    if (database.target.kind !== "postgres") throw new Error("expected PostgreSQL");
    const { hostname, port } = new URL(database.target.url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 5432) });
    const opened = await openDatabase({ kind: "postgres", url: proxy.via(database.target.url) });
    const prisma = createPrismaClient(opened.adapterFactory);
    throughProxy = {
      prisma,
      close: async () => {
        await prisma.$disconnect();
        await opened.close();
      },
    };
    harness = createTestBot(prisma);
  });
  afterAll(async () => {
    await throughProxy.close();
    await proxy.close();
    await database.drop();
  });

  it("says 'try again' while it is down, keeps what was confirmed, and recovers without a restart", async () => {
    // The cast is written directly (not through the proxy).
    const cast = await seedAccessFixture(database.prisma, "-outage");
    const admin = cast.users.admin;
    await harness.send(textUpdate(admin, "/units add OUT-1 | Phường Trước Sự Cố | COMMUNE"));
    expect(harness.api.lastText()).toContain("Unit added.");

    await proxy.cut();
    harness.api.reset();
    await harness.send(textUpdate(admin, "/units add OUT-2 | Phường Trong Sự Cố | COMMUNE"));
    expect(harness.api.texts()).toEqual([TRY_AGAIN_EN]);
    await harness.send(textUpdate(telegramUser(963_001, "vi"), "/start"));
    expect(harness.api.lastText()).toBe(
      "⚠️ Dondoc tạm thời không kết nối được cơ sở dữ liệu nên yêu cầu này chưa được thực hiện, chưa có gì được lưu. Vui lòng thử lại sau ít phút.",
    );
    await harness.send(callbackUpdate(admin, `unit:${cast.unitA.id}`));
    expect(harness.api.alerts()).toEqual([TRY_AGAIN_EN]);
    expect(harness.logs.filter((line) => line.reason === "DatabaseUnavailable")).toHaveLength(3);

    await proxy.restore();
    harness.api.reset();
    await harness.send(textUpdate(admin, "/units add OUT-2 | Phường Trong Sự Cố | COMMUNE"));
    expect(harness.api.lastText()).toContain("Unit added.");
    await harness.send(textUpdate(telegramUser(963_001, "vi"), "/start"));
    expect(harness.api.lastText()).toContain("Xin chào");

    const units = await database.prisma.unit.findMany({
      where: { code: { in: ["OUT-1", "OUT-2"] } },
      orderBy: { code: "asc" },
    });
    expect(units.map((unit) => unit.code)).toEqual(["OUT-1", "OUT-2"]);
    const audits = await database.prisma.auditEvent.findMany({ where: { action: "unit.created" } });
    expect(audits.map((event) => event.unitId).sort()).toEqual(units.map((unit) => unit.id).sort());
  }, 60_000);
});
