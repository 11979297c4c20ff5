// Wall clocks in an IANA time zone, with the offsets Intl reports (never a fixed +7). The one
// place that does this arithmetic: the working-day calendar and the spreadsheet readers share it.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a zone Intl does not know: a configuration mistake. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

// Offsets change only at transitions, which fall on quarter hours: one lookup per quarter hour.
const QUARTER_HOUR = 900_000;
const offsetCaches = new Map<string, Map<number, number>>();

/** Milliseconds the zone's wall clock is ahead of UTC at this instant. */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  if (!Number.isFinite(instant)) throw new RangeError("invalid instant");
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const probe = bucket * QUARTER_HOUR;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(probe))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = asUtc - probe;
  if (cache.size > 100_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/** The zone's wall clock at this instant, as the UTC fields of the returned Date. */
export function wallClockAt(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetAt(instant.getTime(), timeZone));
}

/** The instant at which the zone's clocks show this wall-clock time (month 1-12). */
export function instantOfWallClock(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const firstGuess = asUtc - zoneOffsetAt(asUtc, timeZone);
  return new Date(asUtc - zoneOffsetAt(firstGuess, timeZone));
}
