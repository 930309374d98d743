import { describe, expect, test } from "vitest";
import { childText, childrenNamed, parseXml } from "../../tests/xml-utils";
import { renderRss, rfc822 } from "./rss";
import { escapeXml } from "./xml";

describe("escapeXml", () => {
  test("escapes markup characters and drops characters XML forbids", () => {
    expect(escapeXml(`<b>"Tom" & 'Jet'</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jet&apos;&lt;/b&gt;");
    expect(escapeXml("a\u0000b\u0008c\td\ne")).toBe("abc\td\ne");
  });
});

describe("rfc822", () => {
  test("formats in GMT with English day and month names", () => {
    expect(rfc822(new Date("2026-03-01T05:04:03Z"))).toBe("Sun, 01 Mar 2026 05:04:03 GMT");
    expect(rfc822(new Date("2026-12-31T23:59:59.900Z"))).toBe("Thu, 31 Dec 2026 23:59:59 GMT");
  });

  test("is read back to the same second", () => {
    const date = new Date("2026-07-14T12:34:56Z");
    expect(new Date(rfc822(date)).getTime()).toBe(date.getTime());
  });
});

describe("renderRss", () => {
  const channel = {
    title: "Meldingen in Blerick",
    link: "https://example.nl/",
    description: "Nieuwe meldingen",
    selfUrl: "https://example.nl/feeds/meldingen.xml?a=1&b=2",
    lastBuildDate: new Date("2026-01-02T03:04:05Z"),
    items: [
      {
        title: "Glasbak <vol> & vies",
        link: "https://example.nl/meldingen/1",
        guid: "https://example.nl/meldingen/1",
        guidIsPermaLink: true,
        pubDate: new Date("2026-01-01T10:00:00Z"),
        description: "<script>alert('x')</script>\u0001",
        category: "Afval",
      },
      {
        title: "Zonder thema",
        link: "https://example.nl/meldingen/2",
        guid: "melding-2-event-x",
        guidIsPermaLink: false,
        pubDate: new Date("2026-01-01T11:00:00Z"),
        description: "Tekst",
      },
    ],
  };

  test("writes well-formed RSS 2.0 that reads back to the same values", () => {
    const xml = renderRss(channel);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const rss = parseXml(xml);
    expect(rss.name).toBe("rss");
    expect(rss.attributes.version).toBe("2.0");
    const [feed] = childrenNamed(rss, "channel");
    expect(childText(feed!, "title")).toBe("Meldingen in Blerick");
    expect(childText(feed!, "language")).toBe("nl-nl");
    expect(childText(feed!, "lastBuildDate")).toBe("Fri, 02 Jan 2026 03:04:05 GMT");
    expect(childrenNamed(feed!, "atom:link")[0]!.attributes.href).toBe(channel.selfUrl);
    const items = childrenNamed(feed!, "item");
    expect(items).toHaveLength(2);
    expect(childText(items[0]!, "title")).toBe("Glasbak <vol> & vies");
    expect(childText(items[0]!, "description")).toBe("<script>alert('x')</script>");
    expect(childText(items[0]!, "category")).toBe("Afval");
    expect(childText(items[0]!, "pubDate")).toBe("Thu, 01 Jan 2026 10:00:00 GMT");
    expect(childrenNamed(items[0]!, "guid")[0]!.attributes.isPermaLink).toBe("true");
    expect(childrenNamed(items[1]!, "guid")[0]!.attributes.isPermaLink).toBe("false");
    expect(childrenNamed(items[1]!, "category")).toHaveLength(0);
    expect(xml).not.toContain("<script>");
  });

  test("the test reader rejects malformed XML", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml("<a>Tom & Jet</a>")).toThrow();
    expect(() => parseXml("<a>")).toThrow();
  });
});
