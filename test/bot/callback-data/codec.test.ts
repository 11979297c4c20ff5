import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCallbackData } from "../../../src/bot/callback-data/codec.js";
import { chooseLanguageData } from "../../../src/bot/callback-data/language.js";

const dossierAction = defineCallbackData("dos", {
  action: z.enum(["cause", "resolve"]),
  id: z.coerce.number().int().positive(),
});

describe("callback data", () => {
  it("packs and unpacks typed values", () => {
    const data = dossierAction.pack({ action: "resolve", id: 4821 });
    expect(data).toBe("dos:resolve:4821");
    expect(dossierAction.unpack(data)).toEqual({ action: "resolve", id: 4821 });
    expect(dossierAction.filter.test(data)).toBe(true);
    expect(chooseLanguageData.unpack(chooseLanguageData.pack({ locale: "en" }))).toEqual({ locale: "en" });
  });

  it("rejects forged or malformed data", () => {
    for (const forged of [
      "dos:resolve",
      "dos:delete:1",
      "dos:resolve:-4",
      "dos:resolve:1:2",
      "x:resolve:1",
      "lang:fr",
    ]) {
      expect(dossierAction.unpack(forged) ?? chooseLanguageData.unpack(forged)).toBeNull();
    }
  });

  it("refuses to build data Telegram would reject", () => {
    const long = defineCallbackData("long", { text: z.string() });
    expect(() => long.pack({ text: "x".repeat(60) })).toThrow(/64 bytes/);
    // Vietnamese letters take two or three bytes each.
    expect(() => long.pack({ text: "đ".repeat(30) })).toThrow(/64 bytes/);
    expect(() => long.pack({ text: "a:b" })).toThrow(/:/);
  });
});
