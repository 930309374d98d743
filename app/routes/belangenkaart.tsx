import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TriangleAlert } from "lucide-react";
import { FormAlert } from "~/components/admin";
import { ErrorSummary, RadioGroupField, TextField, useZodForm } from "~/components/forms";
import {
  MatrixLegend,
  MatrixRowHeader,
  matrixRowBackground,
  ThemeMatrixTable,
  TrekkerFooter,
} from "~/components/theme-matrix";
import {
  addPartySchema,
  INTEREST_CHOICES,
  INTEREST_LEVELS,
  interestRowSchema,
  LEVEL_RADIUS,
  NO_INTEREST,
  NOTE_MAX,
  PARTY_KINDS,
  removePartySchema,
  type InterestLevel,
} from "~/domain/interests";
import { canManageSteering, canViewInterestMap } from "~/domain/permissions";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { addParty, interestMap, removeParty, setInterestRow, type InterestMap } from "~/utils/interests.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: `${t("interests.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

function forbidden() {
  return new Response("Geen toegang", { status: 403 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewInterestMap(user)) throw forbidden();
  const map = await interestMap();
  const canEdit = canManageSteering(user);
  // ?rij=<row id> opens that row's edit form (a plain link, so it works without JavaScript).
  const row = new URL(request.url).searchParams.get("rij");
  return { ...map, canEdit, editing: canEdit && row && map.rows.some((r) => r.rowId === row) ? row : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Authorisation before validation: who may not edit learns nothing from the answer.
  if (!canManageSteering(user)) throw forbidden();
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: addPartySchema });
    if (submission.status !== "success")
      return data({ intent: "add" as const, result: submission.reply() }, { status: 400 });
    const result = await addParty(user, submission.value);
    if (!result.ok) {
      if (result.error === "forbidden") throw forbidden();
      return data(
        { intent: "add" as const, result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) },
        { status: 400 },
      );
    }
    return redirectWithToast(`/belangenkaart#rij-${result.id}`, {
      kind: "success",
      message: t("interests.added", { name: result.name }),
    });
  }

  const rowId = String(formData.get("partyId") || formData.get("organisationId") || "");
  const fail = (message: string) => data({ intent: "row" as const, rowId, error: message }, { status: 400 });

  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removePartySchema });
    if (submission.status !== "success") return fail(t("interests.validation.partyUnknown"));
    const result = await removeParty(user, submission.value.partyId);
    if (!result.ok) {
      if (result.error === "forbidden") throw forbidden();
      return fail(result.message);
    }
    return redirectWithToast("/belangenkaart", {
      kind: "success",
      message: t("interests.removed", { name: result.name }),
    });
  }

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: interestRowSchema });
    if (submission.status !== "success") {
      const first = Object.values(submission.error ?? {}).flatMap((messages) => messages ?? [])[0];
      return fail(first ?? t("interests.validation.levelInvalid"));
    }
    const result = await setInterestRow(user, submission.value);
    if (!result.ok) {
      if (result.error === "forbidden") throw forbidden();
      return fail(result.message);
    }
    return redirectWithToast("/belangenkaart", {
      kind: "success",
      message: t("interests.saved", { name: result.name }),
    });
  }
  return new Response("Onbekende actie", { status: 400 });
}

const LEVEL_STYLE: Record<InterestLevel, string> = {
  hoog: "border-primary-800 bg-primary-700 text-white",
  midden: "border-primary-700 bg-primary-50 text-primary-900",
  laag: "border-gray-400 bg-gray-50 text-gray-800",
};

/** Filled, half and empty dots as a non-colour cue beside the word. */
function LevelDots({ level }: { level: InterestLevel }) {
  const filled = level === "hoog" ? 3 : level === "midden" ? 2 : 1;
  return (
    <span aria-hidden="true" className="inline-flex gap-0.5">
      {[0, 1, 2].map((i) => (
        <span key={i} className={`h-2 w-2 rounded-full border border-current ${i < filled ? "bg-current" : ""}`} />
      ))}
    </span>
  );
}

