import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma as SqlitePrisma } from "~/generated/prisma/client";
import { PrismaClient as PgPrismaClient, type Prisma as PgPrisma } from "~/generated/prisma-pg/client";
import { env } from "./env.server";
import { SqliteAdapterFactory, type DirectSqlite } from "./sqlite-adapter.server";

/**
 * One database module for both providers (docs/decisions/009-postgresql-and-spatial-index.md):
 * a `file:` DATABASE_URL gets the SQLite client, a `postgres://` one the client generated from
 * prisma/postgresql/schema.prisma. Both are generated from the same models, so the app is typed
 * against the SQLite client and the PostgreSQL client stands in for it (checked below).
 */

/** A Prisma client or the client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseProvider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)");
}

/** Which database this process talks to, for the few statements that differ (sql.server.ts). */
export function databaseProvider(): DatabaseProvider {
  return providerOf(env().DATABASE_URL);
}

// Compile-time proof that the PostgreSQL client can stand in for the SQLite one: for every
// model and operation, the arguments the app may pass (typed by the SQLite client) are accepted
// by the PostgreSQL client, and both return the same columns. If the two generated schemas ever
// drift apart, `tsc` fails on the `true` below instead of a query failing at run time.
type SqliteModels = SqlitePrisma.TypeMap["model"];
type PgModels = PgPrisma.TypeMap["model"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ArgsOf<Operation> = Operation extends { args: infer Args } ? Args : never;
type ModelMismatches = {
  [M in keyof SqliteModels]: M extends keyof PgModels
    ? Same<SqliteModels[M]["payload"]["scalars"], PgModels[M]["payload"]["scalars"]> extends false
      ? `${M & string}: columns differ`
      : {
          [O in keyof SqliteModels[M]["operations"]]: O extends keyof PgModels[M]["operations"]
            ? [ArgsOf<SqliteModels[M]["operations"][O]>] extends [ArgsOf<PgModels[M]["operations"][O]>]
              ? never
              : `${M & string}.${O & string}: arguments not accepted`
            : `${M & string}.${O & string}: missing`;
        }[keyof SqliteModels[M]["operations"]]
    : `${M & string}: missing`;
}[keyof SqliteModels];
export const pgClientIsCompatible: Same<ModelMismatches, never> = true;

const globalForDb = globalThis as unknown as {
  __db?: PrismaClient;
  __sqliteFactories?: WeakMap<object, SqliteAdapterFactory>;
};
const sqliteFactories = (globalForDb.__sqliteFactories ??= new WeakMap());

export function createDb(databaseUrl: string): PrismaClient {
  if (providerOf(databaseUrl) === "postgresql") {
    const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    return client as unknown as PrismaClient;
  }
  const factory = new SqliteAdapterFactory({ url: databaseUrl });
  const client = new PrismaClient({ adapter: factory });
  sqliteFactories.set(client, factory);
  return client;
}

/** One client per process, kept across dev-server reloads. */
export const db: PrismaClient = (globalForDb.__db ??= createDb(env().DATABASE_URL));

/**
 * The direct path to the SQLite connection of `client` (sqlite-adapter.server.ts, 5.), or null:
 * on PostgreSQL, inside a transaction (`tx` is another object), or before the first query connected.
 */
export function directSqlite(client: Tx = db): DirectSqlite | null {
  return sqliteFactories.get(client)?.direct ?? null;
}

/**
 * A `contains` filter that ignores case on both providers, as the app's searches expect:
 * SQLite's LIKE already ignores ASCII case, PostgreSQL's LIKE does not, so there it becomes
 * ILIKE (Prisma's mode "insensitive", which the SQLite client's types do not know). ILIKE also
 * folds non-ASCII letters (É = é), a difference only in PostgreSQL's favour.
 */
export function containsIgnoringCase(value: string): { contains: string } {
  if (databaseProvider() === "postgresql") return { contains: value, mode: "insensitive" } as { contains: string };
  return { contains: value };
}
