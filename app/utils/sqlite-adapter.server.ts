import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * The SQLite driver adapter as the app needs it (docs/decisions/012-request-overhead.md).
 *
 * 1. Statements wait while a transaction is open. The adapter has ONE connection, and SQLite's
 *    transactions belong to the connection: while `db.$transaction(async (tx) => ...)` awaits
 *    something, a statement from any other request would run inside that transaction, see its
 *    uncommitted rows, and vanish when it rolls back (a support acknowledged to one person,
 *    gone because someone else's report failed). The adapter only makes transactions wait for
 *    each other; here every statement outside them waits for the open one to end, as it would
 *    for the write lock with a connection of its own. (Statements inside a transaction go through
 *    its own object and do not wait.) A `db.` call inside `db.$transaction` instead of `tx.`
 *    therefore waits for its own transaction: Prisma's transaction timeout ends it with an
 *    error rather than silently leaving the transaction.
 * 2. WAL (readers never wait for the writer; stored in the file, so this only matters for a file
 *    made elsewhere) and `synchronous = NORMAL`, a setting of each connection that defaults to
 *    FULL: an fsync of the WAL on every commit, done by better-sqlite3 on the one event-loop
 *    thread (~0.4 ms here per write; every API request writes its rate-limit counter). NORMAL is
 *    SQLite's advice for WAL: a commit survives the process being killed (the robustness test's
 *    kill -9 checks that); a power cut or OS crash can lose the last commits, not consistency.
 * 3. Transactions begin with `BEGIN IMMEDIATE`, taking the write lock at once. The adapter's plain
 *    `BEGIN` takes it at the first write: a transaction that reads first (find, then update)
 *    fails at that write with SQLITE_BUSY_SNAPSHOT, at once and without the busy timeout, when
 *    another process wrote in between (a maintenance script, the end-to-end tests' own writes).
 *    Inside this process transactions already run one at a time, so this costs nothing here.
 *    The BEGIN runs here, before the adapter's startTransaction, whose own BEGIN is a no-op: the
 *    adapter takes its lock and then runs BEGIN, and when that BEGIN failed (another process held
 *    the write lock past the busy timeout) it never released the lock, and every later
 *    transaction of the process waited forever. Likewise a COMMIT (or ROLLBACK) that fails (a
 *    deferred foreign key, a full disk): Prisma then counts the transaction as closed and never
 *    ends it at the adapter, so here it is rolled back if SQLite still has it open and the
 *    adapter's lock is released.
 * 4. Prepared statements are kept (the last STATEMENT_CACHE_SIZE distinct SQL texts) instead of
 *    prepared again for every query: preparing was ~4-6 % of a logged-in page's or a support's
 *    server time. The adapter binds the parameters to the statement it gets, which
 *    better-sqlite3 allows once per statement, so it gets a view that passes them on each run.
 * 5. A direct path to the connection for the hottest statements, past Prisma (DirectSqlite below).
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  /** The open connection's direct path (see DirectSqlite), or null before connect and after dispose. */
  direct: DirectSqlite | null = null;

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    const client = keepStatements(adapter);
    let direct: DirectSqlite | null = null;
    const gated = statementsWaitForTransactions(adapter, {
      begin: () => client.prepare(BEGIN_FOR_REAL).run(),
      inTransaction: () => client.inTransaction,
      onDispose: () => {
        if (this.direct === direct) this.direct = null;
      },
    });
    direct = directSqlite(client, gated.openTransaction);
    this.direct = direct;
    return gated;
  }
}

/** A value as the adapter would bind it (its default "iso8601" format for dates). */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export type SqliteStatement = { sql: string; values: readonly unknown[] };

/**
 * 5. A direct path for the few hottest statements (docs/decisions/012-request-overhead.md):
 *    a statement through Prisma costs ~0.3-1.5 ms here (its query compiler runs for every call,
 *    raw SQL included), the same statement on the connection ~0.02 ms. `query` runs statements
 *    on the adapter's own connection, synchronously, once no transaction is open: the same rule
 *    as every other statement outside a transaction (1.), and nothing can begin in between.
 *    Values are bound as the adapter binds them; rows come back as the driver reads them (dates
 *    as the stored text, numbers as numbers). Never use it for work inside `db.$transaction`.
 */
export type DirectSqlite = {
  /** Runs the statements in order and returns each one's rows; `atomic` wraps them in BEGIN IMMEDIATE ... COMMIT. */
  query<T extends Record<string, unknown>>(
    statements: SqliteStatement[],
    options?: { atomic?: boolean },
  ): Promise<T[][]>;
};

function directSqlite(client: CachedClient, openTransaction: () => Promise<void> | null): DirectSqlite {
  const rowsOf = (statement: SqliteStatement) => {
    const prepared = client.prepare(statement.sql).bind(statement.values.map(sqliteValue));
    if (!prepared.reader) {
      prepared.run();
      return [];
    }
    const names = (prepared.columns() as { name: string }[]).map((column) => column.name);
    return prepared
      .raw(true)
      .all()
      .map((values) => Object.fromEntries(names.map((name, index) => [name, (values as unknown[])[index]])));
  };
  return {
    async query<T extends Record<string, unknown>>(statements: SqliteStatement[], options: { atomic?: boolean } = {}) {
      // Checked right before the statements run, with no await in between (as in 1.).
      for (let open = openTransaction(); open; open = openTransaction()) await open;
      if (!options.atomic) return statements.map(rowsOf) as T[][];
      client.prepare(BEGIN_FOR_REAL).run();
      try {
        const results = statements.map(rowsOf) as T[][];
        client.prepare("COMMIT").run();
        return results;
      } catch (error) {
        // SQLite may have ended the transaction itself (a full disk, an I/O error).
        if (client.inTransaction) client.prepare("ROLLBACK").run();
        throw error;
      }
    },
  };
}

