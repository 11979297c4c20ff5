import type { Role } from "./roles.js";
import { sha256Hex } from "./sha256.js";

/** Deep-link payloads of invites: a fixed prefix, then 128 random bits in base64url (22 characters). */
export const INVITE_PAYLOAD_PREFIX = "inv_";
const INVITE_CODE = /^[A-Za-z0-9_-]{22}$/;

/** The most uses an officers' invite may have; every other invite is for one person. */
export const MAX_OFFICER_INVITE_USES = 50;

export function inviteCodeFromRandom(random: Buffer): string {
  if (random.length !== 16) throw new Error("an invite code takes exactly 16 random bytes");
  return random.toString("base64url");
}

export function isInviteCode(code: string): boolean {
  return INVITE_CODE.test(code);
}

/** Only this hash is stored: a leaked database does not leak usable links. */
export function hashInviteCode(code: string): string {
  return sha256Hex(code);
}

export function invitePayload(code: string): string {
  return `${INVITE_PAYLOAD_PREFIX}${code}`;
}

/** The code inside a /start payload (well-formed or not), or null when the payload is not an invite's. */
export function inviteCodeOfPayload(payload: string): string | null {
  return payload.startsWith(INVITE_PAYLOAD_PREFIX) ? payload.slice(INVITE_PAYLOAD_PREFIX.length) : null;
}

export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${invitePayload(code)}`;
}

/** How many people may link with an invite: officers' invites may serve a whole team. */
export function allowedUses(role: Role, requested: number): number | null {
  if (!Number.isInteger(requested) || requested < 1) return null;
  if (role !== "OFFICER") return requested === 1 ? 1 : null;
  return requested <= MAX_OFFICER_INVITE_USES ? requested : null;
}

export interface InviteState {
  expiresAt: Date;
  revokedAt: Date | null;
  usedCount: number;
  maxUses: number;
  /** The unit it links to is still active (true for invites without a unit). */
  unitActive: boolean;
  /** Whoever created it may still hand out this role in this unit (a removed head's links die with them). */
  creatorMayInvite: boolean;
}

export type InviteStatus = "valid" | "expired" | "used" | "revoked" | "unitInactive" | "creatorGone";

export function inviteStatus(invite: InviteState, now: Date): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (!invite.unitActive) return "unitInactive";
  if (!invite.creatorMayInvite) return "creatorGone";
  if (invite.usedCount >= invite.maxUses) return "used";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/** Why an invite cannot link this person: its own state, or that they created it themselves. */
export type InviteRefusal = Exclude<InviteStatus, "valid"> | "unknown" | "ownInvite";

/** What stops this person (null: not yet recorded) from using the invite now, or null when nothing does. */
export function refusalFor(
  invite: (InviteState & { createdById: number | null }) | null,
  personId: number | null,
  now: Date,
): InviteRefusal | null {
  if (!invite) return "unknown";
  if (personId !== null && invite.createdById === personId) return "ownInvite";
  const status = inviteStatus(invite, now);
  return status === "valid" ? null : status;
}

export function inviteExpiry(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * 24 * 3600 * 1000);
}

export interface GuessingPolicy {
  maxFailures: number;
  windowMinutes: number;
}

export const DEFAULT_GUESSING_POLICY: GuessingPolicy = { maxFailures: 5, windowMinutes: 15 };

/**
 * Whether a user who keeps sending wrong invite codes must wait: after `maxFailures` failures
 * inside the window, until the oldest of them leaves it. Returns the minutes left, or 0.
 */
export function guessingLockoutMinutes(
  failuresInWindow: readonly Date[],
  now: Date,
  policy: GuessingPolicy = DEFAULT_GUESSING_POLICY,
): number {
  const windowMs = policy.windowMinutes * 60_000;
  const recent = failuresInWindow
    .filter((at) => now.getTime() - at.getTime() < windowMs)
    .sort((a, b) => b.getTime() - a.getTime());
  if (recent.length < policy.maxFailures) return 0;
  const oldestCounted = recent[policy.maxFailures - 1] as Date;
  return Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 60_000));
}
