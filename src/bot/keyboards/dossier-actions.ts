// The action buttons on a dossier card and the keyboards of its short flows (cause category,
// resolution confirmation, the forms' Cancel / Skip / Confirm, the list's selection mode).
import { InlineKeyboard } from "grammy";
import { APOLOGY_FORMS } from "../../domain/apology.js";
import { CAUSE_CATEGORIES, type DossierFacts, UNDO_RESOLUTION_MS } from "../../domain/dossier-life.js";
import type { OverdueFilter, OverduePage } from "../../domain/overdue.js";
import type { TFunction } from "../../i18n/index.js";
import { itemNumber } from "../../render/overdue.js";
import {
  bulkCategoryData,
  bulkCauseData,
  causeCategoryData,
  type DossierAct,
  dossierActionData,
  formCancelData,
  formChoiceData,
  formConfirmData,
  formSkipData,
  resolveConfirmData,
  selectPageData,
  selectToggleData,
} from "../callback-data/dossier-actions.js";
import { overdueCardData, overdueListData } from "../callback-data/overdue.js";

/** The list page a card was opened from (its "back"), carried by every action button. */
export interface CardPlace {
  period: string;
  filter: OverdueFilter;
  page: number;
}

type Button = { text: string; callback_data: string };

/** What the presser may do: answer for the dossier's unit, and/or override as a Center admin. */
export interface CardPowers {
  answer: boolean;
  override: boolean;
  personId: number;
}

/**
 * The rows of actions a card offers for the dossier's state: only what the presser may do
 * and what the state allows (the use-case judges again on the press).
 */
export function dossierActionRows(
  t: TFunction,
  dossierId: number,
  place: CardPlace,
  facts: DossierFacts,
  powers: CardPowers,
  now: Date,
): Button[][] {
  const button = (act: DossierAct, label: string): Button => ({
    text: t(`dossierActions.buttons.${label}`),
    callback_data: dossierActionData.pack({ act, id: dossierId, ...place }),
  });
  const resolved = facts.resolution !== null || facts.finishedOnPortal;
  const rows: Button[][] = [];
  if (powers.answer) {
    rows.push([
      button("cause", facts.hasCause ? "changeCause" : "cause"),
      ...(facts.apology ? [] : [button("apology", "apology")]),
    ]);
    const progress: Button[] = [];
    if (!resolved) progress.push(button("resolve", "resolve"));
    if (facts.pausedSince) progress.push(button("endPause", "endPause"));
    else if (!resolved) progress.push(button("pause", "pause"));
    const undoable =
      facts.resolution?.recordedById === powers.personId &&
      now.getTime() - facts.resolution.recordedAt.getTime() <= UNDO_RESOLUTION_MS;
    if (undoable) progress.push(button("undo", "undo"));
    if (progress.length > 0) rows.push(progress);
  }
  if (powers.override) {
    const admin: Button[] = [];
    if (facts.resolution) admin.push(button("reopen", "reopen"));
    if (facts.apology) admin.push(button("date", "date"));
    if (admin.length > 0) rows.push(admin);
  }
  return rows;
}

function backToCard(t: TFunction, dossierId: number, place: CardPlace): Button {
  return {
    text: t("dossierActions.buttons.backToCard"),
    callback_data: overdueCardData.pack({ id: dossierId, ...place }),
  };
}

/** The cause categories, one a row, then the way back to the card. */
export function causeCategoryKeyboard(t: TFunction, dossierId: number, place: CardPlace): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  CAUSE_CATEGORIES.forEach((category, index) => {
    keyboard
      .text(
        t(`overdue.causes.${category}`),
        causeCategoryData.pack({ id: dossierId, category: index, ...place }),
      )
      .row();
  });
  const back = backToCard(t, dossierId, place);
  return keyboard.text(back.text, back.callback_data);
}

