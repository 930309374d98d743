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
 * 4. Prepared statements are kept (the last STATEMENT_CACHE_SIZE distinct SQL texts) instead of
 *    prepared again for every query: preparing was ~4-6 % of a logged-in page's or a support's
 *    server time. The adapter binds the parameters to the statement it gets, which
 *    better-sqlite3 allows once per statement, so it gets a view that passes them on each run.
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    keepStatements(adapter);
    return statementsWaitForTransactions(adapter);
  }
}

export const STATEMENT_CACHE_SIZE = 500;
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

/**
 * The adapter keeps its better-sqlite3 connection in `client` and runs every query as
 * `client.prepare(sql).bind(args)`, then `.run()`, or `.reader`, `.columns()` and
 * `.raw().all()`; it begins a transaction with `client.prepare("BEGIN").run()` and has no option
 * for the mode. Here `prepare` answers from a cache (least recently used out first), with a view
 * that passes the parameters on each call, and makes `BEGIN` a `BEGIN IMMEDIATE`.
 * tests/integration/db-utils fails if a new adapter version changes how it uses the client.
 */
function keepStatements(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: { prepare?: (sql: string) => Statement } }).client;
  if (typeof client?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3: no client.prepare");
  const prepare = client.prepare.bind(client);
  const statements = new Map<string, Statement>();
  client.prepare = (sql: string) => {
    const text = sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql;
    let statement = statements.get(text);
    // Deleted and set again: a Map keeps insertion order, so its first key is the least recently used.
    if (statement) statements.delete(text);
    else {
      statement = prepare(text);
      prepared += 1;
    }
    statements.set(text, statement);
    if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    return withParameters(statement, []);
  };
}

function withParameters(statement: Statement, parameters: unknown[]): Statement & { bind(args: unknown[]): Statement } {
  return {
    reader: statement.reader,
    bind: (args) => withParameters(statement, args),
    // An array is what bind(args) took too: its items are the anonymous parameters, in order.
    run: () => statement.run(parameters),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(parameters) }),
  };
}

export function statementsWaitForTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  /** Settles when the transaction that started last has ended; the next one waits for it. */
  let lastTransaction: Promise<void> = Promise.resolve();
  /** The open transaction's end, or null when none is open. */
  let open: Promise<void> | null = null;
  // Each method checks `open` right before it hands the statement over (no await in between), so
  // no transaction can begin after the check and take the statement in.

  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
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
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        finish();
        throw error;
      }
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query) => transaction.queryRaw(query),
        executeRaw: (query) => transaction.executeRaw(query),
        commit: () => transaction.commit().finally(finish),
        rollback: () => transaction.rollback().finally(finish),
      };
    },
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
  };
}
