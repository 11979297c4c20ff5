import { describe, expect, it } from "vitest";
import {
  fromScaled,
  parseDate,
  parseDecimal,
  parseInteger,
  parseRank,
  toScaled,
} from "../../src/import/values.js";
import { wallClockFromExcelSerial, wallClockToInstant } from "../../src/import/wall-clock.js";

const zone = "Asia/Ho_Chi_Minh";

function instant(cell: Parameters<typeof parseDate>[0], timeZone = zone): string | null | { error: string } {
  const parsed = parseDate(cell, timeZone);
  if (!parsed.ok) return { error: parsed.code };
  return parsed.value === null ? null : parsed.value.instant.toISOString();
}

describe("decimals", () => {
  it("reads decimal commas and points alike, as normalised strings", () => {
    expect(parseDecimal("8,3")).toEqual({ ok: true, value: "8.3" });
    expect(parseDecimal("8.3")).toEqual({ ok: true, value: "8.3" });
    expect(parseDecimal(" 08,30 ")).toEqual({ ok: true, value: "8.3" });
    expect(parseDecimal("15,25")).toEqual({ ok: true, value: "15.25" });
    expect(parseDecimal("100")).toEqual({ ok: true, value: "100" });
    expect(parseDecimal("8,00")).toEqual({ ok: true, value: "8" });
    expect(parseDecimal(",5")).toEqual({ ok: true, value: "0.5" });
    expect(parseDecimal("-0")).toEqual({ ok: true, value: "0" });
    expect(parseDecimal("-1,5")).toEqual({ ok: true, value: "-1.5" });
  });

  it("rounds numeric cells to two places through their digits, never keeping float noise", () => {
    expect(parseDecimal(8.300000000000001)).toEqual({ ok: true, value: "8.3" });
    expect(parseDecimal(0.1 + 0.2)).toEqual({ ok: true, value: "0.3" });
    expect(parseDecimal(58.3)).toEqual({ ok: true, value: "58.3" });
    expect(parseDecimal(61.18)).toEqual({ ok: true, value: "61.18" });
    expect(parseDecimal(1.005)).toEqual({ ok: true, value: "1.01" });
    expect(parseDecimal(8.344999)).toEqual({ ok: true, value: "8.34" });
    expect(parseDecimal(15)).toEqual({ ok: true, value: "15" });
  });

  it("takes an empty cell for missing, never 0", () => {
    expect(parseDecimal(null)).toEqual({ ok: true, value: null });
    expect(parseDecimal("")).toEqual({ ok: true, value: null });
    expect(parseDecimal("   ")).toEqual({ ok: true, value: null });
    expect(parseDecimal("-")).toEqual({ ok: true, value: null });
  });

  it("refuses what is not a plain decimal, and typed text with more than two places", () => {
    expect(parseDecimal("abc")).toMatchObject({ ok: false, code: "invalidNumber" });
    expect(parseDecimal("1e5")).toMatchObject({ ok: false, code: "invalidNumber" });
    expect(parseDecimal("8,3,1")).toMatchObject({ ok: false, code: "invalidNumber" });
    expect(parseDecimal("1.234,5")).toMatchObject({ ok: false, code: "invalidNumber" });
    expect(parseDecimal(true)).toMatchObject({ ok: false, code: "invalidNumber" });
    expect(parseDecimal("8,333")).toEqual({ ok: false, code: "tooManyDecimals", params: { max: 2 } });
  });

  it("adds in hundredths, exactly: the seed's six groups make 58.3", () => {
    const groups = ["8.3", "15.2", "3.1", "4.7", "16.9", "10.1"];
    const sum = groups.reduce((acc, group) => acc + toScaled(group), 0n);
    expect(sum).toBe(5830n);
    expect(fromScaled(sum)).toBe("58.3");
    expect(fromScaled(-5n)).toBe("-0.05");
    expect(toScaled("-1.5")).toBe(-150n);
  });
});

describe("integers and ranks", () => {
  it("reads days overdue", () => {
    expect(parseInteger("5")).toEqual({ ok: true, value: 5 });
    expect(parseInteger(5)).toEqual({ ok: true, value: 5 });
    expect(parseInteger("12 ngày")).toEqual({ ok: true, value: 12 });
    expect(parseInteger("-3")).toEqual({ ok: true, value: -3 });
    expect(parseInteger("")).toEqual({ ok: true, value: null });
    expect(parseInteger("2,5")).toMatchObject({ ok: false, code: "notInteger" });
    expect(parseInteger("2,555")).toMatchObject({ ok: false, code: "notInteger" });
    expect(parseInteger("nhiều")).toMatchObject({ ok: false, code: "invalidNumber" });
  });

  it("reads a plain rank and the province's national rank", () => {
    expect(parseRank("60/63")).toEqual({ ok: true, value: { rank: 60, rankOutOf: 63 } });
    expect(parseRank(" 60 / 63 ")).toEqual({ ok: true, value: { rank: 60, rankOutOf: 63 } });
    expect(parseRank("5")).toEqual({ ok: true, value: { rank: 5, rankOutOf: null } });
    expect(parseRank(5)).toEqual({ ok: true, value: { rank: 5, rankOutOf: null } });
    expect(parseRank(null)).toEqual({ ok: true, value: { rank: null, rankOutOf: null } });
    for (const bad of ["0", "64/63", "hạng 5", "5.5", 2.5, 0]) {
      expect(parseRank(bad)).toMatchObject({ ok: false, code: "invalidRank" });
    }
  });
});

