// The words of /units and /settings: a unit's name in the reader's language, its card, the
// pages of the unit list and a unit's delivery settings.
import type { Locale } from "../config.js";
import type { UnitKind } from "../domain/unit-kind.js";
import type { TFunction } from "../i18n/index.js";
import { unitName } from "./names.js";

export interface NamedUnit {
  nameVi: string;
  nameEn: string | null;
}

/** What a unit card shows. */
export interface UnitCard extends NamedUnit {
  code: string | null;
  kind: UnitKind;
  active: boolean;
  parent: NamedUnit | null;
  children: readonly NamedUnit[];
  memberCount: number;
  groups: readonly unknown[];
}

/** What a unit's settings card shows. */
export interface UnitSettingsCard extends NamedUnit {
  pushTarget: string;
  groupIsInternal: boolean;
  groups: ReadonlyArray<{ chatId: number; title: string | null }>;
}

/** How many of a unit's children its card names (and offers buttons for). */
export const CHILDREN_SHOWN = 6;

/** A unit's line in a list of buttons: deactivated ones marked, the code after the name. */
export function unitButtonLabel(
  locale: Locale,
  unit: NamedUnit & { code: string | null; active: boolean },
): string {
  return `${unit.active ? "" : "⛔ "}${unitName(unit, locale)}${unit.code ? ` (${unit.code})` : ""}`;
}

export function unitCardText(t: TFunction, locale: Locale, _timeZone: string, unit: UnitCard): string {
  const children = unit.children.slice(0, CHILDREN_SHOWN).map((child) => unitName(child, locale));
  return [
    t("units.cardTitle", { unit: unitName(unit, locale) }),
    t("units.code", { code: unit.code ?? "—" }),
    t("units.kind", { kind: t(`units.kinds.${unit.kind}`) }),
    t(unit.active ? "units.active" : "units.inactive"),
    t("units.parent", { parent: unit.parent ? unitName(unit.parent, locale) : "—" }),
    t("units.children", { count: unit.children.length, names: children.join(", ") || "—" }),
    t("units.members", { count: unit.memberCount }),
    t("units.groups", { count: unit.groups.length }),
  ].join("\n");
}

/** The card after a change: what was done (`units.added`, `units.renamed`), then the card. */
export function unitChangedText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  change: { key: "units.added" | "units.renamed"; unit: UnitCard },
): string {
  return [t(change.key), "", unitCardText(t, locale, timeZone, change.unit)].join("\n");
}

export function unitListText(
  t: TFunction,
  _locale: Locale,
  _timeZone: string,
  page: { total: number; page: number; pages: number },
): string {
  return [
    t("units.title", { count: page.total, page: page.page + 1, pages: page.pages }),
    t("units.howTo"),
  ].join("\n\n");
}

export function unitSettingsText(
  t: TFunction,
  locale: Locale,
  _timeZone: string,
  unit: UnitSettingsCard,
): string {
  const groups = unit.groups.map((group) => group.title ?? String(group.chatId)).join(", ");
  return [
    t("settings.title", { unit: unitName(unit, locale) }),
    t("settings.pushTarget", { target: t(`settings.target.${unit.pushTarget}`) }),
    t(unit.groupIsInternal ? "settings.internalOn" : "settings.internalOff"),
    groups ? t("settings.groups", { groups }) : t("settings.noGroup"),
  ].join("\n");
}
