/**
 * A small RSS 2.0 writer without I/O: escaping and RFC 822 dates live here so every feed
 * produces the same well-formed XML.
 */
import { escapeXml } from "./xml";

export type RssItem = {
  title: string;
  link: string;
  /** Stable and unique; with isPermaLink the guid is the item's own URL. */
  guid: string;
  guidIsPermaLink: boolean;
  pubDate: Date;
  /** Plain text; it is escaped, never interpreted as HTML. */
  description: string;
  category?: string;
};

export type RssChannel = {
  title: string;
  link: string;
  description: string;
  /** The URL of the feed itself (atom:link rel="self"). */
  selfUrl: string;
  language?: string;
  lastBuildDate: Date;
  items: RssItem[];
};

export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";


const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (value: number) => String(value).padStart(2, "0");

/** RFC 822 date (with a four-digit year, as RSS 2.0 advises) in GMT: "Tue, 01 Dec 2026 19:24:20 GMT". */
export function rfc822(date: Date) {
  return (
    `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT`
  );
}

const element = (name: string, text: string, indent: string) => `${indent}<${name}>${escapeXml(text)}</${name}>`;

function itemXml(item: RssItem) {
  const indent = "      ";
  return [
    "    <item>",
    element("title", item.title, indent),
    element("link", item.link, indent),
    `${indent}<guid isPermaLink="${item.guidIsPermaLink ? "true" : "false"}">${escapeXml(item.guid)}</guid>`,
    element("pubDate", rfc822(item.pubDate), indent),
    element("description", item.description, indent),
    ...(item.category ? [element("category", item.category, indent)] : []),
    "    </item>",
  ].join("\n");
}

export function renderRss(channel: RssChannel) {
  const indent = "    ";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    element("title", channel.title, indent),
    element("link", channel.link, indent),
    element("description", channel.description, indent),
    element("language", channel.language ?? "nl-nl", indent),
    element("lastBuildDate", rfc822(channel.lastBuildDate), indent),
    `${indent}<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...channel.items.map(itemXml),
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
