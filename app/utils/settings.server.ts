import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "~/domain/settings";
import { db, type Tx } from "./db.server";

/** Current settings: stored values over the defaults; an invalid stored value falls back. */
export async function getSettings(client: Tx = db): Promise<Settings> {
  const rows = await client.setting.findMany();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    try {
      merged[row.key] = JSON.parse(row.value);
    } catch {
      // Keep the default for a value that is not JSON.
    }
  }
  const parsed = settingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const fallback: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = settingsSchema.shape[key].safeParse(merged[key]);
    if (one.success) fallback[key] = one.data;
  }
  return fallback as Settings;
}

export async function saveSettings(values: Partial<Settings>, client: Tx = db) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    await client.setting.upsert({
      where: { key },
      create: { key, value: JSON.stringify(value) },
      update: { value: JSON.stringify(value) },
    });
  }
}
