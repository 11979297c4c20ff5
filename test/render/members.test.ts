import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/index.js";
import { MEMBERS_PAGE_SIZE, memberCardText, memberListText, memberPage } from "../../src/render/members.js";
import { membershipLabel, welcomeText } from "../../src/render/memberships.js";

const t = createTranslator("vi").forLocale("en");
const TZ = "Asia/Ho_Chi_Minh";
const unit = { nameVi: "Phường Bến Nghé", nameEn: "Ben Nghe Ward" };
const lan = {
  role: "OFFICER" as const,
  since: new Date("2025-04-10T20:00:00Z"),
  person: { firstName: "Lan", lastName: "Trần", username: "lan", telegramUserId: 1 },
};

describe("member messages", () => {
  it("lists the members of a unit with their role and since when, in the unit's time zone", () => {
    const text = memberListText(t, "en", TZ, { unit, total: 1, shown: [lan], unitHint: false });
    expect(text.split("\n")).toHaveLength(2);
    expect(text).toContain("Ben Nghe Ward");
    expect(text).toContain("Lan Trần @lan — Civil servant, since 11 Apr 2025");
  });

  it("says when nobody is a member, and hints admins on the city list how to open a unit", () => {
    const text = memberListText(t, "en", TZ, { unit: null, total: 0, shown: [], unitHint: true });
    expect(text).toContain(t("members.empty"));
    expect(text.endsWith(t("members.unitHint"))).toBe(true);
  });

  it("pages the members, keeping a page past the end on the last one", () => {
    const members = Array.from({ length: MEMBERS_PAGE_SIZE + 2 }, (_, index) => index);
    expect(memberPage(members, 0)).toMatchObject({
      page: 0,
      pages: 2,
      shown: members.slice(0, MEMBERS_PAGE_SIZE),
    });
    expect(memberPage(members, 5)).toMatchObject({
      page: 1,
      shown: [MEMBERS_PAGE_SIZE, MEMBERS_PAGE_SIZE + 1],
    });
    expect(memberPage([], 3)).toEqual({ page: 0, pages: 1, shown: [] });
  });

  it("shows a member's card in Vietnamese dates for Vietnamese readers", () => {
    const vi = createTranslator("vi").forLocale("vi");
    expect(memberCardText(vi, "vi", TZ, lan)).toContain("11/04/2025");
  });

  it("names a membership and greets a person by their roles, or tells them how to get one", () => {
    expect(membershipLabel(t, "en", { role: "UNIT_HEAD", unit })).toBe(
      `${t("roles.UNIT_HEAD")} — Ben Nghe Ward`,
    );
    const stranger = welcomeText(t, "en", { name: "Jan", telegramId: 42, memberships: [] });
    expect(stranger).toContain("Hello Jan!");
    expect(stranger).toContain("42");
    const admin = welcomeText(t, "en", {
      name: "Hà",
      telegramId: 7,
      memberships: [{ role: "CENTER_ADMIN", unit: null }],
    });
    expect(admin).toContain(t("start.wholeCity"));
  });
});
