// The keyboards under the overdue messages. Pushed messages use the same ones, so a unit head
// pages a pushed list exactly as one answered to /overdue.
import { InlineKeyboard } from "grammy";
import { OVERDUE_FILTERS, type OverdueFilter, type OverduePage } from "../../domain/overdue.js";
import type { TFunction } from "../../i18n/index.js";
import { itemNumber } from "../../render/overdue.js";
import {
  overdueCardData,
  overdueListData,
  overdueSummaryData,
  overdueXlsxData,
  scoreCardData,
} from "../callback-data/overdue.js";

/** Dossier buttons per row on a list page (two rows of five for a page of ten). */
const NUMBERS_PER_ROW = 5;

/** Under the summary: the list, each filter, the workbook. */
export function overdueSummaryKeyboard(t: TFunction, unitId: number, periodKey: string): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(
    t("overdue.buttons.list"),
    overdueListData.pack({ unit: unitId, period: periodKey, filter: "all", page: 0 }),
  );
  keyboard.row();
  filterButtons(t, keyboard, unitId, periodKey, null);
  return keyboard.text(t("overdue.buttons.xlsx"), overdueXlsxData.pack({ unit: unitId, period: periodKey }));
}

/** Under a list page: a numbered button per dossier, previous / next, the filters, the summary. */
export function overduePageKeyboard(t: TFunction, page: OverduePage, periodKey: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  page.items.forEach((item, index) => {
    if (index > 0 && index % NUMBERS_PER_ROW === 0) keyboard.row();
    keyboard.text(
      String(itemNumber(page, index)),
      overdueCardData.pack({ id: item.dossierId, period: periodKey, filter: page.filter, page: page.page }),
    );
  });
  keyboard.row();
  const list = (to: number) =>
    overdueListData.pack({ unit: page.unitId, period: periodKey, filter: page.filter, page: to });
  if (page.page > 0) keyboard.text(t("overdue.buttons.previous"), list(page.page - 1));
  if (page.page < page.pageCount - 1) keyboard.text(t("overdue.buttons.next"), list(page.page + 1));
  keyboard.row();
  filterButtons(t, keyboard, page.unitId, periodKey, page.filter);
  return keyboard
    .text(t("overdue.buttons.summary"), overdueSummaryData.pack({ unit: page.unitId, period: periodKey }))
    .text(t("overdue.buttons.xlsx"), overdueXlsxData.pack({ unit: page.unitId, period: periodKey }));
}

/** Where a dossier card's "back" leads: the list page it was opened from. */
export interface OverdueListPlace {
  unitId: number;
  periodKey: string;
  filter: OverdueFilter;
  page: number;
}

/**
 * Under a dossier card: the rows of actions on the dossier (recording a cause, an apology, a
 * resolution: given by the features that own them), then the way back to the list.
 */
export function overdueCardKeyboard(
  t: TFunction,
  back: OverdueListPlace,
  actionRows: ReadonlyArray<ReadonlyArray<{ text: string; callback_data: string }>> = [],
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const row of actionRows) {
    for (const button of row) keyboard.text(button.text, button.callback_data);
    keyboard.row();
  }
  return keyboard.text(
    t("overdue.buttons.back"),
    overdueListData.pack({ unit: back.unitId, period: back.periodKey, filter: back.filter, page: back.page }),
  );
}

/** A choice between units that matched a search: each opens that unit's score card or summary. */
export function unitPickKeyboard(
  units: ReadonlyArray<{ id: number; label: string }>,
  target: "score" | "overdue",
  periodKey: string,
): InlineKeyboard {
  const data = target === "score" ? scoreCardData : overdueSummaryData;
  const keyboard = new InlineKeyboard();
  for (const unit of units) keyboard.text(unit.label, data.pack({ unit: unit.id, period: periodKey })).row();
  return keyboard;
}

/** The filters other than `current`, two a row (the current one is the page's title). */
function filterButtons(
  t: TFunction,
  keyboard: InlineKeyboard,
  unitId: number,
  periodKey: string,
  current: OverdueFilter | null,
): void {
  const others = OVERDUE_FILTERS.filter(
    (filter) => filter !== current && !(current === null && filter === "all"),
  );
  others.forEach((filter, index) => {
    keyboard.text(
      t(`overdue.filters.${filter}`),
      overdueListData.pack({ unit: unitId, period: periodKey, filter, page: 0 }),
    );
    if (index % 2 === 1 || index === others.length - 1) keyboard.row();
  });
}
