import { createWriteStream } from "node:fs";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { exportDigestWorkbook } from "../../../src/app/digest/show-digest.js";
import type { Actor } from "../../../src/domain/policy.js";
import { digestDeps } from "../../support/digest-deps.js";
import { DIGEST_AT, digestWorld } from "../../support/digest-world.js";
import { describeDatabase } from "../../support/test-database.js";

async function exported(run: (stream: PassThrough) => Promise<unknown>) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const outcome = await run(stream);
  return { outcome, data: Buffer.concat(chunks) };
}

describeDatabase("the digest's workbook", (database) => {
  it("has a sheet per topic with frozen headers, filters, real dates and numbers; the People's Committee's has no personal data", async () => {
    const db = database().prisma;
    const world = await digestWorld(db);
    await db.dossier.updateMany({
      where: { unitId: world.wardA.id },
      data: { handlerName: "Nguyễn Thị Cán Bộ" },
    });
    const deps = digestDeps(db, DIGEST_AT);
    const center = await exported((stream) =>
      exportDigestWorkbook(deps, { by: { actorLabel: "cli" }, locale: "vi" }, stream),
    );
    expect(center.outcome).toMatchObject({
      kind: "done",
      fileName: "tong-hop-tuan-thu-2031-03.xlsx",
      audience: "center",
    });
    if (process.env.DIGEST_WORKBOOK_OUT) {
      const file = createWriteStream(process.env.DIGEST_WORKBOOK_OUT);
      file.end(center.data);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(center.data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Đơn vị",
      "Hồ sơ",
      "Cảnh báo",
      "Kiểm tra",
      "Thông tin",
    ]);
    const units = workbook.getWorksheet("Đơn vị");
    expect(units?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(units?.autoFilter).toBeTruthy();
    expect(units?.getRow(1).getCell(3).value).toBe("Đơn vị");
    expect(units?.getRow(2).values).toEqual([
      undefined,
      1,
      world.department.code,
      world.department.nameVi,
      undefined,
      1,
      1,
      1,
      1,
      0,
      100,
      0,
      100,
    ]);
    expect(units?.getRow(3).getCell(4).value).toBe(71.25);
    const dossiers = workbook.getWorksheet("Hồ sơ");
    expect(dossiers?.rowCount).toBe(1 + 7);
    const headers = (dossiers?.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain("Cán bộ xử lý");
    expect(headers).not.toContain("Người nộp");
    const due = dossiers?.getRow(2).getCell(headers.indexOf("Hạn xử lý") + 1);
    expect(due?.value).toBeInstanceOf(Date);
    expect(due?.numFmt).toBe("dd/mm/yyyy");
    expect(typeof dossiers?.getRow(2).getCell(headers.indexOf("Số ngày quá hạn") + 1).value).toBe("number");
    expect(workbook.getWorksheet("Cảnh báo")?.rowCount).toBe(1 + 5);
    expect(workbook.getWorksheet("Kiểm tra")?.rowCount).toBe(1 + 4);

    const viewerMembership = await db.person.create({ data: { telegramUserId: 6_200_001n } });
    const membership = await db.membership.create({
      data: { personId: viewerMembership.id, role: "PC_VIEWER" },
    });
    const viewer: Actor = {
      personId: viewerMembership.id,
      memberships: [{ id: membership.id, role: "PC_VIEWER", unitId: null }],
    };
    const pc = await exported((stream) =>
      exportDigestWorkbook(
        deps,
        { by: { actor: viewer }, period: { year: 2031, month: 3 }, locale: "en" },
        stream,
      ),
    );
    expect(pc.outcome).toMatchObject({ kind: "done", audience: "peoplesCommittee" });
    const pcBook = new ExcelJS.Workbook();
    await pcBook.xlsx.load(pc.data as unknown as ArrayBuffer);
    const pcHeaders = (pcBook.getWorksheet("Dossiers")?.getRow(1).values as unknown[]).slice(1);
    expect(pcHeaders).not.toContain("Handler");
    expect(pcHeaders).not.toContain("Cause detail");
    // March's export: the escalations and inspections of March (all of the fixture's are in April).
    expect(pcBook.getWorksheet("Escalations")?.rowCount).toBe(1);
    // March's export: the escalations of March (all of the fixture's are in April).
    expect(pcBook.getWorksheet("Escalations")?.rowCount).toBe(1);
    expect(pc.data.includes(Buffer.from("Nguyễn Thị Cán Bộ"))).toBe(false);
  });

  it("refuses a unit head and says when the period has no list, writing nothing", async () => {
    const db = database().prisma;
    const deps = digestDeps(db, DIGEST_AT);
    const head: Actor = { personId: 1, memberships: [{ id: 1, role: "UNIT_HEAD", unitId: 1 }] };
    const refused = await exported((stream) =>
      exportDigestWorkbook(deps, { by: { actor: head }, locale: "vi" }, stream),
    );
    expect(refused).toEqual({ outcome: { kind: "forbidden" }, data: Buffer.alloc(0) });
    const missing = await exported((stream) =>
      exportDigestWorkbook(
        deps,
        { by: { actorLabel: "cli" }, period: { year: 1999, month: 1 }, locale: "vi" },
        stream,
      ),
    );
    expect(missing).toEqual({
      outcome: { kind: "noData", period: { year: 1999, month: 1 } },
      data: Buffer.alloc(0),
    });
  });
});
