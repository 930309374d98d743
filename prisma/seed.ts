/**
 * Seeds the database named by DATABASE_URL (run: `npx tsx prisma/seed.ts`, also run by
 * scripts/prepare-db.mjs before every start).
 *
 * - Always, idempotently: the 32 Blerick buurten and the default themes (reference data).
 * - Only into a database without users, and unless DEMO_DATA=false: fictional demo people,
 *   partner organisations and about 150 issues with supports, comments and status histories.
 *   The demo data is generated with a seeded PRNG, so every run produces the same content
 *   (dates are relative to the moment of seeding).
 */
import { readFileSync } from "node:fs";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { bboxOfGeometry, findBuurt, polygonCentroid, type Bbox, type LatLng } from "~/domain/geo";
import type { IssueStatus } from "~/domain/issue-status";
import { DEFAULT_THEMES, type ThemeCode } from "~/domain/themes";
import { hashPassword } from "~/utils/auth.server";
import { audit } from "~/utils/audit.server";
import { db, type Tx } from "~/utils/db.server";
import { changeStatus } from "~/utils/issue-status.server";
import { bumpIssuesVersion } from "~/utils/issues.server";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  EXTRA_RESIDENT_NAMES,
  GENERIC_COMMENTS,
  HOME_BUURT_BEWONER,
  HOME_BUURT_BEWONER2,
  ORG_ACTOR_EMAIL,
  DEMO_SOLUTIONS,
  ORGANISATIONS,
  PARTNERSHIP,
  PLACE_DESCRIPTIONS,
  RECURRING_PATTERNS,
  REOPEN_MESSAGES,
  RESIDENTIAL_ISSUES,
  RESIDENTIAL_WEIGHTS,
  RURAL_BUURTEN,
  RURAL_ISSUES,
  STATUS_MESSAGES,
  STREETS,
  THEME_COMMENTS,
  TRADE_PORT_ISSUES,
  TRADE_PORT_PREFIX,
  TRIAGE_MESSAGES,
  type IssueText,
  type OrgKey,
} from "./seed-data";
import { seedInterests } from "./seed-interests";
import { seedOpen311 } from "./seed-open311";
import { seedSteering } from "./seed-steering";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TOTAL_ISSUES = 150;
const RECENT_ISSUES = 30; // ordinary issues placed in the last 30 days (recurring ones add more)
const HIGH_SUPPORT_ISSUES = 12; // crosses the residents' agenda threshold of 10 supports
const APPROXIMATE_ISSUES = 5;
const PRNG_SEED = 20_260_101;
/** Problems that can come back after a fix (an idea or a care question is not "reopened"). */
const REOPENABLE_THEMES: readonly ThemeCode[] = ["afval", "verkeer", "groen", "verlichting", "overlast", "wonen"];

// ---------------------------------------------------------------------------------------------
// Reference data: buurten and themes

type SeedBuurt = {
  code: string;
  name: string;
  wijkCode: string;
  wijkName: string;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
  center: LatLng;
};

type BuurtProperties = { code: string; name: string; wijk: string };

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
const roundPoint = (point: LatLng): LatLng => ({
  lat: round6(point.lat),
  lng: round6(point.lng),
});

function readBuurten(): SeedBuurt[] {
  const file = new URL("./data/blerick-buurten.geojson", import.meta.url);
  const collection = JSON.parse(readFileSync(file, "utf8")) as FeatureCollection<
    Polygon | MultiPolygon,
    BuurtProperties
  >;
  const shapes = collection.features.map((feature) => ({
    code: feature.properties.code,
    name: feature.properties.name,
    wijkCode: "WK" + feature.properties.code.slice(2, 8),
    wijkName: feature.properties.wijk,
    geometry: feature.geometry,
    bbox: bboxOfGeometry(feature.geometry),
  }));
  return shapes.map((shape) => ({
    ...shape,
    center: centreInside(shape, shapes),
  }));
}

/**
 * A "buurt centre" that really lies in the buurt: the area centroid of a concave polygon can
 * fall outside it, so try the bbox centre and the vertex average, and finally the grid point
 * inside the buurt that is nearest to the centroid.
 */
