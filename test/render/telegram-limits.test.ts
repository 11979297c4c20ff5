import { describe, expect, it } from "vitest";
import { fitOneMessage, splitIntoMessages } from "../../src/render/telegram-limits.js";

describe("splitIntoMessages", () => {
  it("joins lines into as few messages as fit, never splitting a line", () => {
    const lines = ["a".repeat(40), "b".repeat(40), "c".repeat(40)];
    expect(splitIntoMessages(lines, 81)).toEqual([`${"a".repeat(40)}\n${"b".repeat(40)}`, "c".repeat(40)]);
    expect(splitIntoMessages(lines, 200)).toEqual([lines.join("\n")]);
  });

  it("cuts a single line longer than the limit, marking the cut", () => {
    const [only] = splitIntoMessages(["x".repeat(50)], 10);
    expect(only).toBe(`${"x".repeat(9)}…`);
  });

  it("gives no message for no lines", () => {
    expect(splitIntoMessages([])).toEqual([]);
  });
});

describe("fitOneMessage", () => {
  it("keeps everything when it fits", () => {
    expect(fitOneMessage(["one", "two"], "…more", 20)).toBe("one\ntwo");
  });

  it("drops the last lines and says so, the ellipsis counted within the limit", () => {
    const text = fitOneMessage(["1234", "5678", "9abcdef"], "(more)", 16);
    expect(text).toBe("1234\n5678\n(more)");
    expect(text.length).toBeLessThanOrEqual(16);
  });
});