export const STATEMENT_CACHE_SIZE = 500;
const BEGIN_FOR_REAL = "BEGIN IMMEDIATE";
const NO_OP: BindableStatement = {
  reader: false,
  bind: () => NO_OP,
  run: () => ({ changes: 0 }),
  columns: () => [],
  raw: () => ({ all: () => [] }),
};
let prepared = 0;
/** How many statements this process has prepared (for the test that checks they are kept). */
export const preparedStatementCount = () => prepared;

/** The parts of a better-sqlite3 statement the adapter uses. */
type Statement = {
  reader: boolean;
  run(parameters?: unknown[]): unknown;
  columns(): unknown[];
  raw(toggle: boolean): { all(parameters?: unknown[]): unknown[] };
};
type BindableStatement = Statement & { bind(args: unknown[]): Statement };
type CachedClient = { prepare(sql: string): BindableStatement; readonly inTransaction: boolean };

/**
 * The adapter keeps its better-sqlite3 connection in `client` and runs every query as
 * `client.prepare(sql).bind(args)`, then `.run()`, or `.reader`, `.columns()` and
 * `.raw().all()`; it begins a transaction with `client.prepare("BEGIN").run()` and has no option
 * for the mode. Here `prepare` answers from a cache (least recently used out first), with a view
 * that passes the parameters on each call, and makes the adapter's `BEGIN` a no-op (3.).
 * tests/integration/db-utils fails if a new adapter version changes how it uses the client.
 */
function keepStatements(adapter: SqlDriverAdapter): CachedClient {
  const client = (adapter as unknown as { client?: { prepare?: (sql: string) => Statement } }).client;
  if (typeof client?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3: no client.prepare");
  const prepare = client.prepare.bind(client);
  const statements = new Map<string, Statement>();
  client.prepare = (sql: string) => {
    // The adapter's own BEGIN does nothing: the transaction has begun already (3.).
    if (sql === "BEGIN") return NO_OP;
    let statement = statements.get(sql);
    // Deleted and set again: a Map keeps insertion order, so its first key is the least recently used.
    if (statement) statements.delete(sql);
    else {
      statement = prepare(sql);
      prepared += 1;
    }
    statements.set(sql, statement);
    if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    return withParameters(statement, []);
  };
  return client as CachedClient;
}

function withParameters(statement: Statement, parameters: unknown[]): BindableStatement {
  return {
    reader: statement.reader,
    bind: (args) => withParameters(statement, args),
    // An array is what bind(args) took too: its items are the anonymous parameters, in order.
    run: () => statement.run(parameters),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(parameters) }),
  };
}

export function statementsWaitForTransactions(
  adapter: SqlDriverAdapter,
  {
    begin,
    inTransaction,
    onDispose = () => {},
  }: { begin: () => void; inTransaction: () => boolean; onDispose?: () => void },
): SqlDriverAdapter & { openTransaction(): Promise<void> | null } {
  /** Settles when the transaction that started last has ended; the next one waits for it. */
  let lastTransaction: Promise<void> = Promise.resolve();
  /** The open transaction's end, or null when none is open. */
  let open: Promise<void> | null = null;
  // Each method checks `open` right before it hands the statement over (no await in between), so
  // no transaction can begin after the check and take the statement in.

  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    /** The open transaction's end, or null: a statement run synchronously after null runs outside one. */
    openTransaction: () => open,
    async queryRaw(query) {
      while (open) await open;
      return adapter.queryRaw(query);
    },
    async executeRaw(query) {
      while (open) await open;
      return adapter.executeRaw(query);
    },
    async executeScript(script) {
      while (open) await open;
      return adapter.executeScript(script);
    },
    async startTransaction(isolationLevel) {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const previous = lastTransaction;
      lastTransaction = ended;
      await previous;
      open = ended;
      const finish = () => {
        if (open === ended) open = null;
        end();
      };
      let transaction: Transaction;
      try {
        begin();
      } catch (error) {
        finish();
        // As the adapter reports a failed statement (SQLITE_BUSY: "database is locked", ...).
        (adapter as unknown as { onError(error: unknown): never }).onError(error);
        throw error;
      }
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        // The original error is the one to report, not a failed ROLLBACK's.
        await adapter.executeScript("ROLLBACK").catch(() => {});
        finish();
        throw error;
      }
      // The adapter's commit() and rollback() only release its lock: once, whichever comes first.
      let closed = false;
      const close = (end: () => Promise<void>) => {
        if (closed) return Promise.resolve();
        closed = true;
        return end().finally(finish);
      };
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query) => transaction.queryRaw(query),
        async executeRaw(query) {
          try {
            return await transaction.executeRaw(query);
          } catch (error) {
            // Prisma ends a transaction with executeRaw("COMMIT") and then commit(), or the same with
            // ROLLBACK. When the statement fails it counts the transaction as closed and calls
            // neither commit() nor rollback(): end it here, or it would hold the lock for good.
            // (So app code must never send COMMIT or ROLLBACK through `tx` itself: a failing one
            // would end the transaction under Prisma's feet. Nothing in app/ does.)
            if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
              if (inTransaction()) await adapter.executeScript("ROLLBACK").catch(() => {});
              // Never seen: SQLite refusing to roll back. Said loudly, since the statements of
              // other requests would then run inside this transaction.
              if (inTransaction()) console.error("[db] SQLite could not roll back a failed transaction", error);
              await close(() => transaction.rollback());
            }
            throw error;
          }
        },
        commit: () => close(() => transaction.commit()),
        rollback: () => close(() => transaction.rollback()),
      };
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => {
      onDispose();
      return adapter.dispose();
    },
  };
}
