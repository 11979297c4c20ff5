import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { entityTooLarge, notFound, unauthorized } from "./api-error.js";
import { type ApiResponse, errorResponse, type SandboxCore } from "./core.js";
import { type ApiParams, parseParams, readBody } from "./request.js";
import { MAX_UPLOAD_BYTES } from "./telegram-limits.js";

/** Room for the multipart framing and fields around a file of the largest allowed size. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

const API_ROUTE = /^\/bot([^/]+)\/([^/]*)$/;
const FILE_ROUTE = /^\/file\/bot([^/]+)\/(.+)$/;

interface ApiRequest {
  token: string;
  method: string;
  body: Buffer;
  tooLarge: boolean;
  at: Date;
  query: URLSearchParams;
}

/** Serves `/bot<token>/<method>` and `/file/bot<token>/<path>` the way api.telegram.org does. */
export class SandboxHttp {
  private readonly inflight = new Set<ServerResponse>();

  constructor(
    private readonly core: SandboxCore,
    private readonly token: string,
  ) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.core.shutdown.signal.aborted) {
      req.socket.destroy();
      return;
    }
    this.inflight.add(res);
    res.on("close", () => this.inflight.delete(res));
    const signal = requestSignal(res);
    this.route(req, res, signal).catch((error: unknown) => {
      if (!res.headersSent) writeJson(res, errorResponse(error));
    });
  };

  /** Waits (at most `timeoutMs`) until every answer in progress has been written. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inflight.size > 0 && Date.now() < deadline) await sleep(5);
  }

  private async route(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const file = FILE_ROUTE.exec(url.pathname);
    if (file) {
      this.serveFile(res, file[1] ?? "", decodeURIComponent(file[2] ?? ""));
      return;
    }
    const at = new Date();
    const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
    const api = API_ROUTE.exec(url.pathname);
    if (!api) {
      writeJson(res, errorResponse(notFound()));
      return;
    }
    const [, token = "", method = ""] = api;
    const request = { token, method, body, tooLarge, at, query: url.searchParams };
    writeJson(res, await this.answer(request, req.headers["content-type"], signal));
  }

  private async answer(
    request: ApiRequest,
    contentType: string | undefined,
    signal: AbortSignal,
  ): Promise<ApiResponse> {
    let params: ApiParams;
    try {
      if (request.token !== this.token) throw unauthorized();
      if (request.tooLarge) throw entityTooLarge();
      params = parseParams(request.body, contentType, request.query);
    } catch (error) {
      const response = errorResponse(error);
      this.core.record(request.method, {}, request.at, response);
      return response;
    }
    return this.core.call(request.method, params, signal, request.at);
  }

  private serveFile(res: ServerResponse, token: string, filePath: string): void {
    const file = token === this.token ? this.core.world.filesByPath.get(filePath) : undefined;
    if (file === undefined) {
      writeJson(res, errorResponse(notFound()));
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.content.length });
    res.end(file.content);
  }
}

/** Aborts when the client goes away before the answer is written (a cancelled long poll). */
function requestSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableEnded) controller.abort();
  });
  return controller.signal;
}

function writeJson(res: ServerResponse, response: ApiResponse): void {
  const body = JSON.stringify(response);
  const status = response.ok ? 200 : httpStatusOf(response.error_code);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** Telegram's error codes double as HTTP statuses. */
const httpStatusOf = (errorCode: number): number => (errorCode >= 400 && errorCode <= 599 ? errorCode : 500);
