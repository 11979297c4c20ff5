interface Waiter<T> {
  matches: (value: T) => boolean;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Promises that resolve on the first matching event after they were created. */
export class Waiters<T> {
  private readonly pending = new Set<Waiter<T>>();

  get isEmpty(): boolean {
    return this.pending.size === 0;
  }

  wait(matches: (value: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(waiter);
          reject(new Error(describeTimeout()));
        }, timeoutMs),
      };
      this.pending.add(waiter);
    });
  }

  notify(value: T): void {
    for (const waiter of [...this.pending]) {
      let matched: boolean;
      try {
        matched = waiter.matches(value);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (!matched) continue;
      this.settle(waiter);
      waiter.resolve(value);
    }
  }

  private settle(waiter: Waiter<T>): void {
    this.pending.delete(waiter);
    clearTimeout(waiter.timer);
  }

  rejectAll(error: Error): void {
    for (const waiter of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.pending.clear();
  }
}
