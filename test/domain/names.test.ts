import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/domain/names.js";

describe("normalizeName", () => {
  it("ignores case, diacritics, đ, punctuation and spacing", () => {
    expect(normalizeName("Sở Tư pháp")).toBe("so tu phap");
    expect(normalizeName("  SỞ  TƯ-PHÁP ")).toBe("so tu phap");
    expect(normalizeName("Phường Đống Đa")).toBe("phuong dong da");
    expect(normalizeName("Thành phố Hà Nội")).toBe(normalizeName("THANH PHO HA NOI"));
  });

  it("keeps different names apart", () => {
    expect(normalizeName("Phường Hà Đông")).not.toBe(normalizeName("Phường Hà Đông 2"));
  });
});
