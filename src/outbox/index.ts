export {
  type AttachmentRenderer,
  type AttachmentRenderers,
  type RenderedFile,
  UnknownAttachmentError,
} from "./attachments.js";
export { type FloodScope, Pacer, type PacerOptions } from "./pacer.js";
export {
  createOutboxSender,
  DEFAULT_OUTBOX_CONCURRENCY,
  deliveryFailureOf,
  type OutboxApi,
  type OutboxSender,
  type OutboxSenderDeps,
} from "./sender.js";