describe("dates", () => {
  it("reads each text form as a wall-clock time in Hanoi", () => {
    expect(instant("11/04/2025 11:00")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11/04/2025 11:00:30")).toBe("2025-04-11T04:00:30.000Z");
    expect(instant("11/04/2025")).toBe("2025-04-10T17:00:00.000Z");
    expect(instant("1/4/2025")).toBe("2025-03-31T17:00:00.000Z");
    expect(instant("1/4/2025 9:05")).toBe("2025-04-01T02:05:00.000Z");
    expect(instant("11-04-2025 11:00")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11.04.2025 11:00")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("2025-04-11")).toBe("2025-04-10T17:00:00.000Z");
    expect(instant("2025-04-11 11:00")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("2025-04-11T11:00:00")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11:00 11/04/2025")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11:00:00 2025-04-11")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11/04/2025, 11:00")).toBe("2025-04-11T04:00:00.000Z");
  });

  it("reads day first, always: 04/05/2025 is 4 May", () => {
    expect(instant("04/05/2025")).toBe("2025-05-03T17:00:00.000Z");
    expect(instant("4/5/2025")).toBe("2025-05-03T17:00:00.000Z");
    expect(instant("12/01/2025")).toBe("2025-01-11T17:00:00.000Z");
  });

  it("reads Vietnamese and English morning/afternoon marks", () => {
    expect(instant("11/04/2025 02:30 CH")).toBe("2025-04-11T07:30:00.000Z");
    expect(instant("11/04/2025 11:00:00 SA")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("11/04/2025 12:15 AM")).toBe("2025-04-10T17:15:00.000Z");
    expect(instant("11/04/2025 12:15 PM")).toBe("2025-04-11T05:15:00.000Z");
  });

  it("keeps an explicit zone when the text names one", () => {
    expect(instant("2025-04-11T04:00:00Z")).toBe("2025-04-11T04:00:00.000Z");
    expect(instant("2025-04-11T11:00:00+07:00")).toBe("2025-04-11T04:00:00.000Z");
  });

  it("reads Excel serial numbers, as numbers and as text", () => {
    expect(instant(45758.458333333336)).toBe("2025-04-11T04:00:00.000Z");
    expect(instant(45758)).toBe("2025-04-10T17:00:00.000Z");
    expect(instant("45758")).toBe("2025-04-10T17:00:00.000Z");
    expect(instant("45758,5")).toBe("2025-04-11T05:00:00.000Z");
    expect(wallClockFromExcelSerial(45758.4583333333)).toEqual({
      year: 2025,
      month: 4,
      day: 11,
      hour: 11,
      minute: 0,
      second: 0,
    });
  });

  it("reads a date cell's wall clock in the zone", () => {
    expect(instant({ year: 2025, month: 4, day: 11, hour: 11, minute: 0, second: 0 })).toBe(
      "2025-04-11T04:00:00.000Z",
    );
  });

  it("takes the zone's offset from Intl, daylight saving included", () => {
    expect(instant("30/03/2025 03:30", "Europe/Berlin")).toBe("2025-03-30T01:30:00.000Z");
    expect(instant("29/03/2025 12:00", "Europe/Berlin")).toBe("2025-03-29T11:00:00.000Z");
    expect(
      wallClockToInstant(
        { year: 2025, month: 7, day: 1, hour: 12, minute: 0, second: 0 },
        "UTC",
      ).toISOString(),
    ).toBe("2025-07-01T12:00:00.000Z");
  });

  it("tells a bare date from a date with a time", () => {
    const bare = parseDate("11/04/2025", zone);
    const timed = parseDate("11/04/2025 00:00:01", zone);
    expect(bare.ok && bare.value?.hasTime).toBe(false);
    expect(timed.ok && timed.value?.hasTime).toBe(true);
  });

  it("refuses impossible and unreadable dates", () => {
    for (const bad of [
      "31/02/2025",
      "29/02/2025",
      "32/01/2025",
      "11/13/2025",
      "00/04/2025",
      "11/04/2025 24:00",
      "11/04/2025 11:60",
      "11/04/25",
      "11/04/0225",
      "2025/04/11",
      "ngày 11 tháng 4",
      "0",
      "2025",
      true,
    ]) {
      expect(instant(bad), String(bad)).toEqual({ error: "invalidDate" });
    }
    expect(instant("29/02/2024")).toBe("2024-02-28T17:00:00.000Z");
  });

  it("takes an empty cell for missing", () => {
    expect(instant(null)).toBeNull();
    expect(instant("  ")).toBeNull();
  });
});
