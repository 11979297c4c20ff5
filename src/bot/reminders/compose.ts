// How a unit's reminder looks: the counts and first codes, a button to each filtered list (the
// same list pages as /overdue), and "remind me next working day".
import type { ReminderComposer } from "../../app/reminders/send-due-reminders.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { Translator } from "../../i18n/index.js";
import { reminderText } from "../../render/reminders.js";
import { overdueListData } from "../callback-data/overdue.js";
import { snoozeReminderData } from "../callback-data/reminders.js";

export function createReminderComposer(deps: { translator: Translator }): ReminderComposer {
  return (recipient, content): OutboxPayload => {
    const locale = recipient.person.locale;
    const t = deps.translator.forLocale(locale);
    const { unit, compliance, periodKey } = content;
    const list = (filter: "missingCause" | "missingApology") => [
      {
        text: t(`reminders.buttons.${filter}`),
        callback_data: overdueListData.pack({ unit: unit.id, period: periodKey, filter, page: 0 }),
      },
    ];
    return {
      method: "sendMessage",
      text: reminderText(t, locale, {
        unit,
        compliance,
        codes: content.codes,
        reminderNumber: content.reminderNumber,
      }),
      parse_mode: "HTML",
      reply_markup: {
        inline_keyboard: [
          ...(compliance.withCause < compliance.overdue ? [list("missingCause")] : []),
          ...(compliance.withApology < compliance.overdue ? [list("missingApology")] : []),
          [
            {
              text: t("reminders.buttons.snooze"),
              callback_data: snoozeReminderData.pack({ unit: unit.id, period: periodKey }),
            },
          ],
        ],
      },
    };
  };
}
