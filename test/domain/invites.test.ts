import { describe, expect, it } from "vitest";
import {
  allowedUses,
  guessingLockoutMinutes,
  hashInviteCode,
  inviteCodeFromRandom,
  inviteCodeOfPayload,
  inviteExpiry,
  inviteLink,
  inviteStatus,
  isInviteCode,
  MAX_OFFICER_INVITE_USES,
} from "../../src/domain/invites.js";

const now = new Date("2026-12-01T03:00:00Z");
const good = {
  expiresAt: inviteExpiry(now, 7),
  revokedAt: null,
  usedCount: 0,
  maxUses: 1,
  unitActive: true,
  creatorMayInvite: true,
};

describe("invite codes", () => {
  it("are 128 random bits written in 22 URL-safe characters, stored only as a hash", () => {
    const code = inviteCodeFromRandom(Buffer.alloc(16, 0xff));
    expect(code).toHaveLength(22);
    expect(isInviteCode(code)).toBe(true);
    expect(hashInviteCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteCode(code)).not.toContain(code);
    expect(() => inviteCodeFromRandom(Buffer.alloc(8))).toThrow();
  });

  it("travel in a t.me deep link that fits Telegram's 64-character start payload", () => {
    const code = inviteCodeFromRandom(Buffer.alloc(16, 1));
    const link = inviteLink("dondoc_bot", code);
    const payload = new URL(link).searchParams.get("start") ?? "";
    expect(link.startsWith("https://t.me/dondoc_bot?start=inv_")).toBe(true);
    expect(payload.length).toBeLessThanOrEqual(64);
    expect(inviteCodeOfPayload(payload)).toBe(code);
    expect(inviteCodeOfPayload("something_else")).toBeNull();
  });
});

describe("inviteStatus", () => {
  it("tells valid, expired, used, revoked, inactive-unit and orphaned invites apart", () => {
    expect(inviteStatus(good, now)).toBe("valid");
    expect(inviteStatus(good, new Date(good.expiresAt.getTime()))).toBe("expired");
    expect(inviteStatus({ ...good, usedCount: 1 }, now)).toBe("used");
    expect(inviteStatus({ ...good, revokedAt: now, usedCount: 1 }, now)).toBe("revoked");
    expect(inviteStatus({ ...good, unitActive: false }, now)).toBe("unitInactive");
    expect(inviteStatus({ ...good, maxUses: 5, usedCount: 4 }, now)).toBe("valid");
    expect(inviteStatus({ ...good, creatorMayInvite: false }, now)).toBe("creatorGone");
  });

  it("lasts the configured number of days", () => {
    expect(inviteExpiry(now, 7).toISOString()).toBe("2026-12-08T03:00:00.000Z");
  });
});

describe("allowedUses", () => {
  it("allows several uses only for officers' invites, up to a cap", () => {
    expect(allowedUses("OFFICER", 10)).toBe(10);
    expect(allowedUses("OFFICER", MAX_OFFICER_INVITE_USES + 1)).toBeNull();
    expect(allowedUses("UNIT_HEAD", 1)).toBe(1);
    expect(allowedUses("UNIT_HEAD", 2)).toBeNull();
    expect(allowedUses("CENTER_ADMIN", 3)).toBeNull();
    expect(allowedUses("OFFICER", 0)).toBeNull();
  });
});

describe("guessingLockoutMinutes", () => {
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it("lets a few mistakes pass", () => {
    expect(guessingLockoutMinutes([1, 2, 3, 4].map(minutesAgo), now)).toBe(0);
  });

  it("locks after five wrong codes in fifteen minutes until the oldest of them ages out", () => {
    expect(guessingLockoutMinutes([1, 2, 3, 4, 10].map(minutesAgo), now)).toBe(5);
    expect(guessingLockoutMinutes([0, 0, 0, 0, 0].map(minutesAgo), now)).toBe(15);
  });

  it("forgets failures older than the window", () => {
    expect(guessingLockoutMinutes([1, 2, 3, 20, 30].map(minutesAgo), now)).toBe(0);
  });
});
