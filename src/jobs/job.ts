/**
 * A scheduled job: a plain function of the moment it runs for, and the cron expression (in
 * the configured time zone) that fires it; null leaves it off. The same function runs from a
 * schedule, by hand (the CLI) and in tests with a chosen `now`.
 */
export interface Job {
  /** Stable and unique: the slot key of every run is `<name>:<slot time>`. */
  name: string;
  schedule: string | null;
  run(now: Date): Promise<void>;
}
