import { describe, expect, test } from "vitest";
import { loader as buurtFeedLoader } from "~/routes/feeds.buurten.$file";
import { loader as issueFeedLoader } from "~/routes/feeds.meldingen.$file";
import { loader as allFeedLoader } from "~/routes/feeds.meldingen[.]xml";
import { loader as themeFeedLoader } from "~/routes/feeds.themas.$file";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createIssue, createUser } from "../db-utils";
import { run, unique, type Handler } from "../route-utils";
import { childText, childrenNamed, parseXml, type XmlElement } from "../xml-utils";

async function feed(handler: unknown, path: string, params: Record<string, string> = {}) {
  const response = (await run(handler as Handler, path, { params })) as Response;
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  const rss = parseXml(await response.text());
  expect(rss.name).toBe("rss");
  expect(rss.attributes.version).toBe("2.0");
  const channel = childrenNamed(rss, "channel")[0]!;
  for (const field of ["title", "link", "description", "language", "lastBuildDate"]) {
    expect(childText(channel, field), field).toBeTruthy();
  }
  expect(childText(channel, "language")).toBe("nl-nl");
  return { channel, items: childrenNamed(channel, "item") };
}

const titles = (items: XmlElement[]) => items.map((item) => childText(item, "title"));

async function twoBuurten() {
  const [first, second] = await db.buurt.findMany({
    orderBy: { code: "asc" },
    take: 2,
    select: { code: true, name: true },
  });
  return [first!, second!] as const;
}

