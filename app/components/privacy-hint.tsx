import { Link } from "@remix-run/react";
import { t } from "~/i18n";

/** One line under forms that collect personal data, linking to the privacy page. */
export function PrivacyHint() {
  return (
    <p className="text-sm text-gray-700">
      {t("privacy.formHint")} <Link to="/privacy">{t("privacy.formHintLink")}</Link>.
    </p>
  );
}
