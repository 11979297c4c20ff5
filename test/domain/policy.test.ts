import { describe, expect, it } from "vitest";
import { ACTIONS, type Action, type Actor, can, canOnAnyUnit, ownUnitsFor } from "../../src/domain/policy.js";
import { ROLES, type Role } from "../../src/domain/roles.js";

const OWN = 10;
const OTHER = 20;
const actorWith = (role: Role, unitId: number | null): Actor => ({
  personId: 1,
  memberships: [{ id: 1, role, unitId }],
});

/** What each role may do on its own unit, on another unit, and on the city as a whole (no unit). */
const EXPECTED: Record<Action, Record<Role, [own: boolean, other: boolean, city: boolean]>> = {
  "data.import": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "unit.list": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "unit.manage": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "unit.view": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [true, false, false],
    PC_VIEWER: [true, true, true],
  },
  "unit.configure": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "group.bind": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "member.list": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "member.manage": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "invite.create": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "invite.revoke": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "dossier.view": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [true, false, false],
    PC_VIEWER: [true, true, true],
  },
  "dossier.viewApplicant": {
    CENTER_ADMIN: [false, false, false],
    UNIT_HEAD: [true, false, false],
    OFFICER: [true, false, false],
    PC_VIEWER: [false, false, false],
  },
  "dossier.answer": {
    CENTER_ADMIN: [false, false, false],
    UNIT_HEAD: [true, false, false],
    OFFICER: [true, false, false],
    PC_VIEWER: [false, false, false],
  },
  "dossier.override": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "escalation.acknowledge": {
    CENTER_ADMIN: [false, false, false],
    UNIT_HEAD: [true, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "report.view": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [true, false, false],
    OFFICER: [true, false, false],
    PC_VIEWER: [true, true, true],
  },
  "push.send": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
  "escalation.manage": {
    CENTER_ADMIN: [true, true, true],
    UNIT_HEAD: [false, false, false],
    OFFICER: [false, false, false],
    PC_VIEWER: [false, false, false],
  },
};

describe("can(actor, action, resource)", () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      it(`${role} ${action}: own unit, another unit, the city`, () => {
        // Admins and viewers usually hold no unit; heads and officers always do.
        const actor = actorWith(role, role === "CENTER_ADMIN" || role === "PC_VIEWER" ? null : OWN);
        const own = can(actorWith(role, OWN), action, { unitId: OWN });
        const other = can(actor, action, { unitId: OTHER });
        const city = can(actor, action, { unitId: null });
        expect([own, other, city]).toEqual(EXPECTED[action][role]);
      });
    }
  }

  it("denies everything to strangers and to people without active memberships", () => {
    for (const action of ACTIONS) {
      expect(can(null, action, { unitId: OWN })).toBe(false);
      expect(can({ personId: 1, memberships: [] }, action, { unitId: OWN })).toBe(false);
    }
  });

  it("lets a unit head hand out and manage only officers' places", () => {
    const head = actorWith("UNIT_HEAD", OWN);
    expect(can(head, "invite.create", { unitId: OWN, roles: ["OFFICER"] })).toBe(true);
    expect(can(head, "invite.create", { unitId: OWN, roles: ["UNIT_HEAD"] })).toBe(false);
    expect(can(head, "invite.create", { unitId: OWN, roles: ["CENTER_ADMIN"] })).toBe(false);
    expect(can(head, "member.manage", { unitId: OWN, roles: ["OFFICER"] })).toBe(true);
    expect(can(head, "member.manage", { unitId: OWN, roles: ["OFFICER", "UNIT_HEAD"] })).toBe(false);
    expect(can(head, "member.manage", { unitId: OWN, roles: ["UNIT_HEAD"] })).toBe(false);
    const admin = actorWith("CENTER_ADMIN", null);
    expect(can(admin, "invite.create", { unitId: null, roles: ["PC_VIEWER"] })).toBe(true);
    expect(can(admin, "member.manage", { unitId: OTHER, roles: ["UNIT_HEAD", "OFFICER"] })).toBe(true);
  });

  it("gives a person with several memberships the rights of each, each on its own unit", () => {
    const deputy: Actor = {
      personId: 7,
      memberships: [
        { id: 1, role: "UNIT_HEAD", unitId: OWN },
        { id: 2, role: "OFFICER", unitId: OTHER },
      ],
    };
    expect(can(deputy, "escalation.acknowledge", { unitId: OWN })).toBe(true);
    expect(can(deputy, "escalation.acknowledge", { unitId: OTHER })).toBe(false);
    expect(can(deputy, "dossier.answer", { unitId: OTHER })).toBe(true);
    expect(can(deputy, "dossier.answer", { unitId: 30 })).toBe(false);
    expect(ownUnitsFor(deputy, "member.list")).toEqual([OWN]);
    expect(ownUnitsFor(deputy, "dossier.view")).toEqual([OWN, OTHER]);
    expect(canOnAnyUnit(deputy, "dossier.view")).toBe(false);
    expect(canOnAnyUnit(actorWith("PC_VIEWER", null), "dossier.view")).toBe(true);
  });
});
