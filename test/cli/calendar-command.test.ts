// `npm run cli -- calendar add|import`: the Center extends the working-day table, all of a
// file or none of it, every change audited.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { runCalendarCommand } from "../../src/cli/calendar-command.js";
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED } from "../../src/cli/import-command.js";
import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import { createWorkingCalendar } from "../../src/domain/working-days.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";
import { CalendarRepository } from "../../src/repositories/calendar.js";
import { csv, xlsx } from "../import/fixtures.js";
import { describeDatabase } from "../support/test-database.js";

const t = createTranslator("en").forLocale("en");
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "dondoc-calendar-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function run(db: PrismaClient, args: string[]) {
  const output: string[] = [];
  await new CalendarRepository(db).seed(VN_CALENDAR_DAYS);
  const code = await runCalendarCommand(appContext(db), args, {
    t,
    out: (line) => output.push(line),
    resolvePath: (path) => join(folder, path),
  });
  return { code, output };
}

const day = (db: PrismaClient, date: string) =>
  db.calendarDay.findUnique({ where: { date: new Date(`${date}T00:00:00Z`) } });

describeDatabase("npm run cli -- calendar", (database) => {
  it("adds a day (2026's second National Day), audited; the same again changes nothing; a new name is a change", async () => {
    const db = database().prisma;
    const added = await run(db, ["add", "2026-09-01", "HOLIDAY", "Quốc", "khánh", "(ngày", "liền", "kề)"]);
    expect(added).toEqual({
      code: EXIT_OK,
      output: ["Added 2026-09-01 HOLIDAY: Quốc khánh (ngày liền kề)", "1 added, 0 changed, 0 already so."],
    });
    expect(await day(db, "2026-09-01")).toMatchObject({ kind: "HOLIDAY", name: "Quốc khánh (ngày liền kề)" });
    const calendar = createWorkingCalendar(await new CalendarRepository(db).entries());
    expect(calendar.addWorkingDays("2026-08-31", 1)).toBe("2026-09-03");
    expect((await run(db, ["add", "01/09/2026", "holiday", "Quốc khánh (ngày liền kề)"])).output.at(-1)).toBe(
      "0 added, 0 changed, 1 already so.",
    );
    await run(db, ["add", "2026-09-01", "HOLIDAY", "Quốc khánh"]);
    const audits = await db.auditEvent.findMany({
      where: { entityType: "CalendarDay", entityId: "2026-09-01" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((event) => [event.action, event.actorLabel])).toEqual([
      ["calendar.dayAdded", "cli"],
      ["calendar.dayChanged", "cli"],
    ]);
    expect(audits[1]?.before).toEqual({ kind: "HOLIDAY", name: "Quốc khánh (ngày liền kề)" });
  });

  it("refuses a bad single day with the reason and writes nothing", async () => {
    const db = database().prisma;
    const refused = await run(db, ["add", "2027-05-03", "WORKING_DAY", "Làm bù"]);
    expect(refused.code).toBe(EXIT_REJECTED);
    expect(refused.output[0]).toBe(
      "The date “2027-05-03”: a WORKING_DAY is a Saturday or Sunday worked instead of a weekday; this date is a weekday already",
    );
    expect(await day(db, "2027-05-03")).toBeNull();
    expect((await run(db, ["add", "2027-05-03"])).code).toBe(EXIT_FAILED);
    expect((await run(db, ["remove", "2027-05-03"])).code).toBe(EXIT_FAILED);
  });

  it("imports a CSV all or nothing: one bad row and no row is written, with every row's error", async () => {
    const db = database().prisma;
    await writeFile(
      join(folder, "bad.csv"),
      csv([
        ["Ngày", "Loại", "Tên"],
        ["2027-02-05", "HOLIDAY", "Tết Đinh Mùi"],
        ["2027-02-08", "HOLIDAY", "Tết Đinh Mùi"],
        ["2027-02-31", "HOLIDAY", "Tết Đinh Mùi"],
        ["2027-02-10", "VACATION", "Tết Đinh Mùi"],
      ]),
    );
    const refused = await run(db, ["import", "bad.csv", "--json"]);
    expect(refused.code).toBe(EXIT_REJECTED);
    expect(JSON.parse(refused.output.join("\n"))).toEqual({
      ok: false,
      committed: false,
      errors: [
        {
          row: 4,
          column: "date",
          value: "2027-02-31",
          message: "not a real date (write YYYY-MM-DD or DD/MM/YYYY)",
        },
        { row: 5, column: "kind", value: "VACATION", message: "the kind is HOLIDAY or WORKING_DAY" },
      ],
    });
    expect(await day(db, "2027-02-05")).toBeNull();
  });

  it("imports an .xlsx with real date cells, a title row above the header, and a swapped Saturday", async () => {
    const db = database().prisma;
    await writeFile(
      join(folder, "2028.xlsx"),
      await xlsx([
        ["Lịch nghỉ năm 2028", null, null],
        ["date", "kind", "name"],
        [new Date(Date.UTC(2028, 0, 26)), "HOLIDAY", "Tết Mậu Thân"],
        ["29/01/2028", "WORKING_DAY", "Làm bù"],
      ]),
    );
    const imported = await run(db, ["import", "2028.xlsx"]);
    expect(imported.code).toBe(EXIT_OK);
    expect(imported.output.at(-1)).toBe("2 added, 0 changed, 0 already so.");
    expect(await day(db, "2028-01-26")).toMatchObject({ kind: "HOLIDAY", name: "Tết Mậu Thân" });
    expect(await day(db, "2028-01-29")).toMatchObject({ kind: "WORKING_DAY" });
    const missing = await run(db, ["import", "nowhere.csv"]);
    expect(missing.code).toBe(EXIT_FAILED);
    await writeFile(
      join(folder, "headless.csv"),
      csv([
        ["a", "b"],
        ["1", "2"],
      ]),
    );
    expect((await run(db, ["import", "headless.csv"])).output[0]).toContain("No header row");
  });
});
