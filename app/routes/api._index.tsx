import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { feedLink, feedPaths } from "~/domain/feed-links";
import { t } from "~/i18n";
import { apiRateLimit } from "~/utils/api-rate-limit.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction = () => [
  { title: `${t("api.page.title")} | ${t("common.appName")}` },
  { name: "description", content: t("api.page.intro") },
  feedLink(t("api.feeds.allTitle"), feedPaths.all),
];

export function loader() {
  return { publicUrl: env().PUBLIC_URL, limit: apiRateLimit() };
}

function Example({ command }: { command: string }) {
  return (
    <pre className="mt-2 rounded bg-gray-100 p-3 text-sm break-all whitespace-pre-wrap">
      <code>{command}</code>
    </pre>
  );
}

export default function ApiPage() {
  const { publicUrl, limit } = useLoaderData<typeof loader>();
  const feeds = [
    { label: t("api.page.feedAll"), path: feedPaths.all },
    { label: t("api.page.feedBuurt"), path: feedPaths.buurt("BU09832402") },
    { label: t("api.page.feedTheme"), path: feedPaths.theme("afval") },
    { label: t("api.page.feedIssue"), path: feedPaths.issue(1) },
  ];
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("api.page.title")}</h1>
      <p className="mt-2 text-lg">{t("api.page.intro")}</p>

      <section aria-labelledby="api-what" className="mt-6">
        <h2 id="api-what" className="text-2xl font-semibold">
          {t("api.page.whatTitle")}
        </h2>
        <p className="mt-2">{t("api.page.whatText")}</p>
      </section>

      <section aria-labelledby="api-feeds" className="mt-6">
        <h2 id="api-feeds" className="text-2xl font-semibold">
          {t("api.page.feedsTitle")}
        </h2>
        <p className="mt-2">{t("api.page.feedsText")}</p>
        <ul className="mt-2 list-disc space-y-2 pl-6">
          {feeds.map((feed) => (
            <li key={feed.path}>
              {feed.label}:{" "}
              <a href={feed.path} className="break-all">
                {`${publicUrl}${feed.path}`}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-2">{t("api.page.feedsOnPages")}</p>
        <p className="mt-2">{t("api.page.buurtCodes")}</p>
      </section>

      <section aria-labelledby="api-json" className="mt-6">
        <h2 id="api-json" className="text-2xl font-semibold">
          {t("api.page.jsonTitle")}
        </h2>
        <p className="mt-2">{t("api.page.jsonText")}</p>
        <p className="mt-4">{t("api.page.exampleIssues")}</p>
        <Example command={`curl '${publicUrl}/api/issues.geojson?bbox=6.10,51.34,6.20,51.40&zoom=15&theme=afval'`} />
        <p className="mt-4">{t("api.page.exampleBuurten")}</p>
        <Example command={`curl '${publicUrl}/api/buurten.geojson'`} />
        <p className="mt-4">{t("api.page.exampleFeed")}</p>
        <Example command={`curl '${publicUrl}${feedPaths.theme("afval")}'`} />
        <p className="mt-4">
          {t("api.page.openApiText")} <a href="/api/openapi.json">{t("api.page.openApiLink")}</a>.
        </p>
      </section>

      <section aria-labelledby="api-open311" className="mt-6">
        <h2 id="api-open311" className="text-2xl font-semibold">
          {t("api.page.open311Title")}
        </h2>
        <p className="mt-2">
          {t("api.page.open311Text")} <a href="/open311/discovery.json">{`${publicUrl}/open311/discovery.json`}</a>.
        </p>
      </section>

      <section aria-labelledby="api-limits" className="mt-6">
        <h2 id="api-limits" className="text-2xl font-semibold">
          {t("api.page.limitsTitle")}
        </h2>
        <p className="mt-2">{t("api.page.limitsText", { limit })}</p>
        <p className="mt-2">{t("api.page.limitsTip")}</p>
      </section>

      <section aria-labelledby="api-licence" className="mt-6">
        <h2 id="api-licence" className="text-2xl font-semibold">
          {t("api.page.licenceTitle")}
        </h2>
        <p className="mt-2">{t("api.page.licenceText")}</p>
        <p className="mt-2">
          <a href="https://creativecommons.org/licenses/by/4.0/deed.nl">{t("api.page.licenceLink")}</a>
        </p>
      </section>
    </div>
  );
}
