// The application's Prisma client, over either database's driver adapter (see database.ts).
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { type Prisma, PrismaClient } from "../generated/prisma/client.js";

/** The client repositories receive. */
export type Db = PrismaClient;

/** The client inside `db.$transaction(async (tx) => ...)`. With PGlite, use only `tx` there. */
export type DbTransaction = Prisma.TransactionClient;

/**
 * What a repository works on: the client itself (one statement, its own implicit transaction)
 * or a transaction a use-case opened with `inTransaction`. A repository never opens one.
 */
export type DbClient = Prisma.TransactionClient;

export interface PrismaClientOptions {
  /** Defaults for interactive transactions (Prisma's: maxWait 2 s, timeout 5 s). */
  transactionOptions?: Prisma.PrismaClientOptions["transactionOptions"];
}

export function createPrismaClient(
  adapterFactory: SqlDriverAdapterFactory,
  options: PrismaClientOptions = {},
): Db {
  return new PrismaClient({ adapter: adapterFactory, ...options });
}
