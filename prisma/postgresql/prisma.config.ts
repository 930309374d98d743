import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The PostgreSQL twin of ../../prisma.config.ts: `prisma <command> --config prisma/postgresql/prisma.config.ts`.
// Schema and migrations here are generated from prisma/schema.prisma by scripts/pg-schema.mjs
// (docs/decisions/009-postgresql-and-spatial-index.md); never edit them by hand.

// @prisma/adapter-pg 6.19 cannot deserialize PostgreSQL's internal `name` (oid 19) and `"char"`
// (oid 18) column types, which the migration engine reads from the catalog, so `migrate deploy`
// fails with "Column type 'name' could not be deserialized". Reading them as text is exact for
// both. Application tables never use these types, so only the CLI needs this.
type PgField = { dataTypeID: number };
const resultPrototype = (pg as unknown as { Result: { prototype: { addFields(fields: PgField[]): void } } }).Result
  .prototype;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (this: unknown, fields: PgField[]) {
  for (const field of fields) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  return addFields.call(this, fields);
};

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(here, "schema.prisma"),
  migrations: { path: path.join(here, "migrations") },
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString || !/^postgres(ql)?:\/\//.test(connectionString)) {
      throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL for this config");
    }
    return new PrismaPg({ connectionString });
  },
});
