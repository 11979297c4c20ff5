// First contact: the person behind a private chat is recorded (or their names refreshed), so
// that what they choose (/lang) can be remembered.
import { isUniqueViolation } from "../../repositories/errors.js";
import { PeopleRepository, type PersonView, type TelegramIdentity } from "../../repositories/people.js";
import type { AppContext } from "../context.js";

export type RecordContactOutcome = { kind: "done"; person: PersonView };

/**
 * Records the Telegram user as a person, or refreshes their names. A first message handled at
 * the same moment elsewhere (another chat, another instance) may insert the person between our
 * look and our insert: the unique violation rolls back this attempt, and the second attempt
 * finds the person and updates them.
 */
export async function recordContact(
  app: AppContext,
  input: { user: TelegramIdentity },
): Promise<RecordContactOutcome> {
  // One statement, atomic on its own: an interactive transaction would only hold a pooled
  // connection longer (a burst of first messages then waits for connections and times out).
  const attempt = () => new PeopleRepository(app.db).upsertContact(input.user);
  const person = await attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
  return { kind: "done", person };
}