/** "Resolved" confirmed with its outcome, or back to the card. */
export function resolveConfirmKeyboard(t: TFunction, dossierId: number, place: CardPlace): InlineKeyboard {
  const back = backToCard(t, dossierId, place);
  return new InlineKeyboard()
    .text(
      t("dossierActions.buttons.resultIssued"),
      resolveConfirmData.pack({ id: dossierId, outcome: 0, ...place }),
    )
    .row()
    .text(
      t("dossierActions.buttons.returned"),
      resolveConfirmData.pack({ id: dossierId, outcome: 1, ...place }),
    )
    .row()
    .text(back.text, back.callback_data);
}

/** Under a form's question: Skip (optional steps) and Cancel. */
export function formKeyboard(t: TFunction, options: { skip?: boolean } = {}): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (options.skip) keyboard.text(t("dossierActions.buttons.skip"), formSkipData.pack({}));
  return keyboard.text(t("dossierActions.buttons.cancel"), formCancelData.pack({}));
}

/** The apology letter's forms, two a row, then Cancel. */
export function apologyFormKeyboard(t: TFunction): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  APOLOGY_FORMS.forEach((form, index) => {
    keyboard.text(t(`dossierActions.forms.${form}`), formChoiceData.pack({ value: form }));
    if (index % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(t("dossierActions.buttons.cancel"), formCancelData.pack({}));
}

export function confirmKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("dossierActions.buttons.confirm"), formConfirmData.pack({}))
    .text(t("dossierActions.buttons.cancel"), formCancelData.pack({}));
}

/** The page's button to enter selection mode (added under the list by the overdue feature). */
export function selectModeRow(t: TFunction, unitId: number, place: CardPlace): Button[] {
  return [
    {
      text: t("dossierActions.buttons.select"),
      callback_data: selectPageData.pack({ unit: unitId, ...place }),
    },
  ];
}

/** The list page in selection mode: each number toggles its mark; one cause for the marked or the missing. */
export function selectionKeyboard(
  t: TFunction,
  page: OverduePage,
  period: string,
  marked: ReadonlySet<number>,
): InlineKeyboard {
  const place = { period, filter: page.filter, page: page.page };
  const unit = page.unitId;
  const keyboard = new InlineKeyboard();
  page.items.forEach((item, index) => {
    if (index > 0 && index % 5 === 0) keyboard.row();
    const label = `${marked.has(item.dossierId) ? "✅ " : ""}${itemNumber(page, index)}`;
    keyboard.text(label, selectToggleData.pack({ id: item.dossierId, unit, ...place }));
  });
  keyboard.row();
  const pageButton = (to: number, label: string) =>
    keyboard.text(
      t(`overdue.buttons.${label}`),
      selectPageData.pack({ unit, period, filter: page.filter, page: to }),
    );
  if (page.page > 0) pageButton(page.page - 1, "previous");
  if (page.page < page.pageCount - 1) pageButton(page.page + 1, "next");
  return keyboard
    .row()
    .text(
      t("dossierActions.buttons.bulkMarked", { count: marked.size }),
      bulkCauseData.pack({ unit, scope: "marked", ...place }),
    )
    .row()
    .text(t("dossierActions.buttons.bulkMissing"), bulkCauseData.pack({ unit, scope: "missing", ...place }))
    .row()
    .text(t("dossierActions.buttons.backToList"), overdueListData.pack({ unit, ...place }));
}

/** The categories for one cause to many, then back to the selection. */
export function bulkCategoryKeyboard(
  t: TFunction,
  unitId: number,
  scope: "marked" | "missing",
  place: CardPlace,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  CAUSE_CATEGORIES.forEach((category, index) => {
    keyboard
      .text(
        t(`overdue.causes.${category}`),
        bulkCategoryData.pack({ unit: unitId, scope, category: index, ...place }),
      )
      .row();
  });
  return keyboard.text(
    t("dossierActions.buttons.backToList"),
    selectPageData.pack({ unit: unitId, ...place }),
  );
}
