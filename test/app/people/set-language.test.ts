import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { setLanguage } from "../../../src/app/people/set-language.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("setLanguage", (database) => {
  const app = () => appContext(database().prisma);

  it("stores the chosen language with an audit event of the change", async () => {
    const person = await database().prisma.person.create({ data: { telegramUserId: 7101n, language: "vi" } });
    expect(await setLanguage(app(), { personId: person.id, locale: "en" })).toEqual({ kind: "done" });
    expect(await database().prisma.person.findUnique({ where: { id: person.id } })).toMatchObject({
      language: "en",
    });
    const event = await database().prisma.auditEvent.findFirst({
      where: { action: "person.languageChanged", entityId: String(person.id) },
    });
    expect(event).toMatchObject({
      actorId: person.id,
      before: { language: "vi" },
      after: { language: "en" },
    });
  });

  it("is gone for a person who does not exist, and writes nothing", async () => {
    const before = await database().prisma.auditEvent.count();
    expect(await setLanguage(app(), { personId: 999_999, locale: "en" })).toEqual({ kind: "gone" });
    expect(await database().prisma.auditEvent.count()).toBe(before);
  });

  it("of two choices at the same moment, keeps one and audits both", async () => {
    const person = await database().prisma.person.create({ data: { telegramUserId: 7111n } });
    await Promise.all([
      setLanguage(app(), { personId: person.id, locale: "en" }),
      setLanguage(app(), { personId: person.id, locale: "vi" }),
    ]);
    const stored = await database().prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(["en", "vi"]).toContain(stored.language);
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "person.languageChanged", entityId: String(person.id) },
      }),
    ).toBe(2);
  });
});
