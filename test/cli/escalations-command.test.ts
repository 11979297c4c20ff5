// The Center's operators script the sweep and the list: three monthly lists imported from the
// command line put a unit at L3, and `escalations --json` says so with its evidence.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CliProcess, cliProcess } from "../support/cli-process.js";
import { databaseLabel } from "../support/test-database.js";

let cli: CliProcess;
beforeAll(async () => {
  cli = await cliProcess();
});
afterAll(() => cli.close());

function overdueList(month: number): string {
  return [
    `DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG ${month}/2025`,
    `Tính đến 11 giờ 00 ngày 11/0${month + 1}/2025`,
    "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý",
    `1,000.00.20.H26-25010${month}-0001,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Nguyễn Văn An,0${month}/0${month}/2025,1${month}/0${month}/2025,,4,Sở Tư pháp`,
  ].join("\r\n");
}

it(`sweeps three overdue months to L3 and lists it as JSON, on ${databaseLabel()}`, async () => {
  await writeFile(join(cli.folder, "units.csv"), "Mã đơn vị,Tên đơn vị\r\nH26.01,Sở Tư pháp\r\n");
  expect((await cli.run(["units", "import", "units.csv"])).code).toBe(0);
  for (const month of [1, 2, 3])
    await writeFile(join(cli.folder, `overdue-${month}.csv`), overdueList(month));
  const imported = await cli.run(["import", "overdue-1.csv", "overdue-2.csv", "overdue-3.csv"]);
  expect(imported.code, imported.stdout).toBe(0);

  const sweep = await cli.run(["sweep", "--json"]);
  expect(sweep.code).toBe(0);
  expect(JSON.parse(sweep.stdout)).toMatchObject({ opened: 1, raised: 0 });
  const again = await cli.run(["sweep", "--json"]);
  expect(JSON.parse(again.stdout)).toMatchObject({ opened: 0, raised: 0 });

  const listed = await cli.run(["escalations", "--json"]);
  const { escalations } = JSON.parse(listed.stdout) as { escalations: Array<Record<string, unknown>> };
  expect(escalations).toHaveLength(1);
  expect(escalations[0]).toMatchObject({
    unit: { code: "H26.01", name: "Sở Tư pháp" },
    level: "L3_PEOPLES_COMMITTEE",
    reasons: ["CONSECUTIVE_OVERDUE_MONTHS"],
    acknowledgedAt: null,
  });
  const text = await cli.run(["escalations"]);
  expect(text.stdout).toContain("Cấp 3 — báo cáo UBND Thành phố | H26.01 | Sở Tư pháp");
  expect(text.stdout).toContain("Có hồ sơ quá hạn 3 tháng liên tiếp");
}, 240_000);