function centreInside(shape: Omit<SeedBuurt, "center">, all: Omit<SeedBuurt, "center">[]): LatLng {
  const isInside = (point: LatLng) => findBuurt(point, all)?.code === shape.code;
  const ring = shape.geometry.type === "Polygon" ? shape.geometry.coordinates[0] : shape.geometry.coordinates[0][0];
  const vertices = ring.slice(0, -1);
  const centroid = polygonCentroid(shape.geometry);
  const candidates: LatLng[] = [
    centroid,
    {
      lat: (shape.bbox.minLat + shape.bbox.maxLat) / 2,
      lng: (shape.bbox.minLng + shape.bbox.maxLng) / 2,
    },
    {
      lat: vertices.reduce((sum, [, lat]) => sum + lat, 0) / vertices.length,
      lng: vertices.reduce((sum, [lng]) => sum + lng, 0) / vertices.length,
    },
  ].map(roundPoint);
  const found = candidates.find(isInside);
  if (found) return found;
  let best: LatLng | null = null;
  let bestDistance = Infinity;
  const steps = 50;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const point = roundPoint({
        lat: shape.bbox.minLat + ((shape.bbox.maxLat - shape.bbox.minLat) * i) / steps,
        lng: shape.bbox.minLng + ((shape.bbox.maxLng - shape.bbox.minLng) * j) / steps,
      });
      const distance = (point.lat - centroid.lat) ** 2 + (point.lng - centroid.lng) ** 2;
      if (distance < bestDistance && isInside(point)) {
        best = point;
        bestDistance = distance;
      }
    }
  }
  if (!best) throw new Error(`No point found inside buurt ${shape.code}`);
  return best;
}

