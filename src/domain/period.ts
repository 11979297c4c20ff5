/** A reporting period: one calendar month of the monthly index. */
export interface PeriodMonth {
  year: number;
  month: number;
}

/** The period as `YYYY-MM`, the form the CLI, JSON outputs and dedupe keys use. */
export function periodKey(period: PeriodMonth): string {
  return `${String(period.year).padStart(4, "0")}-${String(period.month).padStart(2, "0")}`;
}
