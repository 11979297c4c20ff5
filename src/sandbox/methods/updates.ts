import type { WebhookInfo } from "grammy/types";
import { badRequest, conflict } from "../api-error.js";
import { Described, type MethodHandler, type SandboxCore } from "../core.js";
import type { ApiParams } from "../request.js";
import type { UpdateType } from "../update-queue.js";
import { compact } from "../world.js";

const WEBHOOK_ACTIVE =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const TERMINATED = "terminated by other getUpdates request; make sure that only one bot instance is running";

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

function allowedUpdatesParam(params: ApiParams): UpdateType[] | undefined {
  const value = params.json("allowed_updates");
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw badRequest("can't parse allowed_updates JSON array");
  }
  return value as UpdateType[];
}

export const getUpdates: MethodHandler = async (core, params, signal) => {
  if (core.webhook.config) throw conflict(WEBHOOK_ACTIVE);
  const offset = params.integer("offset") ?? 0;
  const limit = clamp(params.integer("limit") ?? 100, 1, 100);
  const timeoutSeconds = clamp(params.integer("timeout") ?? 0, 0, core.settings.longPollMaxSeconds);
  core.queue.setAllowedUpdates(allowedUpdatesParam(params));
  core.activePoll?.terminate();
  core.queue.confirm(offset);
  if (core.queue.size === 0 && timeoutSeconds > 0) {
    await longPoll(core, timeoutSeconds * 1000, signal);
    if (core.shutdown.signal.aborted) return [];
    if (core.webhook.config) throw conflict(WEBHOOK_ACTIVE);
  }
  return core.queue.take(limit);
};

/** Waits for an update as the one active poll; a newer getUpdates makes this one answer 409. */
async function longPoll(core: SandboxCore, timeoutMs: number, requestSignal: AbortSignal): Promise<void> {
  const superseded = new AbortController();
  const poll = { terminate: () => superseded.abort() };
  core.activePoll = poll;
  try {
    const signal = AbortSignal.any([requestSignal, superseded.signal, core.shutdown.signal]);
    await core.queue.waitForArrival(timeoutMs, signal);
  } finally {
    if (core.activePoll === poll) core.activePoll = undefined;
  }
  if (superseded.signal.aborted) throw conflict(TERMINATED);
}

function webhookUrlParam(params: ApiParams): string {
  const url = params.string("url") ?? "";
  if (url === "") return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("bad webhook: invalid webhook URL specified");
  }
  // Telegram insists on HTTPS; the sandbox also delivers to plain HTTP so tests need no certificate.
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  return url;
}

export const setWebhook: MethodHandler = (core, params) => {
  const url = webhookUrlParam(params);
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = clamp(params.integer("max_connections") ?? 40, 1, 100);
  if (params.boolean("drop_pending_updates") === true) core.queue.clear();
  core.queue.setAllowedUpdates(allowedUpdatesParam(params));
  if (url === "") return removeWebhook(core);
  const previous = core.webhook.config;
  const unchanged = previous?.url === url && previous.secretToken === secretToken;
  core.webhook.set({ url, secretToken, maxConnections });
  return new Described(true, unchanged ? "Webhook is already set" : "Webhook was set");
};

function removeWebhook(core: SandboxCore): Described {
  const had = core.webhook.config !== undefined;
  core.webhook.set(undefined);
  return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
}

export const deleteWebhook: MethodHandler = (core, params) => {
  if (params.boolean("drop_pending_updates") === true) core.queue.clear();
  return removeWebhook(core);
};

export const getWebhookInfo: MethodHandler = (core) => {
  const config = core.webhook.config;
  const lastError = core.webhook.lastErrorInfo;
  const info: WebhookInfo = compact({
    url: config?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: core.queue.size,
    ip_address: config ? "127.0.0.1" : undefined,
    last_error_date: lastError?.date,
    last_error_message: lastError?.message,
    max_connections: config?.maxConnections,
    allowed_updates: config ? core.queue.allowedUpdates : undefined,
  });
  return info;
};
