// PostgreSQL backup and restore (scripts/backup.mjs → pg_dump, scripts/restore.mjs →
// pg_restore) on a throwaway PostgreSQL 15 cluster (scripts/pg-cluster.mjs).
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createDatabase, startCluster, stopCluster } from "../../scripts/pg-cluster.mjs";
import { assertEqual, check, ROOT, serverEnv } from "./lib.mjs";

const TABLES = ["User", "Issue", "Support", "Comment", "Buurt", "Theme", "AuditEntry", "ChangeCounter"];

async function counts(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = {};
    for (const table of TABLES)
      result[table] = Number((await client.query(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0].n);
    return result;
  } finally {
    await client.end();
  }
}

export async function runPostgresBackupCheck({ dir }) {
  console.log("PostgreSQL backup and restore");
  await check("pg_dump backup of a seeded database restores into a new database with the same rows", async () => {
    const cluster = await startCluster();
    try {
      const source = await createDatabase(cluster, "app");
      const env = { ...serverEnv({ dir, port: 3289, databaseFile: "" }), DATABASE_URL: source };
      execFileSync(process.execPath, [path.join(ROOT, "scripts", "prepare-db.mjs")], { cwd: ROOT, env, stdio: "pipe" });
      const before = await counts(source);
      const file = path.join(dir, "pg-backup.dump");
      execFileSync(process.execPath, [path.join(ROOT, "scripts", "backup.mjs"), file], {
        cwd: ROOT,
        env,
        stdio: "pipe",
      });
      // A write after the backup must not be in the restored copy.
      const client = new pg.Client({ connectionString: source });
      await client.connect();
      await client.query(`UPDATE "ChangeCounter" SET "value" = "value" + 1000`);
      await client.query(`DELETE FROM "Support"`);
      await client.end();
      const target = await createDatabase(cluster, "restored");
      execFileSync(process.execPath, [path.join(ROOT, "scripts", "restore.mjs"), file, target], {
        cwd: ROOT,
        env,
        stdio: "pipe",
      });
      const restored = await counts(target);
      for (const table of TABLES) assertEqual(restored[table], before[table], `rows of ${table}`);
      console.log(`      ${before.Issue} issues, ${before.Support} supports restored`);
    } finally {
      await stopCluster(cluster);
    }
  });
}
