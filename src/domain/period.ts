/** A reporting period: one calendar month of the monthly index. */
export interface PeriodMonth {
  year: number;
  month: number;
}

/** The period as `YYYY-MM`, the form the CLI, JSON outputs and dedupe keys use. */
export function periodKey(period: PeriodMonth): string {
  return `${String(period.year).padStart(4, "0")}-${String(period.month).padStart(2, "0")}`;
}

/** "2025-03", "03/2025" or "3/2025", as commands take a month. */
const MONTH_ARGUMENT = /^(?:(\d{4})-(\d{1,2})|(\d{1,2})\/(\d{4}))$/;

/** A month typed after a command; null when it is not one. */
export function parseMonthArgument(text: string): PeriodMonth | null {
  const match = MONTH_ARGUMENT.exec(text);
  if (!match) return null;
  const year = Number(match[1] ?? match[4]);
  const month = Number(match[2] ?? match[3]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}
