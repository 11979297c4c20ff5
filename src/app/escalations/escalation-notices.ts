// Writing an escalation's notices as outbox rows, in the transaction of the decision: who hears
// of it (the unit head, the Center's admins, the People's Committee's viewers) and the key that
// makes each notice once. A sweep can escalate dozens of units at once: each unit head hears of
// their own unit, but the Center's admins get ONE summary of the sweep, never a message per unit.
import type { DbClient } from "../../db/prisma.js";
import type { EscalationNotice } from "../../domain/escalation-sweep.js";
import type { Locale } from "../../domain/locale.js";
import type { OutboxPayload } from "../../domain/outbox.js";
import type { PushPerson } from "../../domain/push.js";
import { type NewOutboxMessage, OutboxRepository } from "../../repositories/outbox.js";
import { PushAudienceRepository } from "../../repositories/push-audience.js";

/** Turns notices into the message one person gets (text and buttons, in their language). */
export interface EscalationNoticeComposer {
  notice(notice: EscalationNotice, recipient: PushPerson): OutboxPayload;
  /** Several notices for the Center at once, as one message. */
  summary(notices: readonly EscalationNotice[], recipient: PushPerson): OutboxPayload;
}

export interface NoticeDeps {
  compose: EscalationNoticeComposer;
  defaultLocale: Locale;
}

type Audience = "unitHeads" | "centerAdmins" | "viewers";

/** Who hears of each kind of notice. */
const AUDIENCES: Record<EscalationNotice["kind"], readonly Audience[]> = {
  unitHead: ["unitHeads"],
  acknowledgeReminder: ["unitHeads"],
  center: ["centerAdmins"],
  proposeClose: ["centerAdmins"],
  peoplesCommittee: ["viewers"],
  closed: ["unitHeads", "centerAdmins"],
};

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
  const audience = new PushAudienceRepository(tx);
  const messages: NewOutboxMessage[] = [];
  const message = (key: string, person: PushPerson, kind: string, batch: string, payload: OutboxPayload) => ({
    dedupeKey: `${key}:p${person.personId}`,
    chatId: person.telegramUserId,
    kind,
    batch,
    personId: person.personId,
    payload,
  });
  const forCenter: EscalationNotice[] = [];
  for (const notice of notices) {
    const audiences = AUDIENCES[notice.kind];
    if (audiences.includes("centerAdmins")) forCenter.push(notice);
    const people = [
      ...(audiences.includes("unitHeads")
        ? await audience.holdersOf("UNIT_HEAD", notice.unit.id, deps.defaultLocale)
        : []),
      ...(audiences.includes("viewers")
        ? await audience.holdersOf("PC_VIEWER", null, deps.defaultLocale)
        : []),
    ];
    const key = `esc:${notice.escalationId}:${notice.kind}:${notice.level}:${occasion}`;
    for (const person of people.filter((candidate) => !candidate.unreachable))
      messages.push(
        message(
          key,
          person,
          `escalation.${notice.kind}`,
          `esc:${notice.escalationId}`,
          deps.compose.notice(notice, person),
        ),
      );
  }
  if (forCenter.length > 0) {
    const admins = (await audience.holdersOf("CENTER_ADMIN", null, deps.defaultLocale)).filter(
      (person) => !person.unreachable,
    );
    const ids = forCenter.map((notice) => `${notice.escalationId}${notice.kind[0]}`).join(".");
    const key = `esc:center:${occasion}:${forCenter.length === 1 ? ids : `${forCenter.length}-${hash(ids)}`}`;
    for (const admin of admins) {
      const payload =
        forCenter.length === 1
          ? deps.compose.notice(forCenter[0] as EscalationNotice, admin)
          : deps.compose.summary(forCenter, admin);
      messages.push(message(key, admin, "escalation.center", `esc:center:${occasion}`, payload));
    }
  }
  const { queued } = await new OutboxRepository(tx).enqueue(messages);
  return queued;
}

/** A short stable fingerprint of the notices a summary covers (its dedupe key stays small). */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value.toString(36);
}