describe("RSS feeds of issues", () => {
  test("the Blerick feed lists the newest public issues with full item fields", async () => {
    const reporter = await createUser();
    const visible = await createIssue({
      reporterId: reporter.id,
      title: unique("Zichtbaar <&> feed"),
      themeCode: "afval",
    });
    const hidden = await createIssue({ reporterId: reporter.id, title: unique("Verborgen"), visibility: "hidden" });
    const unconfirmed = await createIssue({
      reporterId: reporter.id,
      title: unique("Onbevestigd"),
      visibility: "unconfirmed",
    });

    const { channel, items } = await feed(allFeedLoader, "/feeds/meldingen.xml");
    expect(childText(channel, "link")).toBe(`${env().PUBLIC_URL}/`);
    expect(items.length).toBeLessThanOrEqual(50);
    expect(titles(items)).toContain(visible.title);
    expect(titles(items)).not.toContain(hidden.title);
    expect(titles(items)).not.toContain(unconfirmed.title);

    const item = items.find((i) => childText(i, "title") === visible.title)!;
    const url = `${env().PUBLIC_URL}/meldingen/${visible.id}`;
    expect(childText(item, "link")).toBe(url);
    expect(childText(item, "guid")).toBe(url);
    expect(childrenNamed(item, "guid")[0]!.attributes.isPermaLink).toBe("true");
    expect(childText(item, "pubDate")).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(new Date(childText(item, "pubDate")!).getTime()).toBe(Math.floor(visible.createdAt.getTime() / 1000) * 1000);
    expect(childText(item, "description")).toContain(visible.description);
    expect(childText(item, "category")).toBe("Afval en zwerfvuil");
  });

  test("shows at most the 50 newest", async () => {
    const reporter = await createUser();
    for (let i = 0; i < 52; i++) {
      await createIssue({ reporterId: reporter.id, createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)) });
    }
    const { items } = await feed(allFeedLoader, "/feeds/meldingen.xml");
    expect(items).toHaveLength(50);
    const dates = items.map((i) => new Date(childText(i, "pubDate")!).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  test("a buurt feed only has issues of that buurt; unknown buurten are 404", async () => {
    const reporter = await createUser();
    const [first, second] = await twoBuurten();
    const here = await createIssue({ reporterId: reporter.id, buurtCode: first.code, title: unique("Hier") });
    const there = await createIssue({ reporterId: reporter.id, buurtCode: second.code, title: unique("Daar") });
    const hidden = await createIssue({ reporterId: reporter.id, buurtCode: first.code, visibility: "hidden" });

    const { channel, items } = await feed(buurtFeedLoader, `/feeds/buurten/${first.code}.xml`, {
      file: `${first.code}.xml`,
    });
    expect(childText(channel, "title")).toContain(first.name);
    expect(titles(items)).toContain(here.title);
    expect(titles(items)).not.toContain(there.title);
    expect(titles(items)).not.toContain(hidden.title);

    for (const file of ["BU00000000.xml", `${first.code}.json`, first.code, "..%2F.xml"]) {
      const response = (await run(buurtFeedLoader as Handler, `/feeds/buurten/${file}`, {
        params: { file },
      })) as Response;
      expect(response.status, file).toBe(404);
    }
  });

  test("a theme feed only has issues of that theme; unknown themes are 404", async () => {
    const reporter = await createUser();
    const afval = await createIssue({ reporterId: reporter.id, themeCode: "afval", title: unique("Afval") });
    const groen = await createIssue({ reporterId: reporter.id, themeCode: "groen", title: unique("Groen") });
    const { items } = await feed(themeFeedLoader, "/feeds/themas/afval.xml", { file: "afval.xml" });
    expect(titles(items)).toContain(afval.title);
    expect(titles(items)).not.toContain(groen.title);
    expect(items.every((item) => childText(item, "category") === "Afval en zwerfvuil")).toBe(true);

    const response = (await run(themeFeedLoader as Handler, "/feeds/themas/bestaat-niet.xml", {
      params: { file: "bestaat-niet.xml" },
    })) as Response;
    expect(response.status).toBe(404);
  });
});

describe("RSS feed of one issue's updates", () => {
  test("has the public messages and never internal notes", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id });
    const organisation = await db.organisation.create({ data: { name: unique("Gemeente"), type: "gemeente" } });
    await db.issueEvent.create({
      data: {
        issueId: issue.id,
        type: "status_changed",
        fromStatus: "nieuw",
        toStatus: "in_behandeling",
        publicMessage: "We gaan er deze week mee aan de slag & houden je op de hoogte.",
        organisationId: organisation.id,
        createdAt: new Date(Date.now() + 1000),
      },
    });
    await db.internalNote.create({
      data: { issueId: issue.id, body: "GEHEIM: bel eerst de wijkagent", organisationId: organisation.id },
    });

    const file = `${issue.id}.xml`;
    const response = (await run(issueFeedLoader as Handler, `/feeds/meldingen/${file}`, {
      params: { file },
    })) as Response;
    const text = await response.clone().text();
    expect(text).not.toContain("GEHEIM");
    const { channel, items } = await feed(issueFeedLoader, `/feeds/meldingen/${file}`, { file });
    expect(childText(channel, "link")).toBe(`${env().PUBLIC_URL}/meldingen/${issue.id}`);
    expect(items).toHaveLength(1);
    expect(childText(items[0]!, "description")).toBe("We gaan er deze week mee aan de slag & houden je op de hoogte.");
    expect(childText(items[0]!, "title")).toContain("In behandeling");
    expect(childText(items[0]!, "title")).toContain(organisation.name);
    expect(childText(items[0]!, "link")).toMatch(new RegExp(`/meldingen/${issue.id}#update-`));
  });

  test("hidden, unconfirmed and unknown issues are 404", async () => {
    const reporter = await createUser();
    const hidden = await createIssue({ reporterId: reporter.id, visibility: "hidden" });
    const unconfirmed = await createIssue({ reporterId: reporter.id, visibility: "unconfirmed" });
    for (const file of [`${hidden.id}.xml`, `${unconfirmed.id}.xml`, "999999.xml", "abc.xml", "1.json", "-1.xml"]) {
      const response = (await run(issueFeedLoader as Handler, `/feeds/meldingen/${file}`, {
        params: { file },
      })) as Response;
      expect(response.status, file).toBe(404);
    }
  });
});
