// Writing an escalation's notices as outbox rows, in the transaction of the decision: who hears
// of it (the unit head, the Center's admins, the People's Committee's viewers) and the key that
// makes each notice once.
import type { DbClient } from "../../db/prisma.js";
import type { EscalationNotice } from "../../domain/escalation-sweep.js";
import type { Locale } from "../../domain/locale.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { PushPerson } from "../../domain/push.js";
import { OutboxRepository } from "../../repositories/outbox.js";
import { PushAudienceRepository } from "../../repositories/push-audience.js";

/** Turns a notice into the message one person gets (text and buttons, in their language). */
export type EscalationNoticeComposer = (notice: EscalationNotice, recipient: PushPerson) => OutboxPayload;

export interface NoticeDeps {
  compose: EscalationNoticeComposer;
  defaultLocale: Locale;
}

/** Who hears of each kind of notice. */
async function recipientsOf(
  tx: DbClient,
  notice: EscalationNotice,
  defaultLocale: Locale,
): Promise<PushPerson[]> {
  const audience = new PushAudienceRepository(tx);
  switch (notice.kind) {
    case "unitHead":
    case "acknowledgeReminder":
      return audience.holdersOf("UNIT_HEAD", notice.unit.id, defaultLocale);
    case "center":
    case "proposeClose":
      return audience.holdersOf("CENTER_ADMIN", null, defaultLocale);
    case "peoplesCommittee":
      return audience.holdersOf("PC_VIEWER", null, defaultLocale);
    case "closed":
      return [
        ...(await audience.holdersOf("UNIT_HEAD", notice.unit.id, defaultLocale)),
        ...(await audience.holdersOf("CENTER_ADMIN", null, defaultLocale)),
      ];
  }
}

/**
 * Queues the notices; `occasion` tells notices of the same kind apart (a raise to L3 after an
 * L2, a day's acknowledgement reminder), so each is sent once per person.
 */
export async function queueEscalationNotices(
  tx: DbClient,
  deps: NoticeDeps,
  notices: readonly EscalationNotice[],
  occasion: string,
): Promise<number> {
  const messages = [];
  for (const notice of notices) {
    for (const person of await recipientsOf(tx, notice, deps.defaultLocale)) {
      if (person.unreachable) continue;
      messages.push({
        dedupeKey: `esc:${notice.escalationId}:${notice.kind}:${notice.level}:${occasion}:p${person.personId}`,
        chatId: person.telegramUserId,
        kind: `escalation.${notice.kind}`,
        batch: `esc:${notice.escalationId}`,
        personId: person.personId,
        payload: deps.compose(notice, person),
      });
    }
  }
  const { queued } = await new OutboxRepository(tx).enqueue(messages);
  return queued;
}
