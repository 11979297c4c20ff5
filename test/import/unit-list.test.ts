import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/domain/names.js";
import { loadLocaleResources, translationKeys } from "../../src/i18n/locales.js";
import { type ParsedUnitList, parseUnitList, type UnitListRow } from "../../src/import/unit-list.js";
import { unitListField } from "../../src/import/unit-list-headers.js";
import { parseUnitKind } from "../../src/import/unit-list-kind.js";
import { type ExistingUnit, planUnitList } from "../../src/import/unit-list-plan.js";
import { csv, type FixtureCell, xls, xlsx } from "./fixtures.js";

const HEADER_VI = ["STT", "Mã đơn vị", "Tên đơn vị", "Tên tiếng Anh", "Loại", "Mã đơn vị cấp trên"];
const TITLE: FixtureCell[][] = [["DANH MỤC ĐƠN VỊ"], ["(kèm theo Công văn số 12/TTPVHCC)"], []];

const listFrom = (rows: FixtureCell[][]) => parseUnitList(csv(rows));

function existing(overrides: Partial<ExistingUnit> & Pick<ExistingUnit, "id" | "nameVi">): ExistingUnit {
  return {
    code: null,
    nameEn: null,
    kind: "OTHER",
    parentId: null,
    normalizedName: normalizeName(overrides.nameVi),
    ...overrides,
  };
}

function errorCodes(list: { errors: { code: string }[] }): string[] {
  return list.errors.map((error) => error.code);
}

describe("parseUnitList: reading", () => {
  it("reads a CSV with a BOM and semicolons, accent-free headers under title rows, blank rows skipped", async () => {
    const bytes = csv(
      [
        ...TITLE,
        ["Stt", "MA DON VI", "ten don vi", "Ten tieng Anh", "Loai don vi", "Ma don vi cap tren", "Ghi chu"],
        [1, "H26.01", "Sở Tư pháp", "Department of Justice", "So", null, "mới"],
        [],
        [2, "H26.30", "Quận Ba Đình", null, "quan", null],
        [3, "H26.30.01", "Phường Phúc Xá", "Phuc Xa Ward", "Phường", "H26.30"],
        [4, "H26.99", "Ủy ban nhân dân Thành phố", null, "PEOPLES_COMMITTEE", "-"],
        [5, "H26.02", "Trung tâm Phục vụ hành chính công", null, null, null],
        [6, null, null, null, null, null],
      ],
      { delimiter: ";", bom: true },
    );
    const list = await parseUnitList(bytes);
    expect(list.errors).toEqual([]);
    expect(list.headerRow).toBe(4);
    expect(list.ignoredColumns).toEqual(["Ghi chu"]);
    expect(list.rowCount).toBe(5);
    expect(list.rows).toEqual<UnitListRow[]>([
      {
        row: 5,
        code: "H26.01",
        nameVi: "Sở Tư pháp",
        normalizedName: "so tu phap",
        nameEn: "Department of Justice",
        kind: "DEPARTMENT",
        parentCode: null,
      },
      {
        row: 7,
        code: "H26.30",
        nameVi: "Quận Ba Đình",
        normalizedName: "quan ba dinh",
        nameEn: null,
        kind: "DISTRICT",
        parentCode: null,
      },
      {
        row: 8,
        code: "H26.30.01",
        nameVi: "Phường Phúc Xá",
        normalizedName: "phuong phuc xa",
        nameEn: "Phuc Xa Ward",
        kind: "COMMUNE",
        parentCode: "H26.30",
      },
      expect.objectContaining({ row: 9, kind: "PEOPLES_COMMITTEE", parentCode: null }),
      expect.objectContaining({ row: 10, kind: null }),
    ]);
  });

  it("reads an .xlsx with English headers under title rows, and numeric codes as written", async () => {
    const bytes = await xlsx([
      ["LIST OF UNITS"],
      [],
      ["No.", "Unit code", "Unit name", "English name", "Kind", "Parent code"],
      [1, 1001, "Sở Y tế", "Department of Health", "DEPARTMENT", null],
      [2, "1002", "Bệnh viện Đa khoa", null, "Other", 1001],
    ]);
    const list = await parseUnitList(bytes);
    expect(list.errors).toEqual([]);
    expect(list.rows).toEqual([
      expect.objectContaining({ row: 4, code: "1001", kind: "DEPARTMENT", nameEn: "Department of Health" }),
      expect.objectContaining({ row: 5, code: "1002", kind: "OTHER", parentCode: "1001" }),
    ]);
  });

  it("reads an .xls the same way", async () => {
    const list = await parseUnitList(xls([HEADER_VI, [1, "H26.01", "Sở Tư pháp", null, null, null]]));
    expect(list.errors).toEqual([]);
    expect(list.rows).toEqual([expect.objectContaining({ row: 2, code: "H26.01" })]);
  });

  it("matches headers with or without accents, in either language, and tells the English name apart", () => {
    expect(unitListField("Mã đơn vị")).toBe("code");
    expect(unitListField("MA DV")).toBe("code");
    expect(unitListField("Đơn vị")).toBe("nameVi");
    expect(unitListField("Tên đơn vị (tiếng Anh)")).toBe("nameEn");
    expect(unitListField("Tên đơn vị (*)")).toBe("nameVi");
    expect(unitListField("Don vi cap tren")).toBe("parentCode");
    expect(unitListField("Mã đơn vị cấp trên")).toBe("parentCode");
    expect(unitListField("Unit kind")).toBe("kind");
    expect(unitListField("Ghi chú")).toBeNull();
  });

  it("reads kinds as enum names or Vietnamese and English words", () => {
    const kind = (text: string) => {
      const parsed = parseUnitKind(text);
      return parsed.ok ? parsed.value : parsed.code;
    };
    expect(kind("DEPARTMENT")).toBe("DEPARTMENT");
    expect(kind("peoples_committee")).toBe("PEOPLES_COMMITTEE");
    expect(kind("Sở")).toBe("DEPARTMENT");
    expect(kind("SO")).toBe("DEPARTMENT");
    expect(kind("Huyện")).toBe("DISTRICT");
    expect(kind("Quận")).toBe("DISTRICT");
    expect(kind("Xã")).toBe("COMMUNE");
    expect(kind("phuong")).toBe("COMMUNE");
    expect(kind("UBND")).toBe("PEOPLES_COMMITTEE");
    expect(kind("Trung tâm")).toBe("CENTER");
    expect(kind("Tỉnh")).toBe("PROVINCE");
    expect(kind("Khác")).toBe("OTHER");
    expect(kind("—")).toBeNull();
    expect(kind("Bộ")).toBe("unknownKind");
  });
});

