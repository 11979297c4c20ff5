// Invites: the new invite's card and QR caption, the list of open ones, the offer a person
// sees on opening a link, and what they are told after answering it.
import type { Locale } from "../config.js";
import type { Role } from "../domain/roles.js";
import { formatDateTime } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { placeName, unitName } from "./names.js";

type UnitNames = { nameVi: string; nameEn: string | null };

export interface InviteLine {
  role: Role;
  unit: UnitNames | null;
  usedCount: number;
  maxUses: number;
  expiresAt: Date;
}

/** Where and as what an invite links: the interpolation most invite messages take. */
export function invitePlace(
  t: TFunction,
  locale: Locale,
  invite: { role: Role; unit: UnitNames | null },
): { unit: string; role: string } {
  return { unit: placeName(invite.unit, t, locale), role: t(`roles.${invite.role}`) };
}

export function cityWidePrompt(t: TFunction): string {
  return [t("invites.cityWidePrompt"), t("invites.unitHint")].join("\n\n");
}

export function unitPrompt(t: TFunction, locale: Locale, unit: UnitNames): string {
  return t("invites.unitPrompt", { unit: unitName(unit, locale) });
}

export function inviteCardText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  card: { invite: InviteLine; link: string },
): string {
  const { invite } = card;
  return [
    t("invites.createdTitle"),
    t("invites.createdFor", invitePlace(t, locale, invite)),
    t("invites.createdUses", { count: invite.maxUses }),
    t("invites.createdExpires", { expires: formatDateTime(locale, invite.expiresAt, timeZone) }),
    "",
    t("invites.createdLink", { link: card.link }),
  ].join("\n");
}

/** The open invites, numbered as their revoke buttons are. */
export function inviteListText(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  invites: readonly InviteLine[],
): string {
  const lines = invites.map((invite, index) =>
    t("invites.listLine", {
      number: index + 1,
      ...invitePlace(t, locale, invite),
      used: invite.usedCount,
      uses: invite.maxUses,
      expires: formatDateTime(locale, invite.expiresAt, timeZone),
    }),
  );
  return [t("invites.listTitle"), ...lines].join("\n");
}

export function inviteOfferText(t: TFunction, locale: Locale, timeZone: string, invite: InviteLine): string {
  return t("invites.offer", {
    ...invitePlace(t, locale, invite),
    expires: formatDateTime(locale, invite.expiresAt, timeZone),
  });
}

export function inviteLinkedText(t: TFunction, locale: Locale, invite: InviteLine): string {
  return [t("invites.linked", invitePlace(t, locale, invite)), "", t("start.seeHelp")].join("\n");
}
