import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.js";
import { boundaryOf, MultipartError, parseMultipart } from "./multipart.js";

export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

/** Form fields Telegram reads as JSON when they arrive as strings (multipart, urlencoded, query). */
const JSON_FIELDS = new Set([
  "reply_markup",
  "reply_parameters",
  "entities",
  "caption_entities",
  "link_preview_options",
  "commands",
  "scope",
  "allowed_updates",
  "media",
]);

export interface ReadBody {
  body: Buffer;
  /** The body exceeded the cap; its rest was read and discarded. */
  tooLarge: boolean;
}

/** Reads the whole request, keeping at most `capBytes`; the rest is drained so the client gets a clean answer. */
export function readBody(req: IncomingMessage, capBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > capBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

/** The parameters of one Bot API call, whatever encoding they came in. */
export class ApiParams {
  constructor(
    readonly fields: Readonly<Record<string, unknown>>,
    readonly uploads: ReadonlyMap<string, UploadedFile>,
  ) {}

  /** What `calls` records: the fields, with uploads shown as `{ fileName, size }`. */
  recorded(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.fields };
    for (const [name, file] of this.uploads)
      out[name] = { fileName: file.fileName, size: file.content.length };
    return out;
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined || this.uploads.has(name);
  }

  string(name: string): string | undefined {
    const value = this.fields[name];
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw badRequest(`field "${name}" must be of type String`);
  }

  integer(name: string): number | undefined {
    const value = this.fields[name];
    if (value === undefined) return undefined;
    const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number === "number" && Number.isInteger(number)) return number;
    throw badRequest(`field "${name}" must be of type Integer`);
  }

  boolean(name: string): boolean | undefined {
    const value = this.fields[name];
    if (value === undefined) return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** An object or array field; string values (from form encodings) are read as JSON. */
  json(name: string): unknown {
    const value = this.fields[name];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** `chat_id` as a number, or a "@username" string. */
  chatId(name = "chat_id"): number | string | undefined {
    const value = this.fields[name];
    if (typeof value === "string" && value.startsWith("@")) return value;
    return this.integer(name);
  }

  upload(name: string): UploadedFile | undefined {
    return this.uploads.get(name);
  }
}

export function parseParams(
  body: Buffer,
  contentType: string | undefined,
  query: URLSearchParams,
): ApiParams {
  const fromQuery = formFields(query);
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data"))
    return withQuery(fromQuery, parseMultipartParams(body, contentType ?? ""));
  if (body.length === 0) return new ApiParams(fromQuery, new Map());
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return new ApiParams(
      { ...fromQuery, ...formFields(new URLSearchParams(body.toString("utf8"))) },
      new Map(),
    );
  }
  return new ApiParams({ ...fromQuery, ...parseJsonObject(body) }, new Map());
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("can't parse JSON object");
  }
  return parsed as Record<string, unknown>;
}

function formFields(entries: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entries) out[name] = formValue(name, value);
  return out;
}

/** Form fields that are numbers or booleans in JSON, so `calls` shows the same payload for either encoding. */
const INTEGER_FIELDS = new Set([
  "chat_id",
  "from_chat_id",
  "message_id",
  "message_thread_id",
  "reply_to_message_id",
  "user_id",
  "offset",
  "limit",
  "timeout",
  "max_connections",
  "cache_time",
  "duration",
  "width",
  "height",
]);
const BOOLEAN_FIELDS = new Set([
  "disable_notification",
  "protect_content",
  "allow_sending_without_reply",
  "drop_pending_updates",
  "show_alert",
  "has_spoiler",
  "show_caption_above_media",
  "disable_content_type_detection",
  "disable_web_page_preview",
]);

function formValue(name: string, value: string): unknown {
  if (INTEGER_FIELDS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOLEAN_FIELDS.has(name) && (value === "true" || value === "false")) return value === "true";
  if (!JSON_FIELDS.has(name)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function withQuery(query: Record<string, unknown>, params: ApiParams): ApiParams {
  return new ApiParams({ ...query, ...params.fields }, params.uploads);
}

/** A field may carry a file itself, or name a file part with "attach://<part name>", as grammY does. */
function parseMultipartParams(body: Buffer, contentType: string): ApiParams {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw badRequest("multipart boundary is missing");
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    throw badRequest(error instanceof MultipartError ? error.message : "can't parse multipart body");
  }
  const fileParts = new Map(parts.filter((p) => p.fileName !== undefined).map((p) => [p.name, p]));
  const fields: Record<string, unknown> = {};
  const uploads = new Map<string, UploadedFile>();
  const attached = new Set<string>();
  for (const part of parts) {
    if (part.fileName !== undefined) continue;
    const value = part.content.toString("utf8");
    const target = value.startsWith("attach://") ? fileParts.get(value.slice("attach://".length)) : undefined;
    if (target) {
      uploads.set(part.name, { fileName: target.fileName ?? part.name, content: target.content });
      attached.add(target.name);
    } else {
      fields[part.name] = formValue(part.name, value);
    }
  }
  for (const [name, part] of fileParts) {
    if (!attached.has(name)) uploads.set(name, { fileName: part.fileName ?? name, content: part.content });
  }
  return new ApiParams(fields, uploads);
}
