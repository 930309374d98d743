// kill -9 in the middle of a burst of reports and supports; after a restart the database must
// be intact and hold every write the server acknowledged. Also: online backup during writes
// and a restore from it (scripts/backup.mjs, scripts/restore.mjs).
import { execFileSync } from "node:child_process";
import path from "node:path";
import {
  assert,
  assertEqual,
  check,
  createResident,
  createSessionCookie,
  multipartBody,
  openDatabase,
  prng,
  request,
  ROOT,
} from "./lib.mjs";

/** Residents with sessions, public open issues to support, a theme and a buurt to report in. */
function prepare(databaseFile, residents) {
  const db = openDatabase(databaseFile);
  const users = Array.from({ length: residents }, (_, index) => {
    const id = createResident(db, index);
    return { id, cookie: createSessionCookie(db, id).cookie };
  });
  const issues = db
    .prepare(`SELECT "id" FROM "Issue" WHERE "visibility" = 'public' AND "closedAt" IS NULL ORDER BY "id" LIMIT 40`)
    .all()
    .map((row) => row.id);
  const theme = db.prepare(`SELECT "code" FROM "Theme" WHERE "retiredAt" IS NULL ORDER BY "code" LIMIT 1`).get().code;
  const buurt = db.prepare(`SELECT "code" FROM "Buurt" ORDER BY "code" LIMIT 1`).get().code;
  db.close();
  return { users, issues, theme, buurt };
}

/**
 * One write: a report (multipart, like the form) or a support. Resolves with what the server
 * acknowledged (2xx/3xx), or null when the request failed or was refused.
 */
async function write(port, random, fixture, sequence) {
  const user = random.pick(fixture.users);
  const headers = { cookie: user.cookie, "x-forwarded-for": `10.9.${(sequence >> 8) & 255}.${sequence & 255}` };
  try {
    if (random.chance(0.35)) {
      const title = `Losliggende stoeptegel nummer ${sequence}`;
      const { body, contentType } = multipartBody([
        ["themeCode", fixture.theme],
        ["title", title],
        ["description", "Een tegel ligt los bij de bushalte, struikelgevaar voor ouderen."],
        ["locationMode", "omschrijving"],
        ["buurtCode", fixture.buurt],
        ["placeDescription", "Bij de bushalte"],
      ]);
      const response = await request(port, {
        method: "POST",
        path: "/meldingen/nieuw",
        headers: { ...headers, "content-type": contentType },
        body,
      });
      if (response.status !== 302 && response.status !== 303) return null;
      const id = Number(/\/meldingen\/(\d+)/.exec(response.headers.location ?? "")?.[1]);
      return Number.isSafeInteger(id) ? { kind: "report", id, title, userId: user.id } : null;
    }
    const issueId = random.pick(fixture.issues);
    const response = await request(port, {
      method: "POST",
      path: `/meldingen/${issueId}/steun`,
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=support",
    });
    return response.status === 200 ? { kind: "support", issueId, userId: user.id } : null;
  } catch {
    return null; // cut off by the kill: not acknowledged
  }
}

function verifyDatabase(databaseFile, acknowledged) {
  const db = openDatabase(databaseFile, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    assertEqual(integrity, "ok", "PRAGMA integrity_check");
    const foreignKeys = db.pragma("foreign_key_check");
    assertEqual(foreignKeys.length, 0, "PRAGMA foreign_key_check rows");
    const issue = db.prepare(`SELECT "title", "reporterId" FROM "Issue" WHERE "id" = ?`);
    const support = db.prepare(`SELECT 1 FROM "Support" WHERE "issueId" = ? AND "userId" = ?`);
    let missing = 0;
    for (const write of acknowledged) {
      if (write.kind === "report") {
        const row = issue.get(write.id);
        if (!row || row.title !== write.title || row.reporterId !== write.userId) missing += 1;
      } else if (!support.get(write.issueId, write.userId)) {
        missing += 1;
      }
    }
    assertEqual(missing, 0, `acknowledged writes missing (of ${acknowledged.length})`);
    const drift = db
      .prepare(
        `SELECT COUNT(*) AS n FROM "Issue" i WHERE i."supportCount" <> (SELECT COUNT(*) FROM "Support" s WHERE s."issueId" = i."id")`,
      )
      .get().n;
    assertEqual(drift, 0, "issues whose supportCount differs from their Support rows");
  } finally {
    db.close();
  }
}

