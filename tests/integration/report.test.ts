import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { action as reportAction, loader as reportLoader } from "~/routes/meldingen.nieuw";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createUser, sessionCookieFor } from "../db-utils";

// A point on the Kazernestraat side of Blerick-Centrum, and one in the Maas east of Blerick.
const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const IN_THE_MAAS = { lat: 51.3645, lng: 6.172 };

async function post(
  cookie: string | null,
  fields: Record<string, string>,
  photo?: { bytes: Buffer; name: string; type: string },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (photo) form.set("photo", new Blob([new Uint8Array(photo.bytes)], { type: photo.type }), photo.name);
  const request = new Request("http://localhost/meldingen/nieuw", {
    method: "POST",
    body: form,
    headers: cookie ? { Cookie: cookie } : {},
  });
  try {
    return (await reportAction({ request, params: {}, context: {} })) as
      Response | { data: unknown; init: ResponseInit };
  } catch (thrown) {
    return thrown as Response;
  }
}

function statusOf(result: unknown) {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } }).init?.status ?? 200;
}

function errorsOf(result: unknown) {
  const data = (result as { data: { result: { error?: Record<string, string[]> } } }).data;
  return data.result.error ?? {};
}

const valid = {
  locationMode: "kaart",
  lat: String(IN_BLERICK.lat),
  lng: String(IN_BLERICK.lng),
  themeCode: "verlichting",
  title: "Lantaarnpaal kapot bij het station",
  description: "De lantaarnpaal brandt al een week niet. Het is erg donker op de stoep.",
};

