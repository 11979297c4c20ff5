import { describe, expect, it } from "vitest";
import { parseApologyLine, parseDayFirstDate, parseSigner } from "../../src/domain/apology.js";

describe("parseApologyLine", () => {
  it("reads the five fields of the one-line form", () => {
    expect(parseApologyLine("12/PXL; 05/04/2025; Nguyễn Văn A - Giám đốc; giấy; 20/04/2025")).toEqual({
      ok: true,
      draft: {
        letterNumber: "12/PXL",
        issuedOn: "2025-04-05",
        signerName: "Nguyễn Văn A",
        signerTitle: "Giám đốc",
        signerCapacity: "HEAD",
        form: "PAPER",
        newAppointmentOn: "2025-04-20",
      },
    });
  });

  it.each([
    ["12/PXL; 05/04/2025; Nguyễn Văn A; giấy", { field: "shape", reason: "fieldCount" }],
    ["; 05/04/2025; A; giấy; 20/04/2025", { field: "letterNumber", reason: "missing" }],
    ["12; 31/02/2025; A; giấy; 20/04/2025", { field: "issuedOn", reason: "invalidDate" }],
    ["12; 05/04/2025; ; giấy; 20/04/2025", { field: "signer", reason: "missing" }],
    ["12; 05/04/2025; A; fax; 20/04/2025", { field: "form", reason: "unknownForm" }],
    ["12; 05/04/2025; A; SMS; 2025-04-20", { field: "newAppointmentOn", reason: "invalidDate" }],
  ])("refuses %s", (line, refusal) => {
    expect(parseApologyLine(line)).toEqual({ ok: false, ...refusal });
  });

  it.each([
    ["GIAY", "PAPER"],
    ["Email", "EMAIL"],
    ["tin nhắn", "SMS"],
    ["trực tiếp", "IN_PERSON"],
    ["Cổng dịch vụ công", "PORTAL"],
  ])("knows the form %s", (word, form) => {
    const parsed = parseApologyLine(`1; 05/04/2025; A; ${word}; 20/04/2025`);
    expect(parsed.ok && parsed.draft.form).toBe(form);
  });
});

describe("parseSigner", () => {
  it("marks a deputy signing KT. for the head", () => {
    expect(parseSigner("Trần Thị B - KT. Phó Giám đốc")).toEqual({
      name: "Trần Thị B",
      title: "Phó Giám đốc",
      capacity: "DEPUTY",
    });
    expect(parseSigner("Trần Thị B - Phó Chủ tịch KT")).toMatchObject({
      capacity: "DEPUTY",
      name: "Trần Thị B",
    });
    expect(parseSigner("Lê C")).toEqual({ name: "Lê C", title: null, capacity: "HEAD" });
  });
});

describe("parseDayFirstDate", () => {
  it.each([
    ["5/4/2025", "2025-04-05"],
    ["05.04.2025", "2025-04-05"],
    ["29/02/2024", "2024-02-29"],
    ["29/02/2025", null],
    ["2025/04/05", null],
  ])("%s -> %s", (text, iso) => {
    expect(parseDayFirstDate(text)).toBe(iso);
  });
});
