import type { Update } from "grammy/types";

export type UpdateType = Exclude<keyof Update, "update_id">;

/** Telegram's default when allowed_updates is empty or was never given. */
const NOT_DEFAULT: ReadonlySet<string> = new Set([
  "chat_member",
  "message_reaction",
  "message_reaction_count",
]);

/** Updates wait here until getUpdates confirms them (offset) or the webhook accepts them. */
export class UpdateQueue {
  private pending: Update[] = [];
  private nextUpdateId = 1;
  private allowed: ReadonlySet<string> | undefined;
  private readonly arrivalListeners = new Set<() => void>();

  get size(): number {
    return this.pending.length;
  }

  /** The last allowed_updates the bot gave, as getWebhookInfo reports them. */
  get allowedUpdates(): UpdateType[] | undefined {
    return this.allowed === undefined ? undefined : ([...this.allowed] as UpdateType[]);
  }

  /** Queues an update unless the bot's allowed_updates exclude its type; returns it either way. */
  push(build: (updateId: number) => Update): Update {
    const update = build(this.nextUpdateId++);
    if (!this.isAllowed(update)) return update;
    this.pending.push(update);
    for (const listener of [...this.arrivalListeners]) listener();
    return update;
  }

  /** Same rules as getUpdates' allowed_updates: undefined keeps the previous setting, [] restores the default. */
  setAllowedUpdates(types: readonly string[] | undefined): void {
    if (types === undefined) return;
    this.allowed = types.length === 0 ? undefined : new Set(types);
  }

  /** Forgets updates below `offset`; a negative offset keeps only the last -offset updates. */
  confirm(offset: number): void {
    if (offset < 0) this.pending = this.pending.slice(offset);
    else if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
  }

  peek(): Update | undefined {
    return this.pending[0];
  }

  take(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  clear(): void {
    this.pending = [];
  }

  onArrival(listener: () => void): () => void {
    this.arrivalListeners.add(listener);
    return () => this.arrivalListeners.delete(listener);
  }

  /** Resolves when an update arrives, the time is up or the signal aborts, whichever is first. */
  waitForArrival(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.onArrival(done);
      if (signal.aborted) done();
      else signal.addEventListener("abort", done, { once: true });
    });
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== "update_id") ?? "";
    return this.allowed === undefined ? !NOT_DEFAULT.has(type) : this.allowed.has(type);
  }
}
