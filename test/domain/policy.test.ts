import { describe, expect, it } from "vitest";
import { can } from "../../src/domain/policy.js";
import { ROLES } from "../../src/domain/roles.js";

describe("can", () => {
  it("lets only Center admins import data", () => {
    for (const role of ROLES) {
      expect(can({ personId: 1, roles: [role] }, "data.import")).toBe(role === "CENTER_ADMIN");
    }
    expect(can({ personId: 1, roles: ["OFFICER", "CENTER_ADMIN"] }, "data.import")).toBe(true);
    expect(can({ personId: 1, roles: [] }, "data.import")).toBe(false);
    expect(can(null, "data.import")).toBe(false);
  });
});
