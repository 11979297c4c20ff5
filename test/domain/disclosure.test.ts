import { describe, expect, it } from "vitest";
import { applicantShown, audienceMaySee, maskName } from "../../src/domain/disclosure.js";

describe("disclosure of dossiers", () => {
  const privateChat = { kind: "private" } as const;
  const maskedGroup = { kind: "group", boundUnitId: 5, internal: false } as const;
  const internalGroup = { kind: "group", boundUnitId: 5, internal: true } as const;
  const unboundGroup = { kind: "group", boundUnitId: null, internal: false } as const;

  it("shows a group only the dossiers of the unit it is bound to", () => {
    expect(audienceMaySee(privateChat, 9)).toBe(true);
    expect(audienceMaySee(maskedGroup, 5)).toBe(true);
    expect(audienceMaySee(maskedGroup, 9)).toBe(false);
    expect(audienceMaySee(unboundGroup, 5)).toBe(false);
  });

  it("shows applicants' names to the unit's people privately, and in its group only when internal", () => {
    expect(applicantShown(privateChat, true)).toBe(true);
    expect(applicantShown(privateChat, false)).toBe(false);
    expect(applicantShown(maskedGroup, true)).toBe(false);
    expect(applicantShown(internalGroup, true)).toBe(true);
    expect(applicantShown(internalGroup, false)).toBe(false);
  });

  it("masks a name down to initials", () => {
    expect(maskName("Nguyễn Văn An")).toBe("N*** V** A*");
    expect(maskName("  Công ty TNHH Ánh Dương ")).toBe("C*** t* T*** Á** D***");
    expect(maskName("")).toBe("");
  });
});
