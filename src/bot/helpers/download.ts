import type { FileApiFlavor } from "@grammyjs/files";
import type { Api } from "grammy";

/**
 * Reads a Telegram file into memory (the Bot API serves at most 20 MB), refusing anything
 * larger than `maxBytes`. The files plugin builds the URL; the download itself uses fetch,
 * because the plugin's own downloader speaks only https and local Bot API servers are http.
 */
export async function downloadTelegramFile(api: Api, fileId: string, maxBytes: number): Promise<Buffer> {
  const file = await (api as FileApiFlavor<Api>).getFile(fileId);
  const response = await fetch(file.getUrl());
  if (!response.ok || !response.body)
    throw new Error(`downloading file ${fileId} failed: HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`file ${fileId} is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
