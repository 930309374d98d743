import { Link } from "@remix-run/react";
import { t } from "~/i18n";

/**
 * The short pages people land on from a link in a mail (unsubscribe, confirm): a title, the
 * message, and links onward (always back to the map).
 */
export function NarrowPage({
  title,
  children,
  links = [],
}: {
  title: string;
  children: React.ReactNode;
  links?: { to: string; label: string }[];
}) {
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-3xl font-bold">{title}</h1>
      {children}
      <p className="mt-8 flex flex-wrap gap-4">
        {links.map((link) => (
          <Link key={link.to} to={link.to}>
            {link.label}
          </Link>
        ))}
        <Link to="/">{t("mail.unsubscribe.backHome")}</Link>
      </p>
    </div>
  );
}
