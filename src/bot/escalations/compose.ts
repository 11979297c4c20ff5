// Each person's escalation notice: the text in their language and the buttons their part
// calls for (the head acknowledges; the Center acknowledges, escalates or confirms closing).
import type { EscalationNoticeComposer } from "../../app/escalations/escalation-notices.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { Translator } from "../../i18n/index.js";
import { escalationNoticeText } from "../../render/escalations.js";
import {
  escalationAcknowledgeData,
  escalationCloseData,
  escalationRaiseData,
  escalationTimelineData,
} from "../callback-data/escalations.js";

type Button = { text: string; callback_data: string };

export function createEscalationComposer(deps: {
  translator: Translator;
  timeZone: string;
}): EscalationNoticeComposer {
  return (notice, recipient): OutboxPayload => {
    const t = deps.translator.forLocale(recipient.locale);
    const acknowledge: Button = {
      text: t("escalations.buttons.acknowledge"),
      callback_data: escalationAcknowledgeData.pack({ id: notice.escalationId }),
    };
    const timeline: Button = {
      text: t("escalations.buttons.timeline"),
      callback_data: escalationTimelineData.pack({ unit: notice.unit.id }),
    };
    const rows: Button[][] = [];
    if (notice.kind === "unitHead" || notice.kind === "acknowledgeReminder") rows.push([acknowledge]);
    if (notice.kind === "center") {
      rows.push([acknowledge]);
      if (notice.level !== "L3_PEOPLES_COMMITTEE")
        rows.push([
          {
            text: t("escalations.buttons.escalate"),
            callback_data: escalationRaiseData.pack({ unit: notice.unit.id }),
          },
        ]);
    }
    if (notice.kind === "proposeClose")
      rows.push([
        {
          text: t("escalations.buttons.close"),
          callback_data: escalationCloseData.pack({ id: notice.escalationId }),
        },
      ]);
    rows.push([timeline]);
    return {
      method: "sendMessage",
      text: escalationNoticeText(t, recipient.locale, deps.timeZone, notice),
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: rows },
    };
  };
}
