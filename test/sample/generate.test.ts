import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isIsoDate } from "../../src/domain/working-days.js";
import {
  apportion,
  generateSampleMonth,
  isVeryLowOnline,
  type SampleMonth,
  SampleOptionsError,
  selectUnits,
} from "../../src/sample/generate.js";
import { GROUP_CODES, GROUPS } from "../../src/sample/groups.js";
import { parseUnitsFile, type UnitsFile, UnitsFileError } from "../../src/sample/units-data.js";
import { calendar, unitsFile } from "./helpers.js";

let file: UnitsFile;
let month: SampleMonth;

beforeAll(async () => {
  file = await unitsFile();
  month = generateSampleMonth(file, calendar, { seed: 1 });
});

describe("the units file", () => {
  it("holds the city's departments and its 126 communes/wards", () => {
    const communes = file.units.filter((unit) => unit.kind === "COMMUNE");
    expect(communes).toHaveLength(126);
    expect(communes.filter((unit) => unit.nameVi.startsWith("Phường "))).toHaveLength(51);
    expect(file.units.length - communes.length).toBeGreaterThanOrEqual(25);
    expect(file.units.map((unit) => unit.nameVi)).toEqual(
      expect.arrayContaining([
        "Sở Tư pháp",
        "Sở Tài chính",
        "Phường Hoàn Kiếm",
        "Phường Cửa Nam",
        "Xã Sóc Sơn",
      ]),
    );
  });

  it("rejects a total that is not the sum of its groups, and duplicate codes", () => {
    const json = JSON.parse(JSON.stringify({ ...file, reference: { ...file.reference } }));
    // Back to the file's shape: scores as decimal strings.
    json.reference.scores = {
      CKMB: "8.3",
      TDGQ: "15.2",
      ONLINE: "3.1",
      TTTT: "4.7",
      MDHL: "16.9",
      MDSH: "10.1",
    };
    json.reference.total = "58.3";
    expect(() => parseUnitsFile(json)).not.toThrow();
    expect(() => parseUnitsFile({ ...json, reference: { ...json.reference, total: "58.4" } })).toThrow(
      /not the sum/,
    );
    expect(() =>
      parseUnitsFile({
        ...json,
        reference: { ...json.reference, scores: { ...json.reference.scores, ONLINE: "12.5" }, total: "67.7" },
      }),
    ).toThrow(/maximum/);
    expect(() => parseUnitsFile({ ...json, units: [...json.units, json.units[0]] })).toThrow(UnitsFileError);
    expect(() =>
      parseUnitsFile({ ...json, units: [{ ...json.units[0], fields: ["NO_SUCH_FIELD"] }] }),
    ).toThrow(/catalog/);
  });
});

describe("nothing city-specific is in the code", () => {
  it("src/sample and the working-day module name no city, no province count, no unit count", async () => {
    const dir = "src/sample";
    const files = [...(await readdir(dir)).map((name) => join(dir, name)), "src/domain/working-days.ts"];
    for (const path of files) {
      const text = (await readFile(path, "utf8")).replace('"samples/hanoi/units.json"', "DEFAULT_PATH");
      expect(text, path).not.toMatch(/Hà Nội|Ha Noi|Hanoi|hanoi|H26|\b63\b|\b126\b|\b154\b/);
    }
  });
});

