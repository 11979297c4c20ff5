import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { BotContext } from "../bot/context.js";
import type { Logger } from "../logger.js";
import { checkReadiness, type ReadinessCheck } from "./readiness.js";

export interface HttpServerDeps {
  logger: Logger;
  /** What /readyz checks, by name (database, redis, migrations). */
  readiness: Readonly<Record<string, ReadinessCheck>>;
  /** What /metrics serves; no /metrics without it. */
  metrics?: { render(): Promise<{ contentType: string; body: string }> };
  /** In webhook mode: where Telegram posts updates and the secret it must present. */
  webhook?: { bot: Bot<BotContext>; path: string; secret: string };
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking requests and waits for those in flight. */
  close(): Promise<void>;
}

/**
 * `/healthz` (the process answers), `/readyz` (it can work: 200 or 503 with each check's
 * result as JSON), `/metrics`, and the webhook endpoint when the bot runs in webhook mode.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  let closing = false;
  const handleWebhook = deps.webhook
    ? webhookCallback(deps.webhook.bot, "http", {
        secretToken: deps.webhook.secret,
        // Answer Telegram before a slow update times out, so it is not delivered twice.
        onTimeout: "return",
        timeoutMilliseconds: 50_000,
      })
    : null;

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      deps.logger.error({ error: String(error), url: request.url }, "http request failed");
      if (!response.headersSent) respond(response, 500, "error");
      else response.end();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === "/healthz") return respond(response, 200, "ok");
    if (request.method === "GET" && path === "/readyz") {
      const report = closing
        ? { ready: false, checks: { process: "shutting down" } }
        : await checkReadiness(deps.readiness);
      return respond(response, report.ready ? 200 : 503, JSON.stringify(report), "application/json");
    }
    if (deps.metrics && request.method === "GET" && path === "/metrics") {
      const { contentType, body } = await deps.metrics.render();
      return respond(response, 200, body, contentType);
    }
    if (handleWebhook && deps.webhook && request.method === "POST" && path === deps.webhook.path) {
      if (closing) return respond(response, 503, "shutting down");
      return handleWebhook(request, response);
    }
    respond(response, 404, "not found");
  }

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    close: () =>
      new Promise((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function respond(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = "text/plain; charset=utf-8",
) {
  response.writeHead(status, { "content-type": contentType }).end(body);
}
