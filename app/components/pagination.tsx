import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Previous / next links that keep every other query parameter. `param`: the query parameter
 * of this list (a page with two lists, products and reviews, pages each on its own);
 * `hash`: where the linked page should scroll to.
 */
export function Pagination({
  page,
  pageCount,
  param = "page",
  hash = "",
  label,
}: {
  page: number;
  pageCount: number;
  param?: string;
  hash?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (n: number) => {
    const params = new URLSearchParams(search);
    if (n === 1) params.delete(param);
    else params.set(param, String(n));
    const qs = params.toString();
    return `${pathname}${qs ? `?${qs}` : ""}${hash}`;
  };
  return (
    <nav className="pagination" aria-label={label ?? t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("pagination.status", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
