// /lang: the language a person chose is stored on their record.
import type { Locale } from "../../config.js";
import { inTransaction } from "../../db/transaction.js";
import { appendAudit } from "../../repositories/audit.js";
import { PeopleRepository } from "../../repositories/people.js";
import type { AppContext } from "../context.js";

export type SetLanguageOutcome = { kind: "done" } | { kind: "gone" };

/** A person changes their own language; nobody else may, so there is no policy to ask. */
export async function setLanguage(
  app: AppContext,
  input: { personId: number; locale: Locale },
): Promise<SetLanguageOutcome> {
  return inTransaction(app.db, async (tx) => {
    const people = new PeopleRepository(tx);
    const before = await people.choicesOf(input.personId);
    if (!before) return { kind: "gone" };
    await people.setLanguage(input.personId, input.locale);
    await appendAudit(tx, {
      actorId: input.personId,
      action: "person.languageChanged",
      entityType: "Person",
      entityId: input.personId,
      before: { language: before.language },
      after: { language: input.locale },
    });
    return { kind: "done" };
  });
}
