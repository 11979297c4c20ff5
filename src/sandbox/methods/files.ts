import type { Document, PhotoSize } from "grammy/types";
import { badRequest, entityTooLarge } from "../api-error.js";
import type { MethodHandler, SandboxCore } from "../core.js";
import type { ApiParams } from "../request.js";
import { assertCaption, MAX_DOWNLOAD_BYTES, MAX_UPLOAD_BYTES } from "../telegram-limits.js";
import { compact, type FileKind, type StoredFile } from "../world.js";
import { appendBotMessage, formatText, requireChat } from "./shared.js";

const KIND_NAMES: Readonly<Record<FileKind, string>> = { document: "Document", photo: "Photo" };

/** The file a send* call carries: a fresh upload, or the file_id of a file Telegram already has. */
function inputFile(core: SandboxCore, params: ApiParams, kind: FileKind): StoredFile {
  const upload = params.upload(kind);
  if (upload !== undefined) {
    if (upload.content.length > MAX_UPLOAD_BYTES) throw entityTooLarge();
    if (upload.content.length === 0) throw badRequest("file must be non-empty");
    return core.world.storeFile(kind, upload.fileName, upload.content);
  }
  const reference = params.string(kind);
  if (reference === undefined || reference === "") throw badRequest(`there is no ${kind} in the request`);
  if (/^https?:\/\//i.test(reference)) throw badRequest("failed to get HTTP URL content");
  const file = core.world.files.get(reference);
  if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
  if (file.kind !== kind)
    throw badRequest(`can't use file of type ${KIND_NAMES[file.kind]} as ${KIND_NAMES[kind]}`);
  return file;
}

export function documentOf(file: StoredFile): Document {
  return compact({
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_name: file.fileName,
    mime_type: file.mimeType,
    file_size: file.content.length,
  });
}

function photoSizesOf(file: StoredFile): PhotoSize[] {
  const { width, height } = imageSize(file.content);
  return [
    {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      width,
      height,
      file_size: file.content.length,
    },
  ];
}

/** Reads PNG and JPEG dimensions; anything else is accepted as a 1x1 picture. */
export function imageSize(content: Buffer): { width: number; height: number } {
  if (content.length >= 24 && content.readUInt32BE(0) === 0x89504e47) {
    return { width: content.readUInt32BE(16), height: content.readUInt32BE(20) };
  }
  let pos = 2;
  while (content[0] === 0xff && content[1] === 0xd8 && pos + 9 < content.length) {
    if (content[pos] !== 0xff) break;
    const marker = content[pos + 1] ?? 0;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: content.readUInt16BE(pos + 7), height: content.readUInt16BE(pos + 5) };
    pos += 2 + content.readUInt16BE(pos + 2);
  }
  return { width: 1, height: 1 };
}

function sendFile(kind: FileKind): MethodHandler {
  return (core, params) => {
    const record = requireChat(core, params);
    const file = inputFile(core, params, kind);
    const parseMode = params.string("parse_mode");
    const caption = formatText(params.string("caption") ?? "", parseMode, params.json("caption_entities"));
    assertCaption(caption.text);
    return appendBotMessage(
      core,
      record,
      params,
      {
        document: kind === "document" ? documentOf(file) : undefined,
        photo: kind === "photo" ? photoSizesOf(file) : undefined,
        caption: caption.text || undefined,
        caption_entities: caption.entities,
      },
      { parseMode, fileId: file.fileId },
    );
  };
}

export const sendDocument = sendFile("document");
export const sendPhoto = sendFile("photo");

export const getFile: MethodHandler = (core, params) => {
  const file = core.world.files.get(params.string("file_id") ?? "");
  if (file === undefined) throw badRequest("wrong file_id or the file is temporarily unavailable");
  if (file.content.length > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.content.length,
    file_path: file.filePath,
  };
};
