import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/index.js";
import { inviteCardText, inviteListText, inviteOfferText, invitePlace } from "../../src/render/invites.js";

const t = createTranslator("vi").forLocale("en");
const TZ = "Asia/Ho_Chi_Minh";
const invite = {
  role: "OFFICER" as const,
  unit: { nameVi: "Phường Bến Nghé", nameEn: null },
  usedCount: 1,
  maxUses: 10,
  expiresAt: new Date("2025-04-18T03:00:00Z"),
};

describe("invite messages", () => {
  it("shows a new invite's place, uses, expiry in the configured time zone, and link", () => {
    const text = inviteCardText(t, "en", TZ, { invite, link: "https://t.me/dondoc_bot?start=inv_x" });
    expect(text).toContain("Phường Bến Nghé");
    expect(text).toContain("18 Apr 2025, 10:00");
    expect(text).toContain("https://t.me/dondoc_bot?start=inv_x");
  });

  it("numbers the open invites as their revoke buttons are", () => {
    const lines = inviteListText(t, "en", TZ, [invite, { ...invite, unit: null, role: "PC_VIEWER" }]).split(
      "\n",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1\D/);
    expect(lines[2]).toContain(t("start.wholeCity"));
  });

  it("offers the invite with its place and role", () => {
    expect(inviteOfferText(t, "en", TZ, invite)).toContain(invitePlace(t, "en", invite).role);
  });
});
