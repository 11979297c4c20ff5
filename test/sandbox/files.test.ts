import { randomBytes } from "node:crypto";
import { InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { botFor, failure, startSandbox, stopAfterTest } from "./helpers.js";

/** A 2x3 PNG header is all the sandbox reads for a photo's size. */
const tinyPng = (): Buffer => {
  const png = Buffer.alloc(33);
  png.writeUInt32BE(0x89504e47, 0);
  png.writeUInt32BE(0x0d0a1a0a, 4);
  png.write("IHDR", 12);
  png.writeUInt32BE(2, 16);
  png.writeUInt32BE(3, 20);
  return png;
};

describe("files", () => {
  it("a user's document reaches the bot, which downloads identical bytes via getFile", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5001, first_name: "Mai" });
    const content = Buffer.concat([randomBytes(4096), Buffer.from("\r\n--boundary\r\n\0")]);
    const bot = botFor(sandbox);
    let downloaded: Buffer | undefined;
    bot.on("message:document", async (ctx) => {
      const file = await ctx.getFile();
      const response = await fetch(`${sandbox.apiRoot}/file/bot${sandbox.token}/${file.file_path}`);
      downloaded = Buffer.from(await response.arrayBuffer());
      await ctx.reply(`got ${ctx.message.document.file_name} (${file.file_size} bytes)`);
    });
    void bot.start({ timeout: 1 });
    stopAfterTest(bot);

    const update = user.uploadDocument({ fileName: "báo cáo tháng 11.xlsx", content, caption: "/import" });
    const reply = await user.waitForBotMessage();

    expect(reply.text).toBe(`got báo cáo tháng 11.xlsx (${content.length} bytes)`);
    expect(downloaded?.equals(content)).toBe(true);
    expect(update.message?.document).toMatchObject({
      file_name: "báo cáo tháng 11.xlsx",
      mime_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      file_size: content.length,
    });
    expect(update.message?.caption_entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    const fileId = update.message?.document?.file_id ?? "";
    expect(Buffer.from(await (await fetch(sandbox.downloadUrl(fileId))).arrayBuffer()).equals(content)).toBe(
      true,
    );
  });

  it("a document the bot sends with InputFile shows up with its content", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5002, first_name: "Nam" });
    const { api } = botFor(sandbox);
    const csv = Buffer.from("unit,overdue\nWard 1,3\n", "utf8");
    const sent = await api.sendDocument(user.chatId, new InputFile(csv, "x.csv"), {
      caption: "<i>report</i>",
      parse_mode: "HTML",
    });

    const [message] = sandbox.messagesIn(user.chatId);
    expect(message?.document).toMatchObject({ fileName: "x.csv", mimeType: "text/csv" });
    expect(message?.document?.content.equals(csv)).toBe(true);
    expect(message?.caption).toBe("report");
    expect(sent.document).toMatchObject({ file_name: "x.csv", file_size: csv.length });
    expect(sent.caption_entities).toEqual([{ type: "italic", offset: 0, length: 6 }]);
    expect(sandbox.calls[0]?.payload).toMatchObject({
      chat_id: 5002,
      document: { fileName: "x.csv", size: csv.length },
    });

    const again = await api.sendDocument(user.chatId, sent.document.file_id);
    expect(again.document.file_id).toBe(sent.document.file_id);
    const file = await api.getFile(sent.document.file_id);
    const bytes = Buffer.from(
      await (await fetch(`${sandbox.apiRoot}/file/bot${sandbox.token}/${file.file_path}`)).arrayBuffer(),
    );
    expect(bytes.equals(csv)).toBe(true);
  });

  it("a photo keeps its bytes and size, and its file_id cannot be sent as a document", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5003, first_name: "Oanh" });
    const { api } = botFor(sandbox);
    const sent = await api.sendPhoto(user.chatId, new InputFile(tinyPng()));
    expect(sent.photo).toMatchObject([{ width: 2, height: 3, file_size: 33 }]);
    expect(user.messages()[0]?.photo?.content.equals(tinyPng())).toBe(true);
    const photoId = sent.photo[0]?.file_id ?? "";
    const error = await failure(api.sendDocument(user.chatId, photoId));
    expect(error.description).toBe("Bad Request: can't use file of type Photo as Document");
  });

  it("refuses an upload over 50 MB with 413", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5004, first_name: "Phu" });
    const { api } = botFor(sandbox);
    const big = Buffer.alloc(50 * 1024 * 1024 + 1);
    const error = await failure(api.sendDocument(user.chatId, new InputFile(big, "big.bin")));
    expect([error.error_code, error.description]).toEqual([413, "Request Entity Too Large"]);
    expect(user.messages()).toEqual([]);
  });

  it("getFile refuses files over 20 MB", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5005, first_name: "Quy" });
    const update = user.uploadDocument({ fileName: "huge.zip", content: Buffer.alloc(20 * 1024 * 1024 + 1) });
    const error = await failure(botFor(sandbox).api.getFile(update.message?.document?.file_id ?? ""));
    expect(error.description).toBe("Bad Request: file is too big");
  });

  it("also accepts the multipart form browsers and undici send", async () => {
    const sandbox = await startSandbox();
    const user = sandbox.addUser({ id: 5006, first_name: "Rang" });
    const form = new FormData();
    form.append("chat_id", String(user.chatId));
    form.append("caption", "plain");
    form.append("document", new Blob([Buffer.from("a;b\r\n")]), 'quarterly "final"; v2.txt');
    const response = await fetch(`${sandbox.apiRoot}/bot${sandbox.token}/sendDocument`, {
      method: "POST",
      body: form,
    });
    expect(response.status).toBe(200);
    const [message] = user.messages();
    expect(message?.document?.fileName).toBe('quarterly "final"; v2.txt');
    expect(message?.document?.content.toString()).toBe("a;b\r\n");
    expect(sandbox.calls[0]?.payload).toEqual({
      chat_id: 5006,
      caption: "plain",
      document: { fileName: 'quarterly "final"; v2.txt', size: 5 },
    });
  });
});
