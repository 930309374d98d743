import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/buurtbestuurt.db";
/** PDOK BRT-Achtergrondkaart: the Dutch government basemap, free and without a key. */
export const DEFAULT_TILE_URL =
  "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png";
export const DEFAULT_TILE_ATTRIBUTION = 'Kaart &copy; <a href="https://www.kadaster.nl">Kadaster</a>';

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(
      (value) => value.startsWith("file:") || /^postgres(ql)?:\/\//.test(value),
      "DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)",
    ),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  TILE_URL: z.string().min(1).default(DEFAULT_TILE_URL),
  TILE_ATTRIBUTION: z.string().min(1).default(DEFAULT_TILE_ATTRIBUTION),
  UPLOAD_DIR: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  DEMO_DATA: z.enum(["true", "false"]).default("true"),
  // An empty value counts as unset, so `SMTP_URL=` in a .env file means "no SMTP".
  SMTP_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://host:587 or smtps://user:password@host:465")
      .optional(),
  ),
  MAIL_FROM: z.string().min(3).default("Buurt Bestuurt <noreply@buurtbestuurt.test>"),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(2000),
  OPEN311_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});

export type Env = {
  NODE_ENV: "development" | "production" | "test";
  DATABASE_URL: string;
  PORT: number;
  PUBLIC_URL: string;
  TILE_URL: string;
  TILE_ATTRIBUTION: string;
  UPLOAD_DIR: string;
  SESSION_SECRET: string;
  DEMO_DATA: boolean;
  /** Where mail goes; null = mail is only recorded in OutboxMail and shown on /dev/outbox. */
  SMTP_URL: string | null;
  MAIL_FROM: string;
  /** How often the job worker looks for due jobs (milliseconds). */
  JOB_POLL_MS: number;
  /** How often the status of issues sent to other Open311 systems is read back (seconds). */
  OPEN311_POLL_SECONDS: number;
  /** True when PUBLIC_URL is https: cookies get the Secure flag. */
  secureCookies: boolean;
};

/** The SQLite file a DATABASE_URL points at, resolved against the working directory. */
export function databaseFilePath(databaseUrl: string) {
  return path.resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/**
 * The local directory for files that belong with the data: next to the SQLite file, or ./data
 * for PostgreSQL (several app servers then need a shared UPLOAD_DIR and one SESSION_SECRET).
 */
function localDataDir(databaseUrl: string) {
  return databaseUrl.startsWith("file:") ? path.dirname(databaseFilePath(databaseUrl)) : path.resolve("data");
}

/**
 * Without SESSION_SECRET, generate one on first start and keep it next to the database file
 * (mode 0600) so sessions and signed cookies survive restarts on a machine with no settings.
 */
function sessionSecretFromFile(databaseUrl: string) {
  const file = path.join(localDataDir(databaseUrl), ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const value = result.data;
  const publicUrl = (value.PUBLIC_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, "");
  return {
    NODE_ENV: value.NODE_ENV,
    DATABASE_URL: value.DATABASE_URL,
    PORT: value.PORT,
    PUBLIC_URL: publicUrl,
    TILE_URL: value.TILE_URL,
    TILE_ATTRIBUTION: value.TILE_ATTRIBUTION,
    UPLOAD_DIR: path.resolve(value.UPLOAD_DIR ?? path.join(localDataDir(value.DATABASE_URL), "uploads")),
    SESSION_SECRET: value.SESSION_SECRET ?? sessionSecretFromFile(value.DATABASE_URL),
    DEMO_DATA: value.DEMO_DATA === "true",
    SMTP_URL: value.SMTP_URL ?? null,
    MAIL_FROM: value.MAIL_FROM,
    JOB_POLL_MS: value.JOB_POLL_MS,
    OPEN311_POLL_SECONDS: value.OPEN311_POLL_SECONDS,
    secureCookies: publicUrl.startsWith("https://"),
  };
}

let cached: Env | undefined;

/** Validated configuration; the first call (at server start-up) fails fast on bad values. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The only configuration the browser gets. */
export function publicEnv() {
  const { TILE_URL, TILE_ATTRIBUTION } = env();
  return { TILE_URL, TILE_ATTRIBUTION };
}