export async function runCrashCheck({ startServer, dir, port, databaseFile, seed = 909 }) {
  const fixture = prepare(databaseFile, 30);
  const random = prng(seed);
  const acknowledged = [];
  let server = await startServer({ dir, port, databaseFile });
  let killedDuring = 0;
  await check("kill -9 during a burst of reports and supports loses no acknowledged write", async () => {
    let sequence = 0;
    let stop = false;
    const inFlight = new Set();
    const burst = async () => {
      while (!stop) {
        const promise = write(port, random, fixture, sequence++);
        inFlight.add(promise);
        const result = await promise;
        inFlight.delete(promise);
        if (result) acknowledged.push(result);
      }
    };
    const workers = Array.from({ length: 12 }, burst);
    // Let the burst get going, then kill the server without warning while requests are open.
    while (acknowledged.length < 60) await new Promise((resolve) => setTimeout(resolve, 20));
    killedDuring = inFlight.size;
    server.child.kill("SIGKILL");
    await server.exit;
    stop = true;
    await Promise.all(workers);
    assert(killedDuring > 0, "no request was open at the kill");
    // The database as the crash left it (a hot journal is rolled back by the next open).
    server = await startServer({ dir, port, databaseFile });
    verifyDatabase(databaseFile, acknowledged);
    const reports = acknowledged.filter((w) => w.kind === "report").length;
    console.log(`      ${acknowledged.length} acknowledged (${reports} reports), ${killedDuring} open at the kill`);
    // The restarted server answers and serves the acknowledged issues.
    const last = acknowledged.filter((w) => w.kind === "report").at(-1);
    if (last)
      assertEqual(
        (await request(port, { path: `/meldingen/${last.id}`, headers: { cookie: fixture.users[0].cookie } })).status,
        200,
        "issue page after restart",
      );
  });
  await server.stop();
}

export async function runBackupCheck({ startServer, dir, port, databaseFile, seed = 4242 }) {
  const fixture = prepare(databaseFile, 10);
  const random = prng(seed);
  const server = await startServer({ dir, port, databaseFile });
  const backupFile = path.join(dir, "online-backup.db");
  const restoredFile = path.join(dir, "restored.db");
  try {
    await check(
      "online backup during writes, restored into a new file, holds the writes acknowledged before it",
      async () => {
        const before = [];
        for (let i = 0; i < 20; i += 1) {
          const result = await write(port, random, fixture, i);
          if (result) before.push(result);
        }
        assert(before.length >= 15, `only ${before.length} writes acknowledged before the backup`);
        // Keep writing while the backup runs.
        let stop = false;
        let during = 0;
        const writer = (async () => {
          for (let i = 100; !stop; i += 1) if (await write(port, random, fixture, i)) during += 1;
        })();
        const env = { ...process.env, DATABASE_URL: `file:${databaseFile}` };
        execFileSync(process.execPath, [path.join(ROOT, "scripts", "backup.mjs"), backupFile], { env, stdio: "pipe" });
        stop = true;
        await writer;
        execFileSync(process.execPath, [path.join(ROOT, "scripts", "restore.mjs"), backupFile, restoredFile], {
          env: { ...process.env, DATABASE_URL: `file:${restoredFile}` },
          stdio: "pipe",
        });
        verifyDatabase(restoredFile, before);
        console.log(`      ${before.length} writes before the backup, ${during} during it`);
      },
    );
  } finally {
    await server.stop();
  }
}
