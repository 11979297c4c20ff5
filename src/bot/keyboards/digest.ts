import { InlineKeyboard } from "grammy";
import type { TFunction } from "../../i18n/index.js";
import { scoreChartData } from "../callback-data/digest.js";

/** Under a score card: its picture (groups against their maximum, the last months' totals). */
export function scoreCardKeyboard(t: TFunction, unitId: number, periodKey: string): InlineKeyboard {
  return new InlineKeyboard().text(
    t("digest.buttons.chart"),
    scoreChartData.pack({ unit: unitId, period: periodKey }),
  );
}
