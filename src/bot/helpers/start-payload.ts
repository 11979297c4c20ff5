import type { BotContext } from "../context.js";

/**
 * Handles a `/start <payload>` deep link. Returns true when the payload was its kind (for
 * example an invite code), whether or not it was accepted. Features that own a kind of link
 * (invites) make one; the start feature asks each in turn.
 */
export type StartPayloadHandler = (ctx: BotContext, payload: string) => Promise<boolean>;
