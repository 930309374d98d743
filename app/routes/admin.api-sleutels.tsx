import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { requireAdmin } from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { createApiKey, revokeApiKey } from "~/utils/open311.server";
import { badRequest, readFormData } from "~/utils/request.server";

/** Open311 API keys: administrators create (the key is shown once) and revoke them. */

export const meta: MetaFunction = () => [{ title: `API-sleutels | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const keys = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, createdAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
  return {
    keys: keys.map((key) => ({
      id: key.id,
      name: key.name,
      createdAt: key.createdAt.toISOString(),
      revokedAt: key.revokedAt?.toISOString() ?? null,
      createdBy: key.createdBy?.name ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "create") {
    const name = String(formData.get("name") ?? "").trim();
    if (name.length < 2 || name.length > 100) {
      return data({ error: "Geef de sleutel een naam van 2 tot 100 tekens.", created: null }, { status: 400 });
    }
    const created = await createApiKey(name, user.id);
    return { error: null, created: { name: created.name, key: created.key } };
  }
  if (intent === "revoke") {
    const id = String(formData.get("id") ?? "");
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw badRequest();
    await revokeApiKey(id);
    return { error: null, created: null };
  }
  throw badRequest();
}

export default function AdminApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1 className="text-3xl font-bold">API-sleutels</h1>
      <p className="mt-2 max-w-3xl text-lg">
        Andere systemen sturen meldingen via Open311 (<code>/open311/v2/requests.json</code>) met een API-sleutel. De
        sleutel ziet u maar één keer, direct na het maken. Een ingetrokken sleutel werkt meteen niet meer.
      </p>

      {actionData?.created ? (
        <div role="status" className="card mt-6 max-w-2xl border-green-400 bg-green-50 p-4">
          <p className="font-semibold">Nieuwe sleutel voor {actionData.created.name}:</p>
          <p className="mt-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1">
              {actionData.created.key}
            </code>
          </p>
          <p className="mt-2">Kopieer hem nu: hij wordt niet bewaard en is later niet meer te zien.</p>
        </div>
      ) : null}

      <section aria-labelledby="keys-title" className="mt-6">
        <h2 id="keys-title" className="text-xl font-bold">
          Sleutels
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2">Er zijn nog geen sleutels.</p>
        ) : (
          <div
            className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white"
            role="region"
            aria-labelledby="keys-title"
            tabIndex={0}
          >
            <table className="w-full min-w-[40rem] border-collapse text-left">
              <thead className="bg-gray-50 text-sm">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Naam
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Gemaakt
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Actie
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id} className="border-t border-gray-200">
                    <th scope="row" className="px-3 py-2 text-left font-semibold">
                      {key.name}
                    </th>
                    <td className="px-3 py-2">
                      {formatDate(key.createdAt)}
                      {key.createdBy ? ` door ${key.createdBy}` : ""}
                    </td>
                    <td className="px-3 py-2">
                      {key.revokedAt ? `Ingetrokken op ${formatDate(key.revokedAt)}` : "Actief"}
                    </td>
                    <td className="px-3 py-2">
                      {key.revokedAt ? null : (
                        <Form method="post">
                          <input type="hidden" name="id" value={key.id} />
                          <button type="submit" name="intent" value="revoke" className="btn-quiet">
                            Intrekken<span className="sr-only"> ({key.name})</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="create-key-title" className="card mt-8 max-w-2xl p-5">
        <h2 id="create-key-title" className="text-xl font-bold">
          Nieuwe sleutel
        </h2>
        <Form method="post" className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="api-key-name" className="block font-semibold">
              Naam (welk systeem gebruikt hem?)
            </label>
            <input
              id="api-key-name"
              name="name"
              required
              minLength={2}
              maxLength={100}
              aria-invalid={actionData?.error ? true : undefined}
              aria-describedby={actionData?.error ? "api-key-name-error" : undefined}
              className="mt-1 w-full rounded border border-gray-400 px-3 py-2"
            />
            {actionData?.error ? (
              <p id="api-key-name-error" className="mt-1 text-red-800">
                {actionData.error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            Sleutel maken
          </button>
        </Form>
      </section>
    </>
  );
}
