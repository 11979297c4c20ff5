import { beforeEach, expect, it } from "vitest";
import type { Db } from "../../src/db/prisma.js";
import { inTransaction } from "../../src/db/transaction.js";
import { type NewOutboxMessage, OutboxRepository } from "../../src/repositories/outbox.js";
import { describeDatabase, describePostgres } from "../support/test-database.js";
import { useTwoInstances } from "../support/two-instances.js";

const T0 = new Date("2025-04-12T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const message = (n: number, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  dedupeKey: `test:${n}`,
  chatId: 500_000 + n,
  kind: "test",
  payload: { method: "sendMessage", text: `message ${n}` },
  notBefore: T0,
  ...extra,
});

describeDatabase("OutboxRepository", (database) => {
  const prisma = () => database().prisma;
  const outbox = () => new OutboxRepository(prisma());

  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
  });

  it("queues each dedupe key once, counting the others as duplicates", async () => {
    expect(await outbox().enqueue([message(1), message(2), message(1)])).toEqual({
      queued: 2,
      duplicates: 1,
    });
    expect(await outbox().enqueue([message(2), message(3)])).toEqual({ queued: 1, duplicates: 1 });
    expect(await outbox().enqueue([])).toEqual({ queued: 0, duplicates: 0 });
    const rows = await prisma().outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.dedupeKey, Number(row.chatId), row.status, row.attempts])).toEqual([
      ["test:1", 500_001, "PENDING", 0],
      ["test:2", 500_002, "PENDING", 0],
      ["test:3", 500_003, "PENDING", 0],
    ]);
  });

  it("queues inside the caller's transaction: a rollback leaves nothing", async () => {
    await expect(
      inTransaction(prisma(), async (tx) => {
        await new OutboxRepository(tx).enqueue([message(10)]);
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await prisma().outboxMessage.count()).toBe(0);
    await inTransaction(prisma(), (tx) => new OutboxRepository(tx).enqueue([message(11)]));
    expect(await prisma().outboxMessage.count()).toBe(1);
  });

  it("refuses a payload Telegram would not take", async () => {
    const bad = { ...message(12), payload: { method: "sendMessage", text: "" } } as NewOutboxMessage;
    await expect(outbox().enqueue([bad])).rejects.toThrow();
  });

  it("claims due rows under a lease; they come back when it ends", async () => {
    await outbox().enqueue([message(20), message(21), message(22, { notBefore: at(60_000) })]);
    const claimed = await outbox().claim(10, T0, 30_000);
    expect(claimed.map((row) => [row.chatId, row.attempts, row.payload])).toEqual([
      [500_020, 1, { method: "sendMessage", text: "message 20" }],
      [500_021, 1, { method: "sendMessage", text: "message 21" }],
    ]);
    expect(await outbox().claim(10, at(29_999), 30_000)).toEqual([]);
    const again = await outbox().claim(10, at(30_000), 60_000);
    expect(again.map((row) => [row.chatId, row.attempts])).toEqual([
      [500_020, 2],
      [500_021, 2],
    ]);
    expect((await outbox().claim(10, at(60_000), 30_000)).map((row) => row.chatId)).toEqual([500_022]);
  });

  it("claims at most the limit, oldest due first", async () => {
    await outbox().enqueue([
      message(30, { notBefore: at(5) }),
      message(31),
      message(32, { notBefore: at(1) }),
    ]);
    expect((await outbox().claim(2, at(10), 1000)).map((row) => row.chatId)).toEqual([500_031, 500_032]);
  });

  it("gives a chat's messages one at a time, in the order they were queued", async () => {
    const chatId = -100_777;
    await outbox().enqueue([
      message(40, { chatId, batch: "b" }),
      message(41, { chatId, batch: "b" }),
      message(42, { chatId: 500_999 }),
    ]);
    const first = await outbox().claim(10, T0, 1000);
    expect(first.map((row) => [row.chatId, row.payload])).toEqual([
      [chatId, { method: "sendMessage", text: "message 40" }],
      [500_999, { method: "sendMessage", text: "message 42" }],
    ]);
    expect(await outbox().claim(10, at(999), 1000)).toEqual([]);
    await outbox().markSent(first[0]?.id ?? 0, 77, at(10));
    const second = await outbox().claim(10, at(10), 1000);
    expect(second.map((row) => row.payload)).toEqual([{ method: "sendMessage", text: "message 41" }]);
  });

  it("records a send with Telegram's message id", async () => {
    await outbox().enqueue([message(50)]);
    const [row] = await outbox().claim(1, T0, 1000);
    await outbox().markSent(row?.id ?? 0, 4242, at(5));
    expect(await prisma().outboxMessage.findFirst({ where: { dedupeKey: "test:50" } })).toMatchObject({
      status: "SENT",
      telegramMessageId: 4242,
      sentAt: at(5),
      attempts: 1,
    });
  });

  it("reschedules with or without counting the attempt", async () => {
    await outbox().enqueue([message(60), message(61)]);
    const [flooded, broken] = await outbox().claim(2, T0, 1000);
    await outbox().reschedule(flooded?.id ?? 0, at(7000), "429 Too Many Requests", false);
    await outbox().reschedule(broken?.id ?? 0, at(2000), "502 Bad Gateway", true);
    const rows = await prisma().outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.status, row.attempts, row.notBefore, row.lastError])).toEqual([
      ["PENDING", 0, at(7000), "429 Too Many Requests"],
      ["PENDING", 1, at(2000), "502 Bad Gateway"],
    ]);
  });

  it("marks a row undeliverable and flags its person and group binding, keeping an earlier flag", async () => {
    const person = await prisma().person.create({ data: { telegramUserId: 610_001n } });
    const earlier = await prisma().person.create({
      data: { telegramUserId: 610_002n, unreachableSince: at(-86_400_000) },
    });
    const unit = await prisma().unit.create({
      data: { nameVi: "Phường 61", normalizedName: "phuong 61 outbox" },
    });
    const binding = await prisma().chatBinding.create({ data: { chatId: -610_001n, unitId: unit.id } });
    await outbox().enqueue([
      message(70, { chatId: 610_001, personId: person.id }),
      message(71, { chatId: -610_001, chatBindingId: binding.id }),
      message(72, { chatId: 610_002, personId: earlier.id }),
    ]);
    const rows = await outbox().claim(3, T0, 1000);
    for (const row of rows)
      await outbox().markUndeliverable(row.id, "403 Forbidden: bot was blocked by the user", at(9));

    expect((await prisma().person.findUniqueOrThrow({ where: { id: person.id } })).unreachableSince).toEqual(
      at(9),
    );
    expect((await prisma().person.findUniqueOrThrow({ where: { id: earlier.id } })).unreachableSince).toEqual(
      at(-86_400_000),
    );
    expect(
      (await prisma().chatBinding.findUniqueOrThrow({ where: { id: binding.id } })).unreachableSince,
    ).toEqual(at(9));
    expect(await prisma().outboxMessage.count({ where: { status: "FAILED" } })).toBe(3);
  });

  it("reports a batch's progress by counting in SQL, with the failures", async () => {
    await outbox().enqueue([
      ...[80, 81, 82, 83].map((n) => message(n, { batch: "push-1", personId: null })),
      message(84, { batch: "push-2" }),
    ]);
    const rows = await outbox().claim(10, T0, 1000);
    const byText = (n: number) => rows.find((row) => row.chatId === 500_000 + n)?.id ?? 0;
    await outbox().markSent(byText(80), 1, at(1));
    await outbox().markSent(byText(81), 2, at(1));
    await outbox().markFailed(byText(82), "400 Bad Request: message is too long");
    expect(await outbox().batchProgress("push-1")).toEqual({
      total: 4,
      sent: 2,
      failed: 1,
      pending: 1,
      failures: [
        {
          chatId: 500_082,
          personId: null,
          chatBindingId: null,
          lastError: "400 Bad Request: message is too long",
        },
      ],
    });
    expect(await outbox().batchProgress("nothing")).toEqual({
      total: 0,
      sent: 0,
      failed: 0,
      pending: 0,
      failures: [],
    });
  });
});

describePostgres("OutboxRepository with two senders", () => {
  const instances = useTwoInstances();

  it("never gives the same row to both", async () => {
    const count = 600;
    const database = { prisma: instances.database.prisma };
    const other = { prisma: instances.other };
    await new OutboxRepository(database.prisma).enqueue(Array.from({ length: count }, (_, n) => message(n)));
    const claimAll = async (prisma: Db): Promise<number[]> => {
      const ids: number[] = [];
      const outbox = new OutboxRepository(prisma);
      for (;;) {
        const rows = await outbox.claim(7, T0, 60_000);
        if (rows.length === 0) return ids;
        ids.push(...rows.map((row) => row.id));
      }
    };
    const [first, second, third] = await Promise.all([
      claimAll(database.prisma),
      claimAll(other.prisma),
      claimAll(other.prisma),
    ]);
    const all = [...first, ...second, ...third];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(count);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length + third.length).toBeGreaterThan(0);
    expect(await database.prisma.outboxMessage.count({ where: { attempts: 1 } })).toBe(count);
  });
});
