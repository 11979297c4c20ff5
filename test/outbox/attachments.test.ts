import { Api } from "grammy";
import pino from "pino";
import { beforeEach, expect, it } from "vitest";
import { DEFAULT_OUTBOX_RATES } from "../../src/domain/outbox.js";
import { type AttachmentRenderers, createOutboxSender } from "../../src/outbox/index.js";
import { OutboxRepository } from "../../src/repositories/outbox.js";
import { startSandbox, stopAfterTest } from "../sandbox/helpers.js";
import { describeDatabase } from "../support/test-database.js";

const workbook = { kind: "testWorkbook", params: { week: "2031-W16", audience: "center" } };

describeDatabase("attachments rendered at send time", (database) => {
  const prisma = () => database().prisma;
  beforeEach(async () => {
    await prisma().outboxMessage.deleteMany();
  });

  it("renders an attachment once, uploads it once, and sends its file_id to the other chats", async () => {
    const sandbox = await startSandbox();
    const chats = [720_001, 720_002, 720_003].map(
      (id) => sandbox.addUser({ id, first_name: `A${id}` }).chatId,
    );
    const renders: Array<Record<string, string | number>> = [];
    const renderers: AttachmentRenderers = {
      testWorkbook: async (params) => {
        renders.push(params);
        return { data: new TextEncoder().encode("PK fake xlsx"), fileName: `digest-${params.week}.xlsx` };
      },
    };
    await new OutboxRepository(prisma()).enqueue(
      chats.map((chatId) => ({
        dedupeKey: `attach:${chatId}`,
        chatId,
        kind: "digest.workbook",
        payload: { method: "sendDocument", attachment: workbook, caption: "Chi tiết tuần" },
      })),
    );
    // One send at a time, so the first upload's file_id is known before the next row.
    const sender = createOutboxSender({
      db: prisma(),
      api: new Api(sandbox.token, { apiRoot: sandbox.apiRoot }),
      rates: { ...DEFAULT_OUTBOX_RATES, scale: 20 },
      logger: pino({ level: "silent" }),
      concurrency: 1,
      attachments: renderers,
    });
    stopAfterTest(sender);
    expect(await sender.drainOnce()).toBe(3);

    expect(renders).toEqual([{ week: "2031-W16", audience: "center" }]);
    const sends = sandbox.calls.filter((call) => call.method === "sendDocument");
    expect(sends.map((call) => typeof call.payload.document)).toEqual(["object", "string", "string"]);
    expect(sends[0]?.payload.document).toMatchObject({ fileName: "digest-2031-W16.xlsx" });
    for (const chatId of chats) {
      expect(sandbox.messagesIn(chatId).map((message) => message.document?.fileName)).toEqual([
        "digest-2031-W16.xlsx",
      ]);
    }
    const rows = await prisma().outboxMessage.findMany({ where: { kind: "digest.workbook" } });
    expect(rows.map((row) => row.status)).toEqual(["SENT", "SENT", "SENT"]);
  });

  it("fails a row whose attachment no renderer knows, and retries one whose renderer failed", async () => {
    const sandbox = await startSandbox();
    const chatId = sandbox.addUser({ id: 720_010, first_name: "B" }).chatId;
    let calls = 0;
    await new OutboxRepository(prisma()).enqueue([
      {
        dedupeKey: "attach:unknown",
        chatId,
        kind: "x",
        payload: { method: "sendPhoto", attachment: { kind: "nobody", params: {} } },
      },
      {
        dedupeKey: "attach:flaky",
        chatId: chatId + 1,
        kind: "y",
        payload: { method: "sendPhoto", attachment: { kind: "flaky", params: {} } },
      },
    ]);
    sandbox.addUser({ id: 720_011, first_name: "C" });
    const sender = createOutboxSender({
      db: prisma(),
      api: new Api(sandbox.token, { apiRoot: sandbox.apiRoot }),
      rates: { ...DEFAULT_OUTBOX_RATES, scale: 20 },
      logger: pino({ level: "silent" }),
      attachments: {
        flaky: async () => {
          calls++;
          throw new Error("database away");
        },
      },
    });
    stopAfterTest(sender);
    await sender.drainOnce();
    const rows = await prisma().outboxMessage.findMany({ orderBy: { dedupeKey: "asc" } });
    expect(rows.map((row) => [row.dedupeKey, row.status, row.lastError])).toEqual([
      ["attach:flaky", "PENDING", expect.stringContaining("database away")],
      ["attach:unknown", "FAILED", 'no renderer for attachment "nobody"'],
    ]);
    expect(calls).toBe(1);
    expect(sandbox.calls.filter((call) => call.method === "sendPhoto")).toEqual([]);
  });
});
