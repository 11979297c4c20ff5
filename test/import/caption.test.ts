import { describe, expect, it } from "vitest";
import { readImportCaption } from "../../src/import/caption.js";

const zone = "Asia/Ho_Chi_Minh";
const asOf = "2025-04-11T04:00:00.000Z";

describe("readImportCaption", () => {
  it("reads the period and the as-of time in the ways admins write them", () => {
    expect(readImportCaption("03/2025, 11:00 11/04/2025", zone)).toEqual({
      period: { year: 2025, month: 3 },
      asOf,
    });
    expect(readImportCaption("Tháng 3/2025 tính đến 11 giờ 00 ngày 11/04/2025", zone)).toEqual({
      period: { year: 2025, month: 3 },
      asOf,
    });
    expect(readImportCaption("2025-03 2025-04-11 11:00", zone)).toEqual({
      period: { year: 2025, month: 3 },
      asOf,
    });
    expect(readImportCaption("tháng 3/2025 11h00' ngày 11/04/2025", zone)).toEqual({
      period: { year: 2025, month: 3 },
      asOf,
    });
  });

  it("leaves out what is absent or impossible", () => {
    expect(readImportCaption("", zone)).toEqual({});
    expect(readImportCaption("số liệu tháng 13/2025", zone)).toEqual({});
    expect(readImportCaption("11:00 31/02/2025", zone)).toEqual({});
  });
});
