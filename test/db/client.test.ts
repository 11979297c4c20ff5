import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import {
  createTestDatabase,
  databaseLabel,
  describePostgres,
  type TestDatabase,
} from "../support/test-database.js";

function clientBehaviour(kind: "pglite" | "postgres") {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ kind });
  });
  afterAll(() => database?.drop());

  it("reads a UnitScore total of 58.3 back as exactly 58.3", async () => {
    const { prisma } = database;
    const unit = await prisma.unit.create({ data: { nameVi: "Sở Tư pháp", normalizedName: "so tu phap" } });
    const score = await prisma.unitScore.create({
      data: {
        total: "58.3",
        publicity: new Prisma.Decimal("17.25"),
        unit: { connect: { id: unit.id } },
        snapshot: {
          create: {
            kind: "UNIT_SCORES",
            asOf: new Date("2025-04-11T00:00:00Z"),
            source: "test",
            period: { create: { year: 2025, month: 3 } },
            importBatch: {
              create: {
                kind: "UNIT_SCORES",
                source: "CLI",
                fileName: "t.xlsx",
                fileSha256: "0",
                rowCount: 1,
                summary: {},
              },
            },
          },
        },
      },
    });
    const read = await prisma.unitScore.findUniqueOrThrow({ where: { id: score.id } });
    expect(read.total).toBeInstanceOf(Prisma.Decimal);
    expect(read.total.toString()).toBe("58.3");
    expect(read.publicity?.toString()).toBe("17.25");
    expect(read.progress).toBeNull();
  });

  it("reports a unique violation as P2002", async () => {
    const { prisma } = database;
    await prisma.unit.create({ data: { nameVi: "Xã A", normalizedName: "xa a" } });
    const failure = await prisma.unit
      .create({ data: { nameVi: "Xã A (bis)", normalizedName: "xa a" } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(failure).toMatchObject({ code: "P2002" });
  });
}

describe(`the Prisma client on ${databaseLabel("pglite")}`, () => clientBehaviour("pglite"));
describePostgres("the Prisma client", () => clientBehaviour("postgres"));