describe("parseUnitList: refusals", () => {
  it("names the row, column and value of every bad cell", async () => {
    const list = await listFrom([
      HEADER_VI,
      [1, null, "Sở Tư pháp", null, null, null],
      [2, "H26.02", null, null, null, null],
      [3, "H26.03", "Sở Xây dựng", null, "Bộ", null],
      [4, "H26.04", "---", null, null, null],
      [5, "X".repeat(65), "Sở Y tế", null, null, null],
    ]);
    expect(list.errors).toEqual([
      { row: 2, column: "Mã đơn vị", value: null, code: "required" },
      { row: 3, column: "Tên đơn vị", value: null, code: "required" },
      {
        row: 4,
        column: "Loại",
        value: "Bộ",
        code: "unknownKind",
        params: { kinds: "PROVINCE, CENTER, PEOPLES_COMMITTEE, DEPARTMENT, DISTRICT, COMMUNE, OTHER" },
      },
      { row: 5, column: "Tên đơn vị", value: "---", code: "invalidName" },
      { row: 6, column: "Mã đơn vị", value: "X".repeat(65), code: "tooLong", params: { max: 64 } },
    ]);
    expect(list.rows).toEqual([]);
  });

  it("refuses a code or a name (accents and case aside) written twice", async () => {
    const list = await listFrom([
      HEADER_VI,
      [1, "H26.01", "Sở Tư pháp", null, null, null],
      [2, "H26.01", "Sở Xây dựng", null, null, null],
      [3, "H26.03", "SO TU PHAP", null, null, null],
    ]);
    expect(list.errors).toEqual([
      { row: 3, column: "Mã đơn vị", value: "H26.01", code: "duplicateCode", params: { firstRow: 2 } },
      { row: 4, column: "Tên đơn vị", value: "SO TU PHAP", code: "duplicateName", params: { firstRow: 2 } },
    ]);
  });

  it("refuses a file with no recognisable header, one missing the code column, and an unreadable one", async () => {
    const noHeader = await listFrom([["Danh sách"], ["H26.01", "Sở Tư pháp"]]);
    expect(noHeader.errors).toEqual([
      { row: null, column: null, value: null, code: "noHeader", params: { rows: 20 } },
    ]);
    const noCode = await listFrom([
      ["STT", "Tên đơn vị", "Loại"],
      [1, "Sở Tư pháp", "Sở"],
    ]);
    expect(noCode.errors).toEqual([
      { row: 1, column: null, value: null, code: "missingColumn", params: { field: "code" } },
    ]);
    const binary = await parseUnitList(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]));
    expect(errorCodes(binary)).toEqual(["unreadableFile"]);
  });

  it("has a translation for every refusal, in both languages", () => {
    const codes = [
      "unreadableFile",
      "noHeader",
      "missingColumn",
      "required",
      "tooLong",
      "invalidName",
      "unknownKind",
      "duplicateCode",
      "duplicateName",
      "nameTaken",
      "nameTakenNoCode",
      "unknownParent",
      "parentCycle",
      "invalidValue",
    ];
    const resources = loadLocaleResources();
    for (const locale of [resources.vi, resources.en]) {
      const keys = translationKeys(locale);
      expect(codes.filter((code) => !keys.has(`unitList.errors.${code}`))).toEqual([]);
    }
  });
});

