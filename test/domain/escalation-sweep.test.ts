import { describe, expect, it } from "vitest";
import type { EscalationAssessment } from "../../src/domain/escalation-policy.js";
import { type OpenEscalation, sweepAction } from "../../src/domain/escalation-sweep.js";

const at = (level: EscalationAssessment["level"]): EscalationAssessment => ({ level, reasons: [] });
const open = (overrides: Partial<OpenEscalation> = {}): OpenEscalation => ({
  id: 7,
  level: "L2_CENTER",
  deescalationProposed: false,
  manual: false,
  ...overrides,
});
const asking = { closeAfterCleanMonth: false, latestMonthClean: true };

describe("sweepAction", () => {
  it.each<[string, OpenEscalation | null, EscalationAssessment["level"], ReturnType<typeof sweepAction>]>([
    ["nothing wanted, nothing open", null, null, { kind: "none" }],
    ["reminders alone open nothing (L1 is the reminders)", null, "L1_REMINDER", { kind: "none" }],
    ["L2 wanted opens", null, "L2_CENTER", { kind: "open", level: "L2_CENTER" }],
    ["L3 wanted opens at L3", null, "L3_PEOPLES_COMMITTEE", { kind: "open", level: "L3_PEOPLES_COMMITTEE" }],
    ["the same level again does nothing", open(), "L2_CENTER", { kind: "none" }],
    [
      "a higher level raises",
      open(),
      "L3_PEOPLES_COMMITTEE",
      { kind: "raise", escalationId: 7, from: "L2_CENTER", to: "L3_PEOPLES_COMMITTEE" },
    ],
    [
      "a lower level never lowers silently",
      open({ level: "L3_PEOPLES_COMMITTEE" }),
      "L2_CENTER",
      { kind: "none" },
    ],
    ["cleared conditions propose closing", open(), null, { kind: "proposeClose", escalationId: 7 }],
    ["a proposal is made once", open({ deescalationProposed: true }), null, { kind: "none" }],
    [
      "conditions back withdraw the proposal",
      open({ deescalationProposed: true }),
      "L2_CENTER",
      { kind: "withdrawProposal", escalationId: 7 },
    ],
    ["a manual escalation is closed by hand only", open({ manual: true }), null, { kind: "none" }],
  ])("%s", (_, current, level, action) => {
    expect(sweepAction(current, at(level), asking)).toEqual(action);
  });

  it("closes by itself after a clean month when the Center set it so", () => {
    expect(sweepAction(open(), at(null), { closeAfterCleanMonth: true, latestMonthClean: true })).toEqual({
      kind: "close",
      escalationId: 7,
    });
    expect(sweepAction(open(), at(null), { closeAfterCleanMonth: true, latestMonthClean: false })).toEqual({
      kind: "proposeClose",
      escalationId: 7,
    });
  });
});
