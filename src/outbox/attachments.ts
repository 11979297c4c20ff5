// Files made at send time. A use-case queues `{method: "sendDocument", attachment: {kind,
// params}}`; the sender asks the renderer registered for the kind (given by the composition
// root: the outbox knows no digest) and uploads the file. Telegram answers with a file_id, and
// the other rows of the same attachment (the digest to each admin and the group) send that id
// instead of uploading again: one render and one upload per attachment, however many recipients.
import { InputFile } from "grammy";
import { FILE_FIELD, type OutboxAttachment, type OutboxPayload } from "../domain/outbox.js";

export interface RenderedFile {
  data: Uint8Array;
  fileName: string;
}

export type AttachmentRenderer = (params: OutboxAttachment["params"]) => Promise<RenderedFile>;

/** Renderers by attachment kind. */
export type AttachmentRenderers = Readonly<Record<string, AttachmentRenderer>>;

/** An attachment no renderer knows: the row fails (a deployment without the renderer). */
export class UnknownAttachmentError extends Error {
  constructor(readonly kind: string) {
    super(`no renderer for attachment "${kind}"`);
  }
}

/** How many file_ids and renders are remembered (a week's digest has a handful). */
const REMEMBERED = 64;

const keyOf = (attachment: OutboxAttachment): string =>
  JSON.stringify([attachment.kind, Object.entries(attachment.params).sort(([a], [b]) => a.localeCompare(b))]);

export class AttachmentResolver {
  private readonly fileIds = new Map<string, string>();
  private readonly renders = new Map<string, Promise<RenderedFile>>();

  constructor(private readonly renderers: AttachmentRenderers = {}) {}

  /**
   * The Bot API parameters with the attachment made into a file: the file_id of an earlier
   * upload when there is one, else the rendered file (renders of one attachment are shared).
   */
  async resolve(
    payload: OutboxPayload,
    params: Record<string, unknown>,
  ): Promise<{ params: Record<string, unknown>; attachmentKey: string | null }> {
    if (payload.method === "sendMessage" || !payload.attachment) return { params, attachmentKey: null };
    const { attachment: _stored, ...rest } = params;
    const key = keyOf(payload.attachment);
    const field = FILE_FIELD[payload.method];
    const known = this.fileIds.get(key);
    if (known) return { params: { ...rest, [field]: known }, attachmentKey: key };
    const file = await this.render(key, payload.attachment);
    return { params: { ...rest, [field]: new InputFile(file.data, file.fileName) }, attachmentKey: key };
  }

  /** Telegram's answer to an upload: its file_id serves the attachment's next recipients. */
  remember(attachmentKey: string | null, result: unknown): void {
    if (attachmentKey === null || this.fileIds.has(attachmentKey)) return;
    const fileId = fileIdOf(result);
    if (!fileId) return;
    remember(this.fileIds, attachmentKey, fileId);
    this.renders.delete(attachmentKey);
  }

  private render(key: string, attachment: OutboxAttachment): Promise<RenderedFile> {
    const pending = this.renders.get(key);
    if (pending) return pending;
    const renderer = this.renderers[attachment.kind];
    if (!renderer) return Promise.reject(new UnknownAttachmentError(attachment.kind));
    const rendering = renderer(attachment.params);
    remember(this.renders, key, rendering);
    // A failed render is tried afresh next time.
    rendering.catch(() => this.renders.delete(key));
    return rendering;
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
}

/** The file_id Telegram gave a sent document or photo (the largest size of a photo). */
function fileIdOf(result: unknown): string | null {
  if (typeof result !== "object" || result === null) return null;
  const message = result as { document?: { file_id?: unknown }; photo?: Array<{ file_id?: unknown }> };
  const id = message.document?.file_id ?? message.photo?.at(-1)?.file_id;
  return typeof id === "string" ? id : null;
}
