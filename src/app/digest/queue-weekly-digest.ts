// The weekly digest: the message, the chart and the workbook for every Center admin and the
// Center's bound group, and (when the Center's setting says so) each unit head's own line,
// written as outbox rows in one transaction with the audit event that records it. The dedupe
// keys name the ISO week, so a second run in the same week queues nothing.
import { inTransaction } from "../../db/transaction.js";
import { type Digest, type DigestAudience, unitLine, weekKeyOf } from "../../domain/digest.js";
import { isLocale, type Locale } from "../../domain/locale.js";
import { formatDateTime, formatMonth } from "../../i18n/format.js";
import { digestMessage, unitDigestMessage } from "../../render/digest.js";
import { appendAudit } from "../../repositories/audit.js";
import { DigestRepository } from "../../repositories/digest.js";
import { type NewOutboxMessage, OutboxRepository } from "../../repositories/outbox.js";
import { DIGEST_CHART, DIGEST_WORKBOOK, digestAttachment } from "./digest-attachments.js";
import { type DigestDeps, loadDigest, readDigestSettings } from "./digest-report.js";

export type WeeklyDigestOutcome = {
  kind: "queued";
  weekKey: string;
  batch: string;
  queued: number;
  duplicates: number;
};

interface Recipient {
  target: string;
  chatId: number;
  locale: Locale;
  personId: number | null;
  chatBindingId: number | null;
}

export async function queueWeeklyDigest(
  deps: DigestDeps,
  input: { at: Date; actorLabel: string },
): Promise<WeeklyDigestOutcome> {
  const weekKey = weekKeyOf(input.at, deps.timeZone);
  const batch = `digest:${weekKey}`;
  return inTransaction(
    deps.app.db,
    async (tx) => {
      const settings = await readDigestSettings(tx);
      const digest = await loadDigest(tx, { at: input.at, timeZone: deps.timeZone });
      const repository = new DigestRepository(tx);
      const { admins, groups } = await repository.centerRecipients();
      const localeOf = (language: string | null) =>
        language && isLocale(language) ? language : deps.defaultLocale;
      const recipients: Recipient[] = [
        ...admins
          .filter((person) => person.unreachableSince === null)
          .map((person) => ({
            target: `p${person.id}`,
            chatId: Number(person.telegramUserId),
            locale: localeOf(person.language),
            personId: person.id,
            chatBindingId: null,
          })),
        ...groups.map((group) => ({
          target: `g${group.id}`,
          chatId: Number(group.chatId),
          locale: deps.defaultLocale,
          personId: null,
          chatBindingId: group.id,
        })),
      ];
      const messages = recipients.flatMap((recipient) =>
        digestMessages(deps, digest, { weekKey, batch, at: input.at, audience: "center" }, recipient),
      );
      if (settings.unitHeadSummaries) {
        const heads = await repository.unitHeads(digest.ranking.map((unit) => unit.unitId));
        for (const head of heads) {
          const unit = head.unitId === null ? null : unitLine(digest, head.unitId);
          if (!unit || head.person.unreachableSince !== null) continue;
          const locale = localeOf(head.person.language);
          messages.push({
            dedupeKey: `${batch}:unit${unit.unitId}:p${head.person.id}`,
            chatId: Number(head.person.telegramUserId),
            kind: "digest.unit",
            batch,
            personId: head.person.id,
            payload: {
              method: "sendMessage",
              parse_mode: "HTML",
              text: unitDigestMessage(deps.translator.forLocale(locale), locale, { digest, weekKey, unit })
                .text,
            },
          });
        }
      }
      const { queued, duplicates } = await new OutboxRepository(tx).enqueue(messages);
      await appendAudit(tx, {
        actorLabel: input.actorLabel,
        action: "digest.queued",
        entityType: "Digest",
        entityId: weekKey,
        after: {
          batch,
          queued,
          duplicates,
          at: input.at.toISOString(),
          listSnapshotId: digest.list?.snapshotId ?? null,
        },
      });
      return { kind: "queued", weekKey, batch, queued, duplicates };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** The three messages of one recipient: the text, then the chart, then the workbook. */
function digestMessages(
  deps: DigestDeps,
  digest: Digest,
  context: { weekKey: string; batch: string; at: Date; audience: DigestAudience },
  recipient: Recipient,
): NewOutboxMessage[] {
  const t = deps.translator.forLocale(recipient.locale);
  const key = `${context.batch}:${recipient.target}`;
  const request = { at: context.at, locale: recipient.locale, audience: context.audience };
  const common = {
    chatId: recipient.chatId,
    batch: context.batch,
    personId: recipient.personId,
    chatBindingId: recipient.chatBindingId,
  };
  const text = digestMessage(t, recipient.locale, deps.timeZone, {
    digest,
    weekKey: context.weekKey,
    audience: context.audience,
  }).text;
  return [
    {
      ...common,
      dedupeKey: `${key}:message`,
      kind: "digest.message",
      payload: { method: "sendMessage", parse_mode: "HTML", text },
    },
    {
      ...common,
      dedupeKey: `${key}:chart`,
      kind: "digest.chart",
      payload: {
        method: "sendPhoto",
        attachment: digestAttachment(DIGEST_CHART, request),
        caption: t("digest.chartCaption", { week: context.weekKey }),
      },
    },
    {
      ...common,
      dedupeKey: `${key}:workbook`,
      kind: "digest.workbook",
      payload: {
        method: "sendDocument",
        attachment: digestAttachment(DIGEST_WORKBOOK, request),
        caption: t("digest.workbookCaption", {
          month: digest.list
            ? formatMonth(recipient.locale, digest.list.period.year, digest.list.period.month)
            : "—",
          at: formatDateTime(recipient.locale, context.at, deps.timeZone),
        }),
      },
    },
  ];
}
