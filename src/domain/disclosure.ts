/**
 * Who sees what of a unit's dossiers in a given chat. Applicants' names are personal data:
 * only the unit's own people see them, and in a group only when the unit marks it internal.
 */
export type Audience = { kind: "private" } | { kind: "group"; boundUnitId: number | null; internal: boolean };

/** A group sees only the dossiers of the unit it is bound to, whoever asks there. */
export function audienceMaySee(audience: Audience, dossierUnitId: number): boolean {
  return audience.kind === "private" || audience.boundUnitId === dossierUnitId;
}

export function applicantShown(audience: Audience, viewerMaySeeApplicant: boolean): boolean {
  return viewerMaySeeApplicant && (audience.kind === "private" || audience.internal);
}

/** "Nguyễn Văn An" -> "N*** V** A*": enough to tell dossiers apart, not to identify anyone. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const [first = "", ...rest] = [...word];
      return first + "*".repeat(Math.min(rest.length, 3));
    })
    .join(" ");
}