function LevelBadge({ level }: { level: InterestLevel | undefined }) {
  if (!level) {
    return (
      <>
        <span aria-hidden="true" className="text-gray-500">
          {t("interests.levels.geen")}
        </span>
        <span className="sr-only">{t("interests.noInterest")}</span>
      </>
    );
  }
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-sm font-medium whitespace-nowrap ${LEVEL_STYLE[level]}`}
    >
      <LevelDots level={level} />
      {t(`interests.levels.${level}`)}
    </span>
  );
}

function FlagBadge() {
  return (
    <span className="mt-1 inline-flex items-center gap-1 rounded border border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900">
      <TriangleAlert aria-hidden="true" className="h-3.5 w-3.5" />
      {t("interests.flag")}
    </span>
  );
}

export default function InterestMapPage() {
  const { rows, themes, flagged, canEdit, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const flaggedSet = new Set(flagged);
  const flaggedThemes = themes.filter((theme) => flaggedSet.has(theme.id));
  const rowError = actionData?.intent === "row" ? actionData : null;
  // An error names the row by the id it was posted with: the party id, or the organisation id.
  const names = new Map<string, string>();
  for (const row of rows) {
    names.set(row.rowId, row.name);
    if (row.organisationId) names.set(row.organisationId, row.name);
  }

  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("interests.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("interests.intro")}</p>
      <p className="mt-2 max-w-3xl">{canEdit ? t("interests.editable") : t("interests.readOnly")}</p>
      <p className="mt-2">
        <Link to="/partnerschapskaart">{t("interests.partnershipLink")}</Link>
      </p>

      {flaggedThemes.length ? (
        <section
          aria-labelledby="interest-warnings"
          className="mt-6 max-w-3xl rounded-md border-l-8 border-amber-500 bg-amber-50 p-4"
        >
          <h2 id="interest-warnings" className="flex items-center gap-2 text-lg font-bold">
            <TriangleAlert aria-hidden="true" className="h-5 w-5 text-amber-800" />
            {t("interests.warningsTitle")}
          </h2>
          <p className="mt-1">
            {t("interests.warningsFlag", { themes: flaggedThemes.map((theme) => theme.name).join(", ") })}
          </p>
        </section>
      ) : null}

      <MatrixLegend
        id="interest-legend"
        title={t("interests.legendTitle")}
        items={INTEREST_LEVELS}
        badge={(level) => <LevelBadge level={level} />}
        hint={(level) => t(`interests.levelHints.${level}`)}
      />

      <div className="mt-4">
        <FormAlert message={rowError ? [names.get(rowError.rowId), rowError.error].filter(Boolean).join(": ") : null} />
      </div>

      {themes.length === 0 ? (
        <p className="card mt-4 p-5">{t("interests.emptyThemes")}</p>
      ) : (
        <>
          <ThemeMatrixTable
            captionId="interest-caption"
            caption={t("interests.caption")}
            firstColumn={t("interests.party")}
            themes={themes}
            themeExtra={(theme) => (flaggedSet.has(theme.id) ? <FlagBadge /> : null)}
          >
            <tbody>
              {rows.map((row) => {
                const isEditing = editing === row.rowId;
                const formId = `interest-row-${row.rowId}`;
                const background = matrixRowBackground({ hasError: rowError?.rowId === row.rowId, isEditing });
                return (
                  <tr
                    key={row.rowId}
                    id={`rij-${row.rowId}`}
                    className={`border-t border-gray-200 align-top ${background}`}
                  >
                    <MatrixRowHeader
                      name={row.name}
                      subtitle={
                        row.organisationId ? t("interests.partnerOrganisation") : t(`interests.kinds.${row.kind}`)
                      }
                      background={background}
                      isEditing={isEditing}
                      canEdit={canEdit}
                      formId={formId}
                      hiddenFields={
                        <>
                          <input type="hidden" name="intent" value="save" />
                          {row.partyId ? (
                            <input type="hidden" name="partyId" value={row.partyId} />
                          ) : (
                            <input type="hidden" name="organisationId" value={row.organisationId ?? ""} />
                          )}
                        </>
                      }
                      editHref={`/belangenkaart?rij=${row.rowId}#rij-${row.rowId}`}
                      cancelHref="/belangenkaart"
                      submitting={navigation.state === "submitting"}
                      labels={{
                        save: t("interests.save"),
                        saveFor: t("interests.saveFor", { name: row.name }),
                        cancel: t("interests.cancel"),
                        edit: t("interests.edit"),
                        editFor: t("interests.editFor", { name: row.name }),
                      }}
                      extraActions={
                        row.partyId ? (
                          <Form method="post" preventScrollReset>
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="partyId" value={row.partyId} />
                            <button type="submit" className="btn-quiet text-sm whitespace-nowrap text-red-800">
                              {t("interests.remove")}
                              <span className="sr-only"> {t("interests.removeFor", { name: row.name })}</span>
                            </button>
                          </Form>
                        ) : null
                      }
                    />
                    {themes.map((theme) => {
                      const cell = row.interests[theme.id];
                      return (
                        <td key={theme.id} className="px-3 py-2">
                          {isEditing ? (
                            <div className="space-y-1">
                              <select
                                form={formId}
                                name={`levels.${theme.id}`}
                                defaultValue={cell?.level ?? NO_INTEREST}
                                aria-label={t("interests.levelLabel", { party: row.name, theme: theme.name })}
                                className="input min-w-36 py-1"
                              >
                                {INTEREST_CHOICES.map((choice) => (
                                  <option key={choice} value={choice}>
                                    {choice === NO_INTEREST
                                      ? t("interests.noInterestOption")
                                      : t(`interests.levels.${choice}`)}
                                  </option>
                                ))}
                              </select>
                              <input
                                form={formId}
                                name={`notes.${theme.id}`}
                                defaultValue={cell?.note ?? ""}
                                maxLength={NOTE_MAX}
                                placeholder={t("interests.notePlaceholder")}
                                aria-label={t("interests.noteLabel", { party: row.name, theme: theme.name })}
                                className="input min-w-36 py-1 text-sm"
                              />
                            </div>
                          ) : (
                            <>
                              <LevelBadge level={cell?.level} />
                              {cell?.note ? (
                                <span className="mt-1 block max-w-48 text-sm text-gray-700">{cell.note}</span>
                              ) : null}
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
            <TrekkerFooter
              label={t("interests.trekkerRow")}
              themes={themes}
              trekkers={(theme) => theme.trekkers}
              noneLabel={t("interests.noTrekker")}
            />
          </ThemeMatrixTable>

          <InterestGraph rows={rows} themes={themes} flagged={flaggedSet} />
        </>
      )}

      {canEdit ? <AddPartyForm /> : null}
    </div>
  );
}

// `right` leaves room for the last theme name, which is drawn rotated beyond its column.
const GRAPH = { labelWidth: 230, column: 92, header: 132, row: 40, right: 110 };
const LEVEL_FILL: Record<InterestLevel, string> = { hoog: "#0e5c55", midden: "#4f9a93", laag: "#a7cfcb" };

/**
 * The same data as the table as a grid of circles (server-rendered SVG, no JavaScript). The
 * table is the text alternative; the SVG has a title and description and each circle a title.
 */
function InterestGraph({
  rows,
  themes,
  flagged,
}: {
  rows: InterestMap["rows"];
  themes: InterestMap["themes"];
  flagged: Set<string>;
}) {
  const gridWidth = GRAPH.labelWidth + themes.length * GRAPH.column;
  const width = gridWidth + GRAPH.right;
  const height = GRAPH.header + rows.length * GRAPH.row + 8;
  return (
    <section aria-labelledby="interest-graph-title" className="mt-8">
      <h2 id="interest-graph-title" className="text-xl font-bold">
        {t("interests.graphTitle")}
      </h2>
      <p className="mt-1 text-gray-700">{t("interests.graphIntro")}</p>
      <div className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white p-2">
        <svg
          role="img"
          aria-labelledby="interest-graph-svg-title interest-graph-svg-desc"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          className="max-w-none font-sans"
        >
          <title id="interest-graph-svg-title">{t("interests.graphTitle")}</title>
          <desc id="interest-graph-svg-desc">{t("interests.graphDescription")}</desc>
          {themes.map((theme, col) => {
            const x = GRAPH.labelWidth + col * GRAPH.column + GRAPH.column / 2;
            return (
              <g key={theme.id}>
                {flagged.has(theme.id) ? (
                  <rect
                    x={x - GRAPH.column / 2 + 2}
                    y={GRAPH.header - 6}
                    width={GRAPH.column - 4}
                    height={rows.length * GRAPH.row + 10}
                    rx={6}
                    fill="#fffbeb"
                    stroke="#d97706"
                    strokeDasharray="4 3"
                  />
                ) : null}
                <text
                  x={x}
                  y={GRAPH.header - 14}
                  transform={`rotate(-40 ${x} ${GRAPH.header - 14})`}
                  fontSize={13}
                  fill={flagged.has(theme.id) ? "#78350f" : "#1f2937"}
                  fontWeight={flagged.has(theme.id) ? 700 : 400}
                >
                  {flagged.has(theme.id) ? `⚠ ${theme.name}` : theme.name}
                </text>
              </g>
            );
          })}
          {rows.map((row, index) => {
            const y = GRAPH.header + index * GRAPH.row + GRAPH.row / 2;
            return (
              <g key={row.rowId}>
                {index % 2 === 0 ? (
                  <rect x={0} y={y - GRAPH.row / 2} width={gridWidth} height={GRAPH.row} fill="#f3f4f6" opacity={0.6} />
                ) : null}
                <text x={8} y={y + 4} fontSize={13} fill="#111827">
                  {row.name.length > 30 ? `${row.name.slice(0, 29)}…` : row.name}
                </text>
                {themes.map((theme, col) => {
                  const cell = row.interests[theme.id];
                  const x = GRAPH.labelWidth + col * GRAPH.column + GRAPH.column / 2;
                  if (!cell) return <circle key={theme.id} cx={x} cy={y} r={2} fill="#9ca3af" />;
                  return (
                    <circle
                      key={theme.id}
                      cx={x}
                      cy={y}
                      r={LEVEL_RADIUS[cell.level]}
                      fill={LEVEL_FILL[cell.level]}
                      stroke="#0b4843"
                      strokeWidth={1}
                    >
                      <title>
                        {t("interests.graphCell", {
                          party: row.name,
                          theme: theme.name,
                          level: t(`interests.levels.${cell.level}`),
                        })}
                      </title>
                    </circle>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="mt-2 flex flex-wrap gap-4 text-sm text-gray-800" aria-hidden="true">
        {INTEREST_LEVELS.map((level) => (
          <li key={level} className="inline-flex items-center gap-2">
            <svg width={2 * LEVEL_RADIUS.hoog + 2} height={2 * LEVEL_RADIUS.hoog + 2}>
              <circle
                cx={LEVEL_RADIUS.hoog + 1}
                cy={LEVEL_RADIUS.hoog + 1}
                r={LEVEL_RADIUS[level]}
                fill={LEVEL_FILL[level]}
                stroke="#0b4843"
              />
            </svg>
            {t(`interests.levels.${level}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddPartyForm() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = actionData?.intent === "add" ? actionData.result : undefined;
  const [form, fields] = useZodForm(addPartySchema, {
    id: "party-add",
    lastResult,
    defaultValue: { kind: "bewonersgroep" },
  });
  return (
    <section aria-labelledby="party-add-title" className="card mt-8 max-w-2xl p-5">
      <h2 id="party-add-title" className="text-xl font-bold">
        {t("interests.addTitle")}
      </h2>
      <p className="mt-1 text-gray-700">{t("interests.addIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="add" />
        <ErrorSummary
          items={[
            { id: fields.name.id, label: t("interests.name"), errors: fields.name.errors },
            { id: fields.kind.id, label: t("interests.kind"), errors: fields.kind.errors },
          ]}
          formErrors={form.errors}
        />
        <TextField field={fields.name} label={t("interests.name")} />
        <RadioGroupField
          field={fields.kind}
          legend={t("interests.kind")}
          options={PARTY_KINDS.map((kind) => ({ value: kind, label: t(`interests.kinds.${kind}`) }))}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("interests.add")}
        </button>
      </Form>
    </section>
  );
}
