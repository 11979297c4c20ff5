import { describe, expect, it } from "vitest";
import type { DossierHistory } from "../../src/domain/dossier-history.js";
import { createTranslator } from "../../src/i18n/index.js";
import { historyText } from "../../src/render/history.js";

const translator = createTranslator("vi");
const ZONE = "Asia/Ho_Chi_Minh";

// The sample's dossier the portal returned on 11/02/2025, nine working days late.
const finished: DossierHistory = {
  id: 1,
  code: "000.01.40.H26-250117-0002",
  procedureName: "Cấp giấy phép xây dựng",
  applicantName: "Nguyễn Văn An",
  state: "OPEN",
  receivedAt: new Date("2025-01-17T02:00:00Z"),
  dueAt: new Date("2025-01-24T10:00:00Z"),
  finishedAt: new Date("2025-02-11T03:00:00Z"),
  portalStatus: "Đã trả kết quả",
  unit: { id: 1, code: "BD", nameVi: "Phường Ba Đình", nameEn: "Ba Dinh Ward" },
  listings: [{ year: 2025, month: 1, asOf: new Date("2025-02-11T04:00:00Z"), daysOverdue: 9 }],
  events: [
    {
      at: new Date("2025-02-12T02:00:00Z"),
      action: "dossier.causeGiven",
      actor: { firstName: "Lan", lastName: null, username: null, telegramUserId: 1 },
      actorLabel: null,
    },
  ],
};

describe("historyText", () => {
  it("shows a dossier the portal finished as returned late, with its date and status, not as unresolved", () => {
    for (const [locale, state, status, event] of [
      [
        "vi",
        "đã kết thúc trên Cổng ngày 11/02/2025, trễ hạn",
        "Trạng thái trên Cổng: Đã trả kết quả",
        "Lan: nêu nguyên nhân",
      ],
      [
        "en",
        "finished on the portal on 11 Feb 2025, late",
        "Portal status: Đã trả kết quả",
        "Lan: cause given",
      ],
    ] as const) {
      const text = historyText(translator.forLocale(locale), locale, ZONE, finished, true);
      expect(text).toContain(state);
      expect(text).toContain(status);
      expect(text).toContain(event);
      expect(text).not.toContain(locale === "vi" ? "chưa xử lý xong" : "not yet resolved");
    }
  });

  it("says an open dossier the portal has not finished is not yet resolved", () => {
    const open = { ...finished, finishedAt: null, portalStatus: null };
    const text = historyText(translator.forLocale("en"), "en", ZONE, open, true);
    expect(text).toContain("State: overdue, not yet resolved");
    expect(text).not.toContain("Portal status");
  });
});
