import { describe, expect, it } from "vitest";
import {
  estimatedSeconds,
  type PushPerson,
  type PushUnitAudience,
  pushBatchKey,
  pushDedupeKey,
  pushRecipients,
} from "../../src/domain/push.js";

const person = (personId: number, unreachable = false): PushPerson => ({
  personId,
  telegramUserId: 1000 + personId,
  name: `P${personId}`,
  locale: "vi",
  unreachable,
});
const group = { chatBindingId: 7, chatId: -1007, title: "Nhóm", unreachable: false };

function unit(overrides: Partial<PushUnitAudience>): PushUnitAudience {
  return { unitId: 3, pushTarget: "BOTH", heads: [person(1)], officers: [person(2)], group, ...overrides };
}

const kinds = (audience: PushUnitAudience) =>
  pushRecipients(audience).recipients.map((recipient) =>
    recipient.kind === "group"
      ? `group:${recipient.group.chatBindingId}`
      : `${recipient.kind}:${recipient.person.personId}`,
  );

describe("pushRecipients", () => {
  it.each([
    ["BOTH", ["head:1", "officer:2", "group:7"]],
    ["PRIVATE", ["head:1", "officer:2"]],
    ["GROUP", ["head:1", "group:7"]],
  ] as const)("with the setting %s: %j", (pushTarget, expected) => {
    expect(kinds(unit({ pushTarget }))).toEqual(expected);
  });

  it("sends a head who is also an officer one card, not a notice too", () => {
    expect(kinds(unit({ officers: [person(1), person(2)] }))).toEqual(["head:1", "officer:2", "group:7"]);
  });

  it("lists the people and groups it cannot reach instead of sending to them", () => {
    const result = pushRecipients(
      unit({ heads: [person(1, true)], group: { ...group, unreachable: true }, officers: [] }),
    );
    expect(result.recipients).toEqual([]);
    expect(result.unreachable.map((entry) => entry.kind)).toEqual(["person", "group"]);
  });

  it("a unit without a group or people has nobody to receive it", () => {
    expect(pushRecipients(unit({ heads: [], officers: [], group: null })).recipients).toEqual([]);
  });
});

describe("push keys", () => {
  const snapshots = { periodKey: "2025-03", scoreSnapshotId: 4, overdueSnapshotId: 5 };

  it("differ per recipient, kind and snapshot", () => {
    const [head, officer, groupRecipient] = pushRecipients(unit({})).recipients;
    if (!head || !officer || !groupRecipient) throw new Error("expected three recipients");
    const keys = [head, officer, groupRecipient].map((recipient) => pushDedupeKey(snapshots, recipient));
    expect(new Set(keys).size).toBe(3);
    expect(pushDedupeKey({ ...snapshots, overdueSnapshotId: 6 }, head)).not.toBe(keys[0]);
    expect(keys[0]).toBe("push:2025-03:s4:o5:head:u3:p1");
  });

  it("name the batch by period and snapshots", () => {
    expect(pushBatchKey({ periodKey: "2025-03", scoreSnapshotId: null, overdueSnapshotId: 5 })).toBe(
      "push:2025-03:s0:o5",
    );
  });
});

describe("estimatedSeconds", () => {
  it.each([
    [0, 25, 0],
    [25, 25, 1],
    [1000, 25, 40],
    [26, 25, 2],
  ])("%i messages at %i/s take %i s", (messages, rate, seconds) => {
    expect(estimatedSeconds(messages, rate)).toBe(seconds);
  });
});
