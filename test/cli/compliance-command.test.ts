// `npm run cli -- compliance`: the figures per unit counted by the repository's aggregate
// (resolved includes what the portal lists as finished; paused is a pause not yet ended).
import { expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { runComplianceCommand } from "../../src/cli/compliance-command.js";
import { EXIT_FAILED, EXIT_OK } from "../../src/cli/import-command.js";
import type { Locale } from "../../src/config.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { createTranslator } from "../../src/i18n/index.js";
import { cliProcess } from "../support/cli-process.js";
import {
  createSnapshot,
  createUnit,
  listDossier,
  recordApology,
  recordCause,
  recordResolution,
} from "../support/monthly-data.js";
import { describeDatabase } from "../support/test-database.js";

const translator = createTranslator("en");

async function run(
  db: PrismaClient,
  options: { period?: string; unit?: string; json?: boolean; locale?: Locale },
) {
  const output: string[] = [];
  const locale = options.locale ?? "en";
  const code = await runComplianceCommand(
    appContext(db),
    { period: options.period, unit: options.unit, json: options.json ?? false, positionals: [] },
    {
      t: translator.forLocale(locale),
      locale,
      timeZone: "Asia/Ho_Chi_Minh",
      out: (line) => output.push(line),
    },
  );
  return { code, output, json: () => JSON.parse(output.join("\n")) };
}

/** A month with two units: A has 4 overdue (answers of every kind), B has 1 with nothing. */
async function month(db: PrismaClient, year: number) {
  const a = await createUnit(db, { code: `A${year}`, name: `Phường A ${year}` });
  const b = await createUnit(db, { code: `B${year}`, name: `Phường B ${year}` });
  const snapshot = await createSnapshot(db, {
    year,
    month: 3,
    kind: "OVERDUE_DOSSIERS",
    asOf: new Date(`${year}-04-11T04:00:00Z`),
  });
  const answered = await listDossier(db, snapshot, a.id);
  await recordCause(db, answered.id);
  await recordApology(db, answered.id);
  await recordResolution(db, answered.id);
  await db.dossier.update({ where: { id: answered.id }, data: { state: "RESOLVED" } });
  const finishedOnPortal = await listDossier(db, snapshot, a.id, {
    finishedAt: new Date(`${year}-02-11T00:00:00Z`),
  });
  await recordCause(db, finishedOnPortal.id);
  const paused = await listDossier(db, snapshot, a.id);
  await db.slaPause.create({
    data: {
      dossierId: paused.id,
      awaiting: "bổ sung giấy tờ",
      startedOn: new Date(`${year}-03-20T00:00:00Z`),
    },
  });
  const pauseEnded = await listDossier(db, snapshot, a.id);
  await db.slaPause.create({
    data: {
      dossierId: pauseEnded.id,
      awaiting: "nộp phí",
      startedOn: new Date(`${year}-03-20T00:00:00Z`),
      endedOn: new Date(`${year}-03-25T00:00:00Z`),
    },
  });
  await recordCause(db, pauseEnded.id, { superseded: true });
  await listDossier(db, snapshot, b.id);
  return { a, b };
}

describeDatabase("npm run cli -- compliance", (database) => {
  it("prints every listed unit's figures as JSON: resolved counts the portal's finished dossiers, paused only open pauses", async () => {
    const db = database().prisma;
    const { a, b } = await month(db, 2061);
    const result = await run(db, { period: "2061-03", json: true });
    expect(result.code).toBe(EXIT_OK);
    expect(result.json()).toEqual({
      period: "2061-03",
      asOf: "2061-04-11T04:00:00.000Z",
      units: [
        { code: a.code, name: a.nameVi, overdue: 4, withCause: 2, withApology: 1, resolved: 2, paused: 1 },
        { code: b.code, name: b.nameVi, overdue: 1, withCause: 0, withApology: 0, resolved: 0, paused: 0 },
      ],
    });
    const one = await run(db, { period: "2061-03", unit: b.code ?? "", json: true });
    expect(one.json().units).toEqual([
      { code: b.code, name: b.nameVi, overdue: 1, withCause: 0, withApology: 0, resolved: 0, paused: 0 },
    ]);
  });

  it("prints shares in the CLI's language; a unit not on the list has nothing overdue", async () => {
    const db = database().prisma;
    const { a } = await month(db, 2062);
    const calm = await createUnit(db, { code: "CALM2062", name: "Phường Yên 2062" });
    const vi = await run(db, { period: "2062-03", locale: "vi" });
    expect(vi.code).toBe(EXIT_OK);
    expect(vi.output[0]).toBe(
      "Kết quả thực hiện công văn, tháng 03/2062 (danh sách quá hạn tính đến 11:00 11/04/2062)",
    );
    expect(vi.output[1]).toBe(
      `${a.code} ${a.nameVi}: quá hạn 4; đã có nguyên nhân 2 (50%); đã có phiếu xin lỗi 1 (25%); đã giải quyết 2 (50%); chờ người nộp bổ sung 1 (25%)`,
    );
    const none = await run(db, { period: "2062-03", unit: "CALM2062" });
    expect(none.output[1]).toBe(`CALM2062 ${calm.nameVi}: no overdue dossiers`);
  });

  it("refuses, translated and as JSON with --json, a bad period, an unknown unit, a month without a list", async () => {
    const db = database().prisma;
    const bad = await run(db, { period: "2025-13", json: true });
    expect(bad.code).toBe(EXIT_FAILED);
    expect(bad.json().errors[0].message).toBe("--period must be YYYY-MM, for example 2025-03");
    const unknown = await run(db, { unit: "NOPE-0", locale: "vi" });
    expect(unknown).toMatchObject({ code: EXIT_FAILED, output: ["Không có đơn vị nào mang mã NOPE-0."] });
    const empty = await run(db, { period: "1999-01" });
    expect(empty).toMatchObject({
      code: EXIT_FAILED,
      output: ["No overdue list has been imported for 1999-01."],
    });
  });

  it("runs as a command with its exit codes", async () => {
    const child = await cliProcess({ DEFAULT_LOCALE: "en" });
    try {
      const empty = await child.run(["compliance", "--json"]);
      expect(empty.code).toBe(1);
      expect(JSON.parse(empty.stdout).errors[0].message).toBe("No overdue list has been imported yet.");
      expect((await child.run(["compliance", "--frobnicate"])).code).toBe(1);
      expect((await child.run(["compliance", "extra"])).code).toBe(1);
    } finally {
      await child.close();
    }
  }, 120_000);
});
