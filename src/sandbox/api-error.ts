import type { ResponseParameters } from "grammy/types";

/** A Bot API failure, answered as `{ ok: false, error_code, description, parameters? }` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }
}

export const badRequest = (detail: string): ApiError => new ApiError(400, `Bad Request: ${detail}`);

export const forbidden = (detail: string): ApiError => new ApiError(403, `Forbidden: ${detail}`);

export const notFound = (): ApiError => new ApiError(404, "Not Found");

export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");

export const entityTooLarge = (): ApiError => new ApiError(413, "Request Entity Too Large");

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const conflict = (detail: string): ApiError => new ApiError(409, `Conflict: ${detail}`);

export const chatNotFound = (): ApiError => badRequest("chat not found");