describe("report an issue", () => {
  test("a logged-out visitor may report, but must give an email address (confirmations.test.ts)", async () => {
    const result = await post(null, valid);
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).email).toEqual(["Vul je e-mailadres in."]);
    const page = await reportLoader({
      request: new Request("http://localhost/meldingen/nieuw"),
      params: {},
      context: {},
    });
    expect(page).toMatchObject({ anonymous: true });
  });

  test("a resident's report is stored in the right buurt, with their own support", async () => {
    const user = await createUser();
    const result = await post(await sessionCookieFor(user.id), valid);
    expect(statusOf(result)).toBe(302);
    const location = (result as Response).headers.get("Location")!;
    const id = Number(location.match(/\/meldingen\/(\d+)/)![1]);
    const issue = await db.issue.findUniqueOrThrow({
      where: { id },
      include: { buurt: true, theme: true, supports: true, events: true, follows: true },
    });
    expect(issue.buurt.name).toBe("Blerick-Centrum");
    expect(issue.theme.code).toBe("verlichting");
    expect(issue.status).toBe("nieuw");
    expect(issue.visibility).toBe("public");
    expect(issue.reporterId).toBe(user.id);
    expect(issue.supportCount).toBe(1);
    expect(issue.supports.map((s) => s.userId)).toEqual([user.id]);
    expect(issue.follows.map((f) => f.userId)).toEqual([user.id]);
    expect(issue.events.map((e) => e.type)).toEqual(["created"]);
    expect(issue.locationApproximate).toBe(false);
  });

  test("a point in the Maas is refused with a Dutch message and the input is kept", async () => {
    const user = await createUser();
    const before = await db.issue.count();
    const result = await post(await sessionCookieFor(user.id), {
      ...valid,
      lat: String(IN_THE_MAAS.lat),
      lng: String(IN_THE_MAAS.lng),
    });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).lat).toEqual(["Deze plek ligt buiten Blerick. Kies een plek in Blerick."]);
    const reply = (result as { data: { result: { initialValue: Record<string, string> } } }).data.result;
    expect(reply.initialValue.title).toBe(valid.title);
    expect(await db.issue.count()).toBe(before);
  });

  test.each([
    [{ title: "Kort" }, "title", "Schrijf een titel van minstens 5 tekens."],
    [{ title: "x".repeat(121) }, "title", "Maak de titel korter: hoogstens 120 tekens."],
    [{ description: "te kort" }, "description", "Schrijf een omschrijving van minstens 10 tekens."],
    [{ description: "y".repeat(4001) }, "description", "Maak de omschrijving korter: hoogstens 4.000 tekens."],
    [{ themeCode: "" }, "themeCode", "Kies een thema."],
    [{ themeCode: "bestaat-niet" }, "themeCode", "Kies een thema uit de lijst."],
    [{ lat: "", lng: "" }, "lat", "Kies een plek op de kaart."],
    [{ lat: "abc" }, "lat", "Kies een plek op de kaart."],
  ])("bad input %o answers 400 on %s", async (override, field, message) => {
    const user = await createUser();
    const result = await post(await sessionCookieFor(user.id), { ...valid, ...override });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result)[field]).toEqual([message]);
  });

  test("the description path stores the buurt centre as an approximate location", async () => {
    const user = await createUser();
    const result = await post(await sessionCookieFor(user.id), {
      locationMode: "omschrijving",
      buurtCode: "BU09832101",
      placeDescription: "Achter de kerk, bij de fietsenstalling",
      themeCode: "afval",
      title: "Vuilniszakken naast de container",
      description: "Er staan elke week vuilniszakken naast de container.",
    });
    expect(statusOf(result)).toBe(302);
    const issue = await db.issue.findFirstOrThrow({ where: { title: "Vuilniszakken naast de container" } });
    const buurt = await db.buurt.findUniqueOrThrow({ where: { code: "BU09832101" } });
    expect(issue.locationApproximate).toBe(true);
    expect(issue.buurtCode).toBe("BU09832101");
    expect(issue.lat).toBeCloseTo(buurt.centerLat, 6);
    expect(issue.placeDescription).toBe("Achter de kerk, bij de fietsenstalling");
  });

  test("the honeypot stops bots without storing anything", async () => {
    const user = await createUser();
    const before = await db.issue.count();
    const result = await post(await sessionCookieFor(user.id), { ...valid, website: "http://spam.example" });
    expect(statusOf(result)).toBe(400);
    expect(await db.issue.count()).toBe(before);
  });

  test("a photo is re-encoded without EXIF/GPS and stored under UPLOAD_DIR", async () => {
    const user = await createUser();
    const withGps = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "Testcamera", Copyright: "Fictief" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 22/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const result = await post(
      await sessionCookieFor(user.id),
      { ...valid, title: "Foto van kapotte lamp" },
      {
        bytes: withGps,
        name: "lamp.jpg",
        type: "image/jpeg",
      },
    );
    expect(statusOf(result)).toBe(302);
    const issue = await db.issue.findFirstOrThrow({
      where: { title: "Foto van kapotte lamp" },
      include: { photos: true },
    });
    expect(issue.photos).toHaveLength(1);
    const stored = await readFile(path.join(env().UPLOAD_DIR, issue.photos[0].fileName));
    const metadata = await sharp(stored).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(metadata.exif).toBeUndefined();
    expect(metadata.width).toBe(64);
  });

  test("a file that is not an image is refused and nothing is stored", async () => {
    const user = await createUser();
    const before = await db.issue.count();
    const result = await post(await sessionCookieFor(user.id), valid, {
      bytes: Buffer.from("<?php echo 'hallo'; ?>"),
      name: "foto.jpg",
      type: "image/jpeg",
    });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).photo).toEqual(["Dit bestand is geen JPG, PNG of WebP. Kies een andere foto."]);
    expect(await db.issue.count()).toBe(before);
  });

  test("a photo over 10 MB is refused with a clear message", async () => {
    const user = await createUser();
    const result = await post(await sessionCookieFor(user.id), valid, {
      bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 1),
      name: "groot.jpg",
      type: "image/jpeg",
    });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).photo).toEqual(["Deze foto is groter dan 10 MB. Kies een kleinere foto."]);
  });

  test("reports are rate-limited per user", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    for (let i = 0; i < 10; i++)
      expect(statusOf(await post(cookie, { ...valid, title: `Melding nummer ${i}` }))).toBe(302);
    const eleventh = await post(cookie, { ...valid, title: "Melding nummer 11" });
    expect(statusOf(eleventh)).toBe(429);
  });
});
