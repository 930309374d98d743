import { describe, expect, test } from "vitest";
import { plan, toPostgresSchema } from "../../scripts/pg-schema.mjs";

// prisma/postgresql/ is generated from prisma/schema.prisma (scripts/pg-schema.mjs): this fails
// when someone changed the schema or added hand-written SQLite SQL without regenerating it.
describe("generated PostgreSQL schema and migrations", () => {
  test("are up to date with prisma/schema.prisma and the SQLite migrations", () => {
    const current = plan();
    expect(current.problems).toEqual([]);
    expect(current.reasons, "run `npm run db:pg-schema` and commit prisma/postgresql/").toEqual([]);
  });

  test("the mapping changes the provider and client output only", () => {
    const source = `generator client {\n  provider   = "prisma-client"\n  output     = "../app/generated/prisma"\n}\n\ndatasource db {\n  provider = "sqlite"\n  url      = "file:./data.db"\n}\n\nmodel A {\n  id Int @id\n}\n`;
    const schema: string = toPostgresSchema(source);
    expect(schema).toContain('provider = "postgresql"');
    expect(schema).toContain('output     = "../../app/generated/prisma-pg"');
    expect(schema).not.toContain("sqlite");
    expect(schema).toContain("model A {\n  id Int @id\n}");
    expect(() => toPostgresSchema(source.replace("id Int @id", "id String @id @db.Text"))).toThrow(/@db\.Text/);
  });
});
