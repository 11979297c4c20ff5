import type { Context, MiddlewareFn } from "grammy";

/** What handling updates took, for metrics (src/server/metrics.ts). */
export interface UpdateObserver {
  /** `type`: "message", "callback_query", ...; `seconds`: from arrival to the handler's end. */
  handled(type: string, seconds: number, outcome: "ok" | "failed"): void;
}

/**
 * Times every update from the moment it reaches the bot (waiting behind its chat's earlier
 * updates included: that is what the user waits) to the end of its handling. An update whose
 * failure the error boundary reported (and answered) is in `failed`.
 */
export function observeUpdates(observer: UpdateObserver, failed: WeakSet<object>): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const started = performance.now();
    const type = Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown";
    let outcome: "ok" | "failed" = "failed";
    try {
      await next();
      if (!failed.has(ctx.update)) outcome = "ok";
    } finally {
      observer.handled(type, (performance.now() - started) / 1000, outcome);
    }
  };
}
