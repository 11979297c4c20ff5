// The words of a group chat's binding: bound, already bound elsewhere, unbound.
import type { Locale } from "../config.js";
import type { TFunction } from "../i18n/index.js";
import { unitName } from "./names.js";
import type { NamedUnit } from "./units.js";

export type GroupBindingNews =
  | { kind: "bound"; unit: NamedUnit }
  | { kind: "alreadyBound"; unit: NamedUnit }
  | { kind: "unbound"; unit: NamedUnit };

const KEYS: Record<GroupBindingNews["kind"], string> = {
  bound: "groups.bound",
  alreadyBound: "groups.alreadyBound",
  unbound: "groups.unbound",
};

export function groupBindingText(
  t: TFunction,
  locale: Locale,
  _timeZone: string,
  news: GroupBindingNews,
): string {
  return t(KEYS[news.kind], { unit: unitName(news.unit, locale) });
}
