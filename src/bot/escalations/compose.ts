// Each person's escalation notice: the text in their language and the buttons their part
// calls for (the head acknowledges; the Center acknowledges, schedules an inspection, escalates
// or confirms closing). A sweep's many notices reach the Center as one summary.
import type { EscalationNoticeComposer } from "../../app/escalations/escalation-notices.js";
import type { EscalationNotice } from "../../domain/escalation-sweep.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { PushPerson } from "../../domain/push.js";
import type { Translator } from "../../i18n/index.js";
import { escalationNoticeText, escalationSummaryText } from "../../render/escalations.js";
import {
  escalationAcknowledgeData,
  escalationCloseData,
  escalationRaiseData,
  escalationTimelineData,
  inspectionScheduleData,
} from "../callback-data/escalations.js";

type Button = { text: string; callback_data: string };

interface ComposerDeps {
  translator: Translator;
  timeZone: string;
}

export function createEscalationComposer(deps: ComposerDeps): EscalationNoticeComposer {
  return {
    notice: (notice, recipient) => noticePayload(deps, notice, recipient),
    summary: (notices, recipient) => ({
      method: "sendMessage",
      text: escalationSummaryText(deps.translator.forLocale(recipient.locale), recipient.locale, notices),
      parse_mode: "HTML",
    }),
  };
}

function noticePayload(deps: ComposerDeps, notice: EscalationNotice, recipient: PushPerson): OutboxPayload {
  const t = deps.translator.forLocale(recipient.locale);
  return {
    method: "sendMessage",
    text: escalationNoticeText(t, recipient.locale, deps.timeZone, notice),
    parse_mode: "HTML",
    reply_markup: { inline_keyboard: escalationButtons(t, notice) },
  };
}

/** The buttons under a notice, by who it is for. */
export function escalationButtons(
  t: (key: string) => string,
  notice: Pick<EscalationNotice, "kind" | "escalationId" | "level"> & { unit: { id: number } },
): Button[][] {
  const acknowledge: Button = {
    text: t("escalations.buttons.acknowledge"),
    callback_data: escalationAcknowledgeData.pack({ id: notice.escalationId }),
  };
  const rows: Button[][] = [];
  if (notice.kind === "unitHead" || notice.kind === "acknowledgeReminder") rows.push([acknowledge]);
  if (notice.kind === "center") {
    rows.push([
      acknowledge,
      {
        text: t("escalations.buttons.inspect"),
        callback_data: inspectionScheduleData.pack({ unit: notice.unit.id }),
      },
    ]);
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
  rows.push([
    {
      text: t("escalations.buttons.timeline"),
      callback_data: escalationTimelineData.pack({ unit: notice.unit.id }),
    },
  ]);
  return rows;
}