describe("planUnitList", () => {
  const justice = existing({ id: 1, code: "H26.01", nameVi: "Sở Tư pháp", kind: "DEPARTMENT" });
  const district = existing({ id: 2, code: "H26.30", nameVi: "Quận Ba Đình", kind: "DISTRICT" });

  async function plan(rows: FixtureCell[][], units: ExistingUnit[] = [justice, district]) {
    const list: ParsedUnitList = await listFrom([HEADER_VI, ...rows]);
    expect(list.errors).toEqual([]);
    return planUnitList(list, units);
  }

  it("creates new codes, updates known ones, counts the unchanged, guesses kinds of new units", async () => {
    const result = await plan([
      [1, "H26.01", "Sở Tư pháp", null, null, null],
      [2, "H26.30", "Quận Ba Đình", "Ba Dinh District", "Quận", null],
      [3, "H26.30.01", "Phường Phúc Xá", null, null, "H26.30"],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.unchanged).toBe(1);
    expect(result.updates).toEqual([{ row: 3, unit: district, changes: { nameEn: "Ba Dinh District" } }]);
    expect(result.creates).toEqual([
      {
        row: 4,
        code: "H26.30.01",
        nameVi: "Phường Phúc Xá",
        normalizedName: "phuong phuc xa",
        nameEn: null,
        kind: "COMMUNE",
        parent: { id: 2 },
      },
    ]);
  });

  it("keeps a known unit's kind when the cell is empty, and its parent when the file has no parent column", async () => {
    const child = existing({ id: 3, code: "C1", nameVi: "Phường Một", kind: "COMMUNE", parentId: 2 });
    const list = await listFrom([
      ["Mã đơn vị", "Tên đơn vị", "Loại"],
      ["C1", "Phường Một", null],
    ]);
    expect(planUnitList(list, [district, child])).toMatchObject({ unchanged: 1, updates: [], creates: [] });
  });

  it("gives a code to a known unit of the same name that has none", async () => {
    const uncoded = existing({ id: 7, nameVi: "Sở Xây dựng", kind: "DEPARTMENT" });
    const result = await plan([[1, "H26.02", "Sở Xây dựng", null, null, null]], [justice, uncoded]);
    expect(result.errors).toEqual([]);
    expect(result.updates).toEqual([{ row: 2, unit: uncoded, changes: { code: "H26.02" } }]);
  });

  it("creates a parent named later in the file before its children", async () => {
    const result = await plan([
      [1, "Q1.P1", "Phường Một", null, null, "Q1"],
      [2, "Q1", "Quận Một", null, null, "H26"],
      [3, "H26", "Thành phố Hà Nội", null, "Tỉnh", null],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.creates.map((unit) => [unit.code, unit.parent])).toEqual([
      ["H26", null],
      ["Q1", { code: "H26" }],
      ["Q1.P1", { code: "Q1" }],
    ]);
  });

  it("refuses an unknown parent code", async () => {
    const result = await plan([[1, "H26.05", "Sở Y tế", null, null, "H99"]]);
    expect(result.errors).toEqual([
      { row: 2, column: "Mã đơn vị cấp trên", value: "H99", code: "unknownParent" },
    ]);
    expect(result.creates).toEqual([]);
  });

  it("refuses a unit that would be its own parent or ancestor, in the file or through the database", async () => {
    const self = await plan([[1, "A", "Đơn vị A", null, null, "A"]]);
    expect(self.errors).toEqual([
      { row: 2, column: "Mã đơn vị cấp trên", value: "A", code: "parentCycle", params: { chain: "A → A" } },
    ]);
    const loop = await plan([
      [1, "A", "Đơn vị A", null, null, "B"],
      [2, "B", "Đơn vị B", null, null, "A"],
      [3, "C", "Đơn vị C", null, null, "A"],
    ]);
    expect(loop.errors.map((error) => [error.row, error.code, error.params?.chain])).toEqual([
      [2, "parentCycle", "A → B → A"],
      [3, "parentCycle", "B → A → B"],
    ]);
    // In the database the commune sits under the district; the file puts the district under the commune.
    const commune = existing({ id: 3, code: "C1", nameVi: "Phường Một", kind: "COMMUNE", parentId: 2 });
    const throughDb = await plan([[1, "H26.30", "Quận Ba Đình", null, null, "C1"]], [district, commune]);
    expect(throughDb.errors).toEqual([
      expect.objectContaining({ row: 2, code: "parentCycle", params: { chain: "H26.30 → C1 → H26.30" } }),
    ]);
  });

  it("refuses a name another unit already has", async () => {
    const taken = await plan([[1, "H26.09", "SỞ TƯ PHÁP", null, null, null]]);
    expect(taken.errors).toEqual([
      {
        row: 2,
        column: "Tên đơn vị",
        value: "SỞ TƯ PHÁP",
        code: "nameTaken",
        params: { code: "H26.01", name: "Sở Tư pháp" },
      },
    ]);
    const uncoded = existing({ id: 7, nameVi: "Sở Xây dựng" });
    const takenByUncoded = await plan([[1, "H26.01", "Sở Xây dựng", null, null, null]], [justice, uncoded]);
    expect(errorCodes(takenByUncoded)).toEqual(["nameTakenNoCode"]);
  });
});
