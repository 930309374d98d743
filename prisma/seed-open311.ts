import { createHash } from "node:crypto";

/** The demo Open311 key (README). Only its SHA-256 is stored, like every API key. */
export const DEMO_OPEN311_KEY = "demo-open311-key";

type ApiKeyClient = {
  apiKey: {
    upsert(args: {
      where: { keyHash: string };
      create: { name: string; keyHash: string };
      update: Record<string, never>;
    }): Promise<unknown>;
  };
};

/**
 * Inserts the demo Open311 API key (idempotent). Call it from the demo seed inside its
 * transaction: `await seedOpen311(tx)` (or with the PrismaClient itself).
 */
export async function seedOpen311(tx: ApiKeyClient) {
  const keyHash = createHash("sha256").update(DEMO_OPEN311_KEY, "utf8").digest("hex");
  await tx.apiKey.upsert({
    where: { keyHash },
    create: { name: "Demo Open311-client", keyHash },
    update: {},
  });
}