async function upsertReferenceData(buurten: SeedBuurt[]) {
  await db.$transaction(
    buurten.map((buurt) => {
      // population is entered by an administrator and is left alone here
      const data = {
        name: buurt.name,
        wijkCode: buurt.wijkCode,
        wijkName: buurt.wijkName,
        geometry: JSON.stringify(buurt.geometry),
        centerLat: buurt.center.lat,
        centerLng: buurt.center.lng,
        minLat: buurt.bbox.minLat,
        minLng: buurt.bbox.minLng,
        maxLat: buurt.bbox.maxLat,
        maxLng: buurt.bbox.maxLng,
      };
      return db.buurt.upsert({
        where: { code: buurt.code },
        create: { code: buurt.code, ...data },
        update: data,
      });
    }),
  );
  // Existing themes are left as they are: administrators may rename or retire them, and this
  // script runs at every start.
  await db.$transaction(
    DEFAULT_THEMES.map((theme, index) =>
      db.theme.upsert({
        where: { code: theme.code },
        create: {
          code: theme.code,
          name: theme.name,
          description: theme.description,
          sortOrder: index,
        },
        update: {},
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function createRandom(seed: number) {
  const next = mulberry32(seed);
  const random = {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let roll = next() * total;
      for (const item of items) {
        roll -= weight(item);
        if (roll < 0) return item;
      }
      return items[items.length - 1];
    },
  };
  return random;
}
type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------------------------------------
// Demo plan: everything decided in memory first, then written in one transaction

type DemoResident = { email: string; name: string; buurtCode: string };

type Step = { to: IssueStatus; publicMessage: string; at: Date };

type DemoIssue = {
  theme: ThemeCode;
  title: string;
  description: string;
  buurt: SeedBuurt;
  point: LatLng;
  placeDescription: string | null;
  createdAt: Date;
  reporter: number;
  /** Residents (by index) other than the reporter who support the issue, with the moment. */
  supporters: { resident: number; at: Date }[];
  comments: { author: number; body: string; at: Date }[];
  owner: OrgKey | null;
  /** Part of a recurring pattern: triaged as structural. */
  recurring: boolean;
  steps: Step[];
};

type Draft = {
  text: IssueText;
  kind: "residential" | "pattern" | "trade-port" | "rural";
  buurtCode: string;
  street?: string;
  pattern?: { key: string; index: number; size: number };
};

const fill = (text: string, values: { straat?: string; org?: string }) =>
  text.replace(/\{straat\}/g, values.straat ?? "straat").replace(/\{org\}/g, values.org ?? "");

function defaultOwner(theme: ThemeCode, random: Random): OrgKey {
  switch (theme) {
    case "afval":
    case "verlichting":
    case "verkeer":
    case "groen":
      return "gemeente";
    case "wonen":
      return "woonwenz";
    case "zorg":
      return random.chance(0.6) ? "synthese" : "bewonersondersteuning";
    case "samenleven":
      return random.chance(0.7) ? "bewonersondersteuning" : "synthese";
    case "jongeren":
      return "synthese";
    case "overlast":
      return random.chance(0.6) ? "politie" : "gemeente";
  }
}

function buildDemoPlan(buurten: SeedBuurt[], now: Date, random: Random) {
  const byCode = new Map(buurten.map((b) => [b.code, b]));
  const residentialCodes = Object.keys(RESIDENTIAL_WEIGHTS).filter((code) => byCode.has(code));
  const ruralCodes = RURAL_BUURTEN.filter((code) => byCode.has(code));
  const tradePortCodes = buurten.filter((b) => b.code.startsWith(TRADE_PORT_PREFIX)).map((b) => b.code);
  const anyResidential = residentialCodes[0] ?? buurten[0].code;

  // Residents: the two demo residents first, then the extra ones spread over where people live.
  const residents: DemoResident[] = [
    {
      ...DEMO_ACCOUNTS[0],
      buurtCode: byCode.has(HOME_BUURT_BEWONER) ? HOME_BUURT_BEWONER : anyResidential,
    },
    {
      ...DEMO_ACCOUNTS[1],
      buurtCode: byCode.has(HOME_BUURT_BEWONER2) ? HOME_BUURT_BEWONER2 : anyResidential,
    },
  ].map(({ email, name, buurtCode }) => ({ email, name, buurtCode }));
  const homeCodes = [...residentialCodes, ...ruralCodes];
  EXTRA_RESIDENT_NAMES.forEach((name, index) => {
    residents.push({
      email: `bewoner.${index + 1}@buurtbestuurt.test`,
      name,
      buurtCode: random.weighted(homeCodes, (code) => RESIDENTIAL_WEIGHTS[code] ?? 0.7),
    });
  });

  // 1. Where each issue goes and which text it gets.
  const drafts: Draft[] = [];
  for (const pattern of RECURRING_PATTERNS) {
    if (!byCode.has(pattern.buurtCode)) continue;
    pattern.issues.forEach((text, index) =>
      drafts.push({
        text,
        kind: "pattern",
        buurtCode: pattern.buurtCode,
        street: pattern.street,
        pattern: { key: pattern.key, index, size: pattern.issues.length },
      }),
    );
  }
  const tradePortOrder = random.shuffle(tradePortCodes);
  const tradePortTexts = random.shuffle(TRADE_PORT_ISSUES);
  const tradePortCount = tradePortCodes.length ? tradePortCodes.length + 2 : 0;
  for (let i = 0; i < tradePortCount; i++) {
    const round = Math.floor(i / tradePortOrder.length);
    drafts.push({
      text: tradePortTexts[(i + round * 3) % tradePortTexts.length],
      kind: "trade-port",
      buurtCode: tradePortOrder[i % tradePortOrder.length],
    });
  }
  random.shuffle(RURAL_ISSUES).forEach((text, index) => {
    if (ruralCodes.length)
      drafts.push({
        text,
        kind: "rural",
        buurtCode: ruralCodes[index % ruralCodes.length],
      });
  });

  const residentialCount = TOTAL_ISSUES - drafts.length;
  const residentialDrafts: Draft[] = [];
  for (let i = 0; i < residentialCount; i++) {
    const buurtCode = random.weighted(residentialCodes, (code) => RESIDENTIAL_WEIGHTS[code]);
    residentialDrafts.push({
      text: RESIDENTIAL_ISSUES[0],
      kind: "residential",
      buurtCode,
    });
  }
  // Every residential buurt gets at least one issue: move one from the busiest buurt.
  const countIn = (code: string) => [...drafts, ...residentialDrafts].filter((d) => d.buurtCode === code).length;
  for (const code of residentialCodes) {
    if (countIn(code) > 0) continue;
    const busiest = [...residentialCodes].sort((a, b) => countIn(b) - countIn(a))[0];
    const moved = residentialDrafts.find((d) => d.buurtCode === busiest);
    if (moved) moved.buurtCode = code;
  }
  // Texts: go through all templates before any repeats, never the same one twice in a buurt.
  let queue: number[] = [];
  const usedIn = new Set<string>();
  for (const draft of residentialDrafts) {
    if (queue.length === 0) queue = random.shuffle(RESIDENTIAL_ISSUES.map((_, index) => index));
    let position = queue.findIndex((index) => !usedIn.has(`${draft.buurtCode}:${index}`));
    if (position < 0) position = 0;
    const [templateIndex] = queue.splice(position, 1);
    usedIn.add(`${draft.buurtCode}:${templateIndex}`);
    draft.text = RESIDENTIAL_ISSUES[templateIndex];
  }
  drafts.push(...residentialDrafts);

  // 2. When: recurring problems spread over the whole year up to now; ordinary issues mostly
  // older, with a batch in the last 30 days.
  const ordinary = random.shuffle(drafts.filter((d) => !d.pattern));
  const daysAgo = new Map<Draft, number>();
  ordinary.forEach((draft, index) =>
    daysAgo.set(draft, index < RECENT_ISSUES ? random.int(0, 28) : random.int(30, 364)),
  );
  for (const draft of drafts) {
    if (!draft.pattern) continue;
    const { index, size } = draft.pattern;
    daysAgo.set(draft, Math.round(((size - 1 - index) * 330) / size + random.between(0, 20)));
  }
  const createdAtOf = new Map<Draft, Date>();
  for (const draft of drafts) {
    const date = new Date(now.getTime() - (daysAgo.get(draft) ?? 0) * DAY);
    date.setHours(random.int(7, 22), random.int(0, 59), random.int(0, 59), 0);
    createdAtOf.set(
      draft,
      date.getTime() > now.getTime() - 10 * MINUTE ? new Date(now.getTime() - random.int(15, 180) * MINUTE) : date,
    );
  }
  drafts.sort((a, b) => createdAtOf.get(a)!.getTime() - createdAtOf.get(b)!.getTime());

  // 3. Where exactly: a random point inside the buurt; recurring problems cluster on one spot.
  const randomPointIn = (buurt: SeedBuurt): LatLng => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const point = roundPoint({
        lat: random.between(buurt.bbox.minLat, buurt.bbox.maxLat),
        lng: random.between(buurt.bbox.minLng, buurt.bbox.maxLng),
      });
      if (findBuurt(point, buurten)?.code === buurt.code) return point;
    }
    return buurt.center;
  };
  const anchors = new Map<string, LatLng>();
  const pointFor = (draft: Draft, buurt: SeedBuurt): LatLng => {
    if (!draft.pattern) return randomPointIn(buurt);
    let anchor = anchors.get(draft.pattern.key);
    if (!anchor) {
      anchor = randomPointIn(buurt);
      anchors.set(draft.pattern.key, anchor);
    }
    for (let attempt = 0; attempt < 100; attempt++) {
      const point = roundPoint({
        lat: anchor.lat + random.between(-0.0003, 0.0003),
        lng: anchor.lng + random.between(-0.00045, 0.00045),
      });
      if (findBuurt(point, buurten)?.code === buurt.code) return point;
    }
    return anchor;
  };
  const approximate = new Set(
    random.shuffle(drafts.filter((d) => d.kind === "residential")).slice(0, APPROXIMATE_ISSUES),
  );

  // 4. Who reported it: usually someone from the same buurt or wijk.
  const residentsIn = (predicate: (resident: DemoResident) => boolean) =>
    residents.map((resident, index) => ({ resident, index })).filter(({ resident }) => predicate(resident));
  const reporterFor = (buurt: SeedBuurt) => {
    const sameBuurt = residentsIn((r) => r.buurtCode === buurt.code);
    if (sameBuurt.length && random.chance(0.65)) return random.pick(sameBuurt).index;
    const sameWijk = residentsIn((r) => byCode.get(r.buurtCode)?.wijkCode === buurt.wijkCode);
    if (sameWijk.length && random.chance(0.6)) return random.pick(sameWijk).index;
    return random.int(0, residents.length - 1);
  };
  const reporters = new Map(drafts.map((draft) => [draft, reporterFor(byCode.get(draft.buurtCode)!)]));
  // The demo residents get a handful of issues of their own ("Mijn meldingen").
  const ownIssues = (resident: number, wijkCode: string, count: number, first?: Draft) => {
    const candidates = random.shuffle(
      drafts.filter((d) => d !== first && d.kind !== "trade-port" && byCode.get(d.buurtCode)!.wijkCode === wijkCode),
    );
    for (const draft of [...(first ? [first] : []), ...candidates].slice(0, count)) reporters.set(draft, resident);
  };
  ownIssues(0, byCode.get(residents[0].buurtCode)!.wijkCode, 5);
  ownIssues(
    1,
    byCode.get(residents[1].buurtCode)!.wijkCode,
    3,
    drafts.find((d) => d.pattern?.key === "vocht-sint-annastraat"),
  );

  // 5. Which issues are very popular (agenda material): mostly the recurring problems.
  const ageOf = (draft: Draft) => now.getTime() - createdAtOf.get(draft)!.getTime();
  const popular = new Set([
    ...random.shuffle(drafts.filter((d) => d.pattern && ageOf(d) > 3 * DAY)).slice(0, 7),
    ...random
      .shuffle(drafts.filter((d) => !d.pattern && d.text.broad && ageOf(d) > 7 * DAY))
      .slice(0, HIGH_SUPPORT_ISSUES - 7),
  ]);

  // 6. Put it together: text, place, supports, comments, status history.
  const issues: DemoIssue[] = drafts.map((draft) => {
    const buurt = byCode.get(draft.buurtCode)!;
    const street = draft.street ?? random.pick(STREETS[buurt.code] ?? ["hoofdstraat"]);
    const createdAt = createdAtOf.get(draft)!;
    const reporter = reporters.get(draft)!;
    const isApproximate = approximate.has(draft);
    const theme = draft.text.theme;
    const others = random.shuffle(residents.map((_, index) => index).filter((index) => index !== reporter));

    const supportCount = popular.has(draft)
      ? random.int(10, 24)
      : Math.min(9, Math.floor(-Math.log(1 - random.next()) * 1.8));
    const span = Math.max(now.getTime() - createdAt.getTime(), MINUTE);
    const supporters = others.slice(0, supportCount).map((resident) => ({
      resident,
      at: new Date(createdAt.getTime() + Math.max(MINUTE, span * random.next() ** 2)),
    }));

    const commentCount = random.chance(popular.has(draft) ? 0.8 : 0.25) ? random.pick([1, 1, 1, 2, 2, 3, 4]) : 0;
    const authors = [
      ...random.shuffle(supporters.map((s) => s.resident)),
      ...random.shuffle(others.slice(supportCount)),
    ];
    const bodies = random.shuffle([...THEME_COMMENTS[theme], ...GENERIC_COMMENTS]);
    const comments = Array.from({ length: commentCount }, (_, index) => ({
      author: authors[index],
      body: bodies[index],
      at: new Date(createdAt.getTime() + Math.max(5 * MINUTE, span * 0.9 * random.next())),
    })).sort((a, b) => a.at.getTime() - b.at.getTime());

    const steps = planStatus(theme, createdAt, now, random);
    const owner = steps.length ? (draft.text.owner ?? defaultOwner(theme, random)) : null;
    const orgName = owner ? ORGANISATIONS[owner].name : "";
    return {
      theme,
      title: fill(draft.text.title, { straat: street }),
      description: fill(draft.text.description, { straat: street }),
      buurt,
      point: isApproximate ? buurt.center : pointFor(draft, buurt),
      placeDescription: isApproximate ? fill(random.pick(PLACE_DESCRIPTIONS), { straat: street }) : null,
      createdAt,
      reporter,
      supporters,
      comments,
      owner,
      recurring: draft.kind === "pattern",
      steps: steps.map((step) => ({
        ...step,
        publicMessage: fill(step.publicMessage, { org: orgName }),
      })),
    };
  });

  // A couple of solved problems came back: make sure at least two issues show "Heropend".
  const reopened = issues.filter((issue) => issue.steps.at(-1)?.to === "heropend").length;
  const solvedLongAgo = random.shuffle(
    issues.filter(
      (issue) =>
        REOPENABLE_THEMES.includes(issue.theme) &&
        issue.steps.at(-1)?.to === "opgelost" &&
        now.getTime() - issue.steps.at(-1)!.at.getTime() > 10 * DAY,
    ),
  );
  for (const issue of solvedLongAgo.slice(0, Math.max(0, 2 - reopened))) {
    const solvedAt = issue.steps.at(-1)!.at.getTime();
    issue.steps.push({
      to: "heropend",
      publicMessage: fill(random.pick(REOPEN_MESSAGES), {
        org: issue.owner ? ORGANISATIONS[issue.owner].name : "",
      }),
      at: new Date(solvedAt + random.between(0.3, 0.8) * (now.getTime() - solvedAt)),
    });
  }

  return { residents, issues };
}

/** A status history along the workflow, with times after creation and not in the future. */
function planStatus(theme: ThemeCode, createdAt: Date, now: Date, random: Random): Step[] {
  const age = now.getTime() - createdAt.getTime();
  // Partners keep up: recent issues often wait in the werkbak, older ones almost never.
  if (age < 2 * DAY || random.chance(age < 14 * DAY ? 0.6 : 0.05)) return [];

  let target = random.weighted(
    [
      ["getrieerd", 20],
      ["in_behandeling", 28],
      ["opgelost", 36],
      ["gesloten_niet_opgelost", 11],
      ["heropend", 2],
    ] as const,
    ([, weight]) => weight,
  )[0];
  if (target === "heropend" && !REOPENABLE_THEMES.includes(theme)) target = "opgelost";
  if (age < 10 * DAY && target !== "getrieerd") target = "in_behandeling";

  let path: IssueStatus[];
  switch (target) {
    case "getrieerd":
      path = ["getrieerd"];
      break;
    case "in_behandeling":
      // Every handled issue was triaged first (the four questions); the roll keeps the demo stable.
      random.chance(0.8);
      path = ["getrieerd", "in_behandeling"];
      break;
    case "opgelost": {
      const roll = random.next();
      path =
        roll < 0.55
          ? ["getrieerd", "in_behandeling", "opgelost"]
          : roll < 0.8
            ? ["getrieerd", "opgelost"]
            : ["getrieerd", "opgelost"];
      break;
    }
    case "gesloten_niet_opgelost":
      path = random.chance(0.7) ? ["getrieerd", "gesloten_niet_opgelost"] : ["gesloten_niet_opgelost"];
      break;
    case "heropend":
      path = ["getrieerd", "in_behandeling", "opgelost", "heropend"];
      if (random.chance(0.3)) path.push("in_behandeling");
      break;
  }

  const texts = STATUS_MESSAGES[theme];
  let previous: IssueStatus = "nieuw";
  const gaps: number[] = [];
  const messages: string[] = [];
  for (const to of path) {
    switch (to) {
      case "getrieerd":
        gaps.push(random.between(0.1, 4));
        messages.push(random.pick(random.chance(0.5) ? TRIAGE_MESSAGES : texts.getrieerd));
        break;
      case "in_behandeling":
        gaps.push(previous === "heropend" ? random.between(0.5, 5) : random.between(0.5, 10));
        messages.push(
          (previous === "heropend" ? "We pakken de melding opnieuw op. " : "") + random.pick(texts.in_behandeling),
        );
        break;
      case "opgelost":
        gaps.push(random.between(2, 35));
        messages.push(random.pick(texts.opgelost));
        break;
      case "gesloten_niet_opgelost":
        gaps.push(random.between(1, 20));
        messages.push(random.pick(texts.gesloten_niet_opgelost));
        break;
      case "heropend":
        gaps.push(random.between(5, 60));
        messages.push(random.pick(REOPEN_MESSAGES));
        break;
      case "nieuw":
        throw new Error("An issue never goes back to nieuw");
    }
    previous = to;
  }
  // Squeeze the history into the issue's lifetime when it would run into the future.
  const total = gaps.reduce((sum, gap) => sum + gap, 0) * DAY;
  const scale = Math.min(1, (age * 0.92) / total);
  let at = createdAt.getTime();
  return path.map((to, index) => {
    at += Math.max(10 * MINUTE, gaps[index] * DAY * scale);
    return {
      to,
      publicMessage: messages[index],
      at: new Date(Math.min(at, now.getTime() - MINUTE)),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing the demo data

async function insertDemoData(buurten: SeedBuurt[]) {
  const now = new Date();
  const random = createRandom(PRNG_SEED);
  const plan = buildDemoPlan(buurten, now, random);
  const passwordHash = await hashPassword(DEMO_PASSWORD); // argon2 is slow: hash once, reuse
  const themes = await db.theme.findMany({ select: { id: true, code: true } });
  const themeId = new Map(themes.map((t) => [t.code, t.id]));

  await db.$transaction(
    async (tx) => {
      const organisationId = new Map<OrgKey, string>();
      for (const [key, organisation] of Object.entries(ORGANISATIONS) as [OrgKey, (typeof ORGANISATIONS)[OrgKey]][]) {
        const row = await tx.organisation.upsert({
          where: { name: organisation.name },
          create: organisation,
          update: {},
          select: { id: true },
        });
        organisationId.set(key, row.id);
      }

      const createUser = async (input: {
        email: string;
        name: string;
        buurtCode?: string;
        roles?: string[];
        organisation?: OrgKey;
        membershipRole?: "member" | "coordinator";
      }) => {
        const createdAt = new Date(now.getTime() - random.int(380, 720) * DAY);
        const user = await tx.user.create({
          data: {
            email: input.email,
            name: input.name,
            passwordHash,
            emailVerifiedAt: createdAt,
            buurtCode: input.buurtCode ?? null,
            createdAt,
            updatedAt: createdAt,
            roles: {
              create: ["resident", ...(input.roles ?? [])].map((role) => ({
                role,
                createdAt,
              })),
            },
            ...(input.organisation
              ? {
                  memberships: {
                    create: {
                      organisationId: organisationId.get(input.organisation)!,
                      role: input.membershipRole ?? "member",
                      createdAt,
                    },
                  },
                }
              : {}),
          },
          select: { id: true },
        });
        return user.id;
      };

      const residentIds: string[] = [];
      for (const resident of plan.residents) residentIds.push(await createUser(resident));
      const partnerIds = new Map<string, string>();
      for (const account of DEMO_ACCOUNTS.slice(2)) partnerIds.set(account.email, await createUser(account));

      // The partnerschapskaart and the oplossingenbank, so triage has a trekker and solutions.
      for (const [code, roles] of Object.entries(PARTNERSHIP) as [ThemeCode, (typeof PARTNERSHIP)[ThemeCode]][]) {
        for (const [org, role] of Object.entries(roles) as [OrgKey, string][]) {
          await tx.partnershipRole.create({
            data: { organisationId: organisationId.get(org)!, themeId: themeId.get(code)!, role },
          });
        }
      }
      await seedInterests(tx, { organisationIds: organisationId, themeIds: themeId });
      const solutionsByTheme = new Map<ThemeCode, string[]>();
      for (const solution of DEMO_SOLUTIONS) {
        const createdAt = new Date(now.getTime() - 400 * DAY);
        const { id } = await tx.solution.create({
          data: {
            title: solution.title,
            description: solution.description,
            howToRequest: solution.howToRequest,
            responsibleOrganisationId: organisationId.get(solution.organisation)!,
            createdById: partnerIds.get(ORG_ACTOR_EMAIL[solution.organisation] ?? "") ?? null,
            createdAt,
            updatedAt: createdAt,
            themes: { create: solution.themes.map((code) => ({ themeId: themeId.get(code)! })) },
          },
          select: { id: true },
        });
        for (const code of solution.themes) solutionsByTheme.set(code, [...(solutionsByTheme.get(code) ?? []), id]);
      }

      for (const issue of plan.issues) {
        const theme = themeId.get(issue.theme);
        if (!theme) throw new Error(`Theme ${issue.theme} is missing`);
        const reporterId = residentIds[issue.reporter];
        const ownerOrganisationId = issue.owner ? organisationId.get(issue.owner)! : null;
        const actorEmail = issue.owner ? ORG_ACTOR_EMAIL[issue.owner] : undefined;
        const actorId = actorEmail ? (partnerIds.get(actorEmail) ?? null) : null;
        const handledByPerson =
          issue.steps.some((s) => s.to === "in_behandeling") && issue.steps.at(-1)?.to !== "opgelost";

        const { id: issueId } = await tx.issue.create({
          data: {
            title: issue.title,
            description: issue.description,
            themeId: theme,
            lat: issue.point.lat,
            lng: issue.point.lng,
            locationApproximate: issue.placeDescription !== null,
            placeDescription: issue.placeDescription,
            buurtCode: issue.buurt.code,
            status: "nieuw",
            visibility: "public",
            reporterId,
            // The owner is set before the first status change, as triage would do.
            ownerOrganisationId,
            ownerUserId: handledByPerson ? actorId : null,
            supportCount: issue.supporters.length + 1,
            commentCount: issue.comments.length,
            createdAt: issue.createdAt,
            updatedAt: issue.createdAt,
          },
          select: { id: true },
        });
        await tx.issueEvent.create({
          data: {
            issueId,
            type: "created",
            actorId: reporterId,
            createdAt: issue.createdAt,
          },
        });
        // Reporters follow their own issue, as in the app.
        await tx.follow.create({ data: { userId: reporterId, issueId, createdAt: issue.createdAt } });
        await tx.support.createMany({
          data: [
            { issueId, userId: reporterId, createdAt: issue.createdAt },
            ...issue.supporters.map((s) => ({
              issueId,
              userId: residentIds[s.resident],
              createdAt: s.at,
            })),
          ],
        });
        if (issue.comments.length) {
          await tx.comment.createMany({
            data: issue.comments.map((c) => ({
              issueId,
              authorId: residentIds[c.author],
              body: c.body,
              createdAt: c.at,
              updatedAt: c.at,
            })),
          });
        }
        for (const step of issue.steps) {
          if (step.to === "getrieerd") {
            await insertDemoTriage(tx, {
              issueId,
              issue,
              at: step.at,
              actorId,
              ownerOrganisationId: ownerOrganisationId!,
              solutionIds: solutionsByTheme.get(issue.theme) ?? [],
              random,
            });
          }
          await changeStatus(tx, {
            issueId,
            to: step.to,
            publicMessage: step.publicMessage,
            ...(step.to === "heropend" ? { reason: step.publicMessage } : {}),
            ...(step.to === "gesloten_niet_opgelost" ? { closeReason: "doorverwezen" as const } : {}),
            by: { system: "seed", actorId, organisationId: ownerOrganisationId },
            viaTriage: step.to === "getrieerd",
            at: step.at,
          });
        }
      }
      await seedOpen311(tx);
      await seedDemoFlags(tx, now);
      await seedSteering(tx, {
        now,
        organisationIds: organisationId,
        steeringUserId: partnerIds.get("stuurgroep@buurtbestuurt.test")!,
        adminUserId: partnerIds.get("beheer@buurtbestuurt.test")!,
      });
      await bumpIssuesVersion(tx);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return plan;
}

/** Two open "Ongepast melden" flags, so the moderator's queue (/moderatie) has work in the demo. */
async function seedDemoFlags(tx: Tx, now: Date) {
  const [issue, comment] = await Promise.all([
    tx.issue.findFirst({ where: { visibility: "public", status: "nieuw" }, orderBy: { id: "asc" }, select: { id: true } }),
    tx.comment.findFirst({ where: { visibility: "public", deletedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, issueId: true } }),
  ]);
  const at = new Date(now.getTime() - 3 * 60 * 60 * 1000);
  if (issue) {
    await tx.flag.create({
      data: { targetType: "issue", issueId: issue.id, reason: "onjuist", note: "Dit is al opgelost, volgens mij.", createdAt: at },
    });
  }
  if (comment) {
    await tx.flag.create({
      data: { targetType: "comment", issueId: comment.issueId, commentId: comment.id, reason: "beledigend", createdAt: at },
    });
  }
}

/** The four answers for a demo issue, as a partner would give them (see triage.server.ts). */
async function insertDemoTriage(
  tx: Tx,
  input: {
    issueId: number;
    issue: DemoIssue;
    at: Date;
    actorId: string | null;
    ownerOrganisationId: string;
    solutionIds: string[];
    random: Random;
  },
) {
  const { issue, random } = input;
  const nature = issue.recurring ? "structureel" : "incident";
  const scope = issue.recurring ? random.pick(["deze_buurt", "heel_blerick"] as const) : "deze_plek";
  const solutionId = input.solutionIds.length && random.chance(0.7) ? random.pick(input.solutionIds) : null;
  const decision = await tx.triageDecision.create({
    data: {
      issueId: input.issueId,
      actorId: input.actorId,
      actorOrganisationId: input.ownerOrganisationId,
      nature,
      rationale: issue.recurring
        ? "Dit is al vaker gemeld op dezelfde plek. Het is een patroon."
        : "Een losse melding; er zijn geen eerdere meldingen op deze plek.",
      rationalePublic: issue.recurring,
      ownerOrganisationId: input.ownerOrganisationId,
      scope,
      approach: solutionId ? "bestaande_oplossing" : "nieuwe_aanpak",
      newApproach: solutionId ? null : "Samen met de bewoners kijken wat hier werkt; eerst een gesprek op straat.",
      publicMessage: issue.steps.find((step) => step.to === "getrieerd")?.publicMessage ?? "",
      createdAt: input.at,
    },
    select: { id: true },
  });
  if (solutionId) {
    await tx.issueSolution.create({ data: { issueId: input.issueId, solutionId, triageDecisionId: decision.id } });
  }
  await tx.issue.update({ where: { id: input.issueId }, data: { nature, scope, triagedAt: input.at } });
  await audit(tx, {
    issueId: input.issueId,
    actorId: input.actorId,
    action: "triage",
    before: { owner: null, nature: null, scope: null, status: "nieuw" },
    after: { owner: input.ownerOrganisationId, nature, scope, solutionIds: solutionId ? [solutionId] : [] },
    at: input.at,
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const buurten = readBuurten();
  await upsertReferenceData(buurten);
  console.log(`Seed: ${buurten.length} buurten and ${DEFAULT_THEMES.length} themes are up to date.`);

  const users = await db.user.count();
  if (process.env.DEMO_DATA === "false") {
    console.log("Seed: DEMO_DATA=false, no demo data.");
  } else if (users > 0) {
    console.log(`Seed: the database already has ${users} users, demo data skipped.`);
  } else {
    await insertDemoData(buurten);
    const since = new Date(Date.now() - 30 * DAY);
    const [organisations, userCount, issues, recent, supports, comments, events, statuses] = await Promise.all([
      db.organisation.count(),
      db.user.count(),
      db.issue.count(),
      db.issue.count({ where: { createdAt: { gte: since } } }),
      db.support.count(),
      db.comment.count(),
      db.issueEvent.count(),
      db.issue.groupBy({
        by: ["status"],
        _count: { _all: true },
        orderBy: { status: "asc" },
      }),
    ]);
    console.log(
      `Seed: demo data added: ${organisations} organisations, ${userCount} users, ${issues} issues ` +
        `(${recent} in the last 30 days), ${supports} supports, ${comments} comments, ${events} events.`,
    );
    console.log(`Seed: statuses: ${statuses.map((s) => `${s.status} ${s._count._all}`).join(", ")}.`);
    console.log(`Seed: demo logins *@buurtbestuurt.test, password ${DEMO_PASSWORD}.`);
  }
  console.log(`Seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main()
  .then(async () => {
    await db.$disconnect();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error("Seed failed:", error);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
