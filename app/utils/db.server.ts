import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

/** A Prisma client or the client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient };

/** One client per process, kept across dev-server reloads. */
export const db: PrismaClient = (globalForDb.__db ??= createDb(env().DATABASE_URL));
