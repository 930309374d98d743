import { t } from "~/i18n";

/** Paths of the RSS feeds; the feed routes and the pages that link them use these. */
export const feedPaths = {
  all: "/feeds/meldingen.xml",
  buurt: (code: string) => `/feeds/buurten/${encodeURIComponent(code)}.xml`,
  theme: (code: string) => `/feeds/themas/${encodeURIComponent(code)}.xml`,
  issue: (id: number) => `/feeds/meldingen/${id}.xml`,
};

/** A `<link rel="alternate">` for a Remix meta export, so feed readers find the feed on the page. */
export function feedLink(title: string, href: string) {
  return { tagName: "link", rel: "alternate", type: "application/rss+xml", title, href } as const;
}

/** The feeds of the home page: always all of Blerick, plus the chosen buurt and theme. */
export function homeFeedLinks(filter: {
  buurt?: { code: string; name: string };
  theme?: { code: string; name: string };
}) {
  return [
    feedLink(t("api.feeds.allTitle"), feedPaths.all),
    ...(filter.buurt
      ? [feedLink(t("api.feeds.buurtTitle", { name: filter.buurt.name }), feedPaths.buurt(filter.buurt.code))]
      : []),
    ...(filter.theme
      ? [feedLink(t("api.feeds.themeTitle", { name: filter.theme.name }), feedPaths.theme(filter.theme.code))]
      : []),
  ];
}
