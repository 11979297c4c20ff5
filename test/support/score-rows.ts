import type { ScoreRow } from "../../src/domain/score-card.js";
import type { UnitKind } from "../../src/domain/unit-kind.js";

/** A row of a unit-score snapshot as the repository hands it over; groups not given are missing. */
export function scoreRow(
  unitId: number,
  unitKind: UnitKind,
  total: string | number,
  extra: Partial<ScoreRow> = {},
): ScoreRow {
  return {
    unitId,
    unitKind,
    total,
    rank: null,
    rankOutOf: null,
    publicity: null,
    progress: null,
    onlineService: null,
    onlinePayment: null,
    satisfaction: null,
    digitisation: null,
    ...extra,
  };
}