describe("generated month", () => {
  it("is the same for the same seed, and different for another", () => {
    const again = generateSampleMonth(file, calendar, { seed: "1" });
    expect(again).toEqual(month);
    const other = generateSampleMonth(file, calendar, { seed: 2 });
    expect(other.dossiers.map((dossier) => dossier.code)).not.toEqual(
      month.dossiers.map((dossier) => dossier.code),
    );
  });

  it("has the period and the as-of time of the units file", () => {
    expect(month.period).toEqual({ year: 2025, month: 3 });
    expect(month.asOf).toEqual({ date: "2025-04-11", hour: 11, minute: 0 });
  });

  it("puts the city first, with exactly the published figures", () => {
    const [city] = month.scores;
    expect(city).toMatchObject({
      isProvince: true,
      unitCode: "H26",
      unitName: "Thành phố Hà Nội",
      tenths: { CKMB: 83, TDGQ: 152, ONLINE: 31, TTTT: 47, MDHL: 169, MDSH: 101 },
      totalTenths: 583,
      rank: 60,
      rankOutOf: 63,
    });
  });

  it("scores every unit within each group's maximum, the total being the exact sum", () => {
    expect(month.scores).toHaveLength(file.units.length + 1);
    for (const row of month.scores) {
      let sum = 0;
      for (const code of GROUP_CODES) {
        const value = row.tenths[code];
        expect(Number.isInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(GROUPS[code].maxTenths);
        sum += value;
      }
      expect(row.totalTenths).toBe(sum);
    }
  });

  it("ranks the units by total (equal totals share a rank)", () => {
    const units = month.scores.slice(1);
    expect(units[0]?.rank).toBe(1);
    units.forEach((row, index) => {
      if (index === 0) return;
      const previous = units[index - 1];
      expect(row.totalTenths).toBeLessThanOrEqual(previous?.totalTenths ?? Number.POSITIVE_INFINITY);
      expect(row.rank).toBe(row.totalTenths === previous?.totalTenths ? previous.rank : index + 1);
      expect(row.rankOutOf).toBe(units.length);
    });
  });

  it("gives some communes/wards a very low online-service score (under 5% of max)", () => {
    const low = month.scores.filter((row) => !row.isProvince && isVeryLowOnline(row.tenths.ONLINE));
    expect(low.length).toBeGreaterThanOrEqual(3);
    expect(low.map((row) => row.unitName)).toContain("Phường Cầu Giấy"); // hinted in the units file
  });

  it("lists 2,000 dossiers by default, with unique portal-style codes", () => {
    expect(month.dossiers).toHaveLength(2000);
    const codes = month.dossiers.map((dossier) => dossier.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const dossier of month.dossiers) {
      expect(dossier.code).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4,}$/);
      const received = dossier.receivedAt.replaceAll("-", "").slice(2);
      expect(dossier.code).toContain(`-${received}-`);
    }
  });

  it("dates every dossier sensibly: received Jan-Mar, due after received, overdue as of the snapshot", () => {
    for (const dossier of month.dossiers) {
      for (const date of [dossier.receivedAt, dossier.dueAt, dossier.finishedAt ?? dossier.dueAt]) {
        expect(isIsoDate(date)).toBe(true);
      }
      expect(dossier.receivedAt >= "2025-01-01" && dossier.receivedAt <= "2025-03-31").toBe(true);
      expect(dossier.dueAt >= dossier.receivedAt).toBe(true);
      expect(dossier.dueAt < "2025-04-11").toBe(true);
      if (dossier.finishedAt) {
        expect(dossier.finishedAt > dossier.dueAt).toBe(true);
        expect(dossier.finishedAt <= "2025-04-11").toBe(true);
        expect(dossier.status).toBe("Đã trả kết quả");
      }
      expect(dossier.daysOverdue).toBeGreaterThanOrEqual(1);
      expect(dossier.daysOverdue).toBe(
        calendar.workingDaysBetween(dossier.dueAt, dossier.finishedAt ?? "2025-04-11"),
      );
    }
    const finished = month.dossiers.filter((dossier) => dossier.finishedAt).length;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(month.dossiers.length / 2);
  });

  it("concentrates about 45% of the dossiers at the Department of Justice, as the seeds say", () => {
    const atJustice = month.dossiers.filter((dossier) => dossier.unitName === "Sở Tư pháp").length;
    expect(atJustice / month.dossiers.length).toBeCloseTo(24_100 / 54_000, 2);
    const fields = new Set(month.dossiers.map((dossier) => dossier.field));
    expect(fields).toContain("Lý lịch tư pháp");
    expect(fields).toContain("Hộ tịch");
    expect(fields).toContain("Đất đai");
  });

  it("honours the number of units and of dossiers", () => {
    const small = generateSampleMonth(file, calendar, { units: 20, dossiers: 150, seed: 7 });
    expect(small.units).toHaveLength(20);
    expect(small.scores).toHaveLength(21);
    expect(small.dossiers).toHaveLength(150);
    expect(small.units.some((unit) => unit.kind === "COMMUNE")).toBe(true);
    expect(small.units.some((unit) => unit.kind !== "COMMUNE")).toBe(true);
    const codes = new Set(small.units.map((unit) => unit.code));
    for (const dossier of small.dossiers) expect(codes.has(dossier.unitCode)).toBe(true);
    expect(generateSampleMonth(file, calendar, { units: 1, dossiers: 0 }).dossiers).toEqual([]);
    expect(generateSampleMonth(file, calendar, { units: 1, dossiers: 5 }).dossiers).toHaveLength(5);
  });

  it("keeps a unit's scores whatever other units are chosen", () => {
    const small = generateSampleMonth(file, calendar, { units: 20, dossiers: 0, seed: 1 });
    for (const row of small.scores.slice(1)) {
      const full = month.scores.find((candidate) => candidate.unitCode === row.unitCode);
      // Unless the "at least one very low online score" rule picked a different unit.
      if (!isVeryLowOnline(row.tenths.ONLINE)) expect(row.tenths).toEqual(full?.tenths);
    }
  });

  it("refuses impossible options", () => {
    expect(() => selectUnits(file.units, 0)).toThrow(SampleOptionsError);
    expect(() => selectUnits(file.units, file.units.length + 1)).toThrow(/has \d+ units/);
    expect(() => generateSampleMonth(file, calendar, { dossiers: -1 })).toThrow(SampleOptionsError);
  });

  it("apportions exactly", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});
