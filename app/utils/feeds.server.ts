import type { AppLoadContext } from "@remix-run/node";
import { feedPaths } from "~/domain/feed-links";
import { renderRss, RSS_CONTENT_TYPE, type RssItem } from "~/domain/rss";
import { t } from "~/i18n";
import type { IssueFilters } from "~/domain/issue-filters";
import { enforceApiRateLimit } from "./api-rate-limit.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { findPublicIssue, publicIssueWhere } from "./issues.server";

/** Every feed shows at most this many of the newest items. */
export const FEED_SIZE = 50;

const notFound = () =>
  new Response("Deze feed bestaat niet.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** "BU09832402.xml" → "BU09832402"; anything else → null. */
export function codeFromFeedFile(file: string | undefined) {
  const match = /^([A-Za-z0-9_-]{1,64})\.xml$/.exec(file ?? "");
  return match ? match[1]! : null;
}

function rssResponse(xml: string) {
  return new Response(xml, {
    headers: { "Content-Type": RSS_CONTENT_TYPE, "Cache-Control": "public, max-age=300" },
  });
}

/** Absolute URL of a path on this site (PUBLIC_URL). */
export const absoluteUrl = (path: string) => `${env().PUBLIC_URL}${path}`;

/** A feed of the newest public issues, optionally of one buurt or one theme. */
async function issuesFeed(options: {
  filters: IssueFilters;
  title: string;
  description: string;
  pagePath: string;
  feedPath: string;
}) {
  const issues = await db.issue.findMany({
    where: publicIssueWhere(options.filters),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      createdAt: true,
      theme: { select: { name: true } },
      buurt: { select: { name: true } },
    },
  });
  const items: RssItem[] = issues.map((issue) => {
    const link = absoluteUrl(`/meldingen/${issue.id}`);
    return {
      title: issue.title,
      link,
      guid: link,
      guidIsPermaLink: true,
      pubDate: issue.createdAt,
      description: `${issue.buurt.name} · ${t(`common.status.${issue.status}` as "common.status.nieuw")}\n\n${issue.description}`,
      category: issue.theme.name,
    };
  });
  return rssResponse(
    renderRss({
      title: options.title,
      link: absoluteUrl(options.pagePath),
      description: options.description,
      selfUrl: absoluteUrl(options.feedPath),
      lastBuildDate: issues[0]?.createdAt ?? new Date(0),
      items,
    }),
  );
}

export async function allIssuesFeed(request: Request, context: AppLoadContext) {
  await enforceApiRateLimit(request, context, "text");
  return issuesFeed({
    filters: {},
    title: "Nieuwe meldingen in Blerick | Buurt Bestuurt",
    description: "De nieuwste meldingen van bewoners in Blerick.",
    pagePath: "/",
    feedPath: feedPaths.all,
  });
}

export async function buurtFeed(request: Request, context: AppLoadContext, file: string | undefined) {
  await enforceApiRateLimit(request, context, "text");
  const code = codeFromFeedFile(file);
  const buurt = code ? await db.buurt.findUnique({ where: { code }, select: { code: true, name: true } }) : null;
  if (!buurt) throw notFound();
  return issuesFeed({
    filters: { buurt: buurt.code },
    title: `Nieuwe meldingen in ${buurt.name} | Buurt Bestuurt`,
    description: `De nieuwste meldingen van bewoners in de buurt ${buurt.name}.`,
    pagePath: `/?buurt=${encodeURIComponent(buurt.code)}`,
    feedPath: feedPaths.buurt(buurt.code),
  });
}

export async function themeFeed(request: Request, context: AppLoadContext, file: string | undefined) {
  await enforceApiRateLimit(request, context, "text");
  const code = codeFromFeedFile(file);
  // Retired themes keep their feed: their issues are still public.
  const theme = code ? await db.theme.findUnique({ where: { code }, select: { code: true, name: true } }) : null;
  if (!theme) throw notFound();
  return issuesFeed({
    filters: { theme: theme.code },
    title: `Nieuwe meldingen over ${theme.name} | Buurt Bestuurt`,
    description: `De nieuwste meldingen over ${theme.name} in Blerick.`,
    pagePath: `/?theme=${encodeURIComponent(theme.code)}`,
    feedPath: feedPaths.theme(theme.code),
  });
}

/**
 * The public timeline of one issue: every event with a public message. Internal notes are
 * another table and are never read here.
 */
export async function issueUpdatesFeed(request: Request, context: AppLoadContext, file: string | undefined) {
  await enforceApiRateLimit(request, context, "text");
  const code = codeFromFeedFile(file);
  const id = code && /^\d{1,9}$/.test(code) ? Number(code) : NaN;
  const issue = Number.isSafeInteger(id)
    ? await findPublicIssue(id, {
        id: true,
        title: true,
        createdAt: true,
        theme: { select: { name: true } },
        events: {
          where: { publicMessage: { not: null } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: FEED_SIZE,
          select: { id: true, toStatus: true, publicMessage: true, createdAt: true, organisationId: true },
        },
      })
    : null;
  if (!issue) throw notFound();

  const organisationIds = [...new Set(issue.events.flatMap((e) => (e.organisationId ? [e.organisationId] : [])))];
  const organisations = organisationIds.length
    ? await db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } })
    : [];
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const link = absoluteUrl(`/meldingen/${issue.id}`);
  const items: RssItem[] = issue.events.map((event) => {
    const status = event.toStatus ? t(`common.status.${event.toStatus}` as "common.status.nieuw") : null;
    const by = event.organisationId ? organisationName.get(event.organisationId) : undefined;
    return {
      title: [status ? `Update: ${status}` : "Update", by ? `(${by})` : ""].filter(Boolean).join(" "),
      link: `${link}#update-${event.id}`,
      guid: `${link}#update-${event.id}`,
      guidIsPermaLink: true,
      pubDate: event.createdAt,
      description: event.publicMessage ?? "",
      category: issue.theme.name,
    };
  });
  return rssResponse(
    renderRss({
      title: `Updates over "${issue.title}" | Buurt Bestuurt`,
      link,
      description: `Publieke berichten over melding ${issue.id}: ${issue.title}.`,
      selfUrl: absoluteUrl(feedPaths.issue(issue.id)),
      lastBuildDate: issue.events[0]?.createdAt ?? issue.createdAt,
      items,
    }),
  );
}
