// How each recipient's push message looks: the card with its buttons (the same keyboards as
// /overdue, so a pushed list pages the same way) or an officer's short notice with one button.
import type { PushComposer } from "../../app/push/push-month.js";
import type { Locale } from "../../domain/locale.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { Translator } from "../../i18n/index.js";
import { pushCardText, pushOfficerNotice } from "../../render/push.js";
import { overdueSummaryData } from "../callback-data/overdue.js";
import { overdueSummaryKeyboard } from "../keyboards/overdue.js";

export function createPushComposer(deps: {
  translator: Translator;
  defaultLocale: Locale;
  timeZone: string;
}): PushComposer {
  return (recipient, content): OutboxPayload => {
    const locale = recipient.kind === "group" ? deps.defaultLocale : recipient.person.locale;
    const t = deps.translator.forLocale(locale);
    const data = {
      unit: content.unit,
      scoreCard: content.scoreCard,
      overdue: content.overdue,
      update: content.update,
    };
    if (recipient.kind === "officer") {
      return {
        method: "sendMessage",
        text: pushOfficerNotice(t, locale, data),
        parse_mode: "HTML",
        reply_markup: {
          inline_keyboard: [
            [
              {
                text: t("push.officerButton"),
                callback_data: overdueSummaryData.pack({ unit: content.unit.id, period: content.periodKey }),
              },
            ],
          ],
        },
      };
    }
    const keyboard = content.overdue ? overdueSummaryKeyboard(t, content.unit.id, content.periodKey) : null;
    return {
      method: "sendMessage",
      text: pushCardText(t, locale, deps.timeZone, data),
      parse_mode: "HTML",
      ...(keyboard
        ? { reply_markup: { inline_keyboard: keyboard.inline_keyboard as OutboxInlineRows } }
        : {}),
    };
  };
}

type OutboxInlineRows = Array<Array<{ text: string; callback_data: string }>>;
