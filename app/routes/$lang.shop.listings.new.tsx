import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingForm } from "~/components/listing-form";
import { getFixedT } from "~/i18n/i18n.server";
import { parseListingForm } from "~/forms/listing.server";
import { createListing, listCraftOptions } from "~/models/listings.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireCooperativeMember(request, locale, "listings");
  const crafts = await listCraftOptions(db, locale);
  const t = getFixedT(locale);
  return { crafts, seo: { title: t("shop:listings.newMetaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "listings");
  const formData = await readForm(request);
  const crafts = await listCraftOptions(db, locale);
  const craft = crafts.find((c) => c.id === Number(formData.get("craftId")));
  const parsed = parseListingForm(formData, craft?.attributeKeys ?? []);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (!craft) return data(formFailure("shop:errors.craft", "craftId"), { status: 400 });
  const created = await createListing(db, { cooperativeId, userId: user.id, fields: parsed.data });
  // The form's schema already asks for a title; the model says so again for its other callers.
  if (!created.ok) return data(formFailure(`shop:errors.${created.error}`), { status: 400 });
  return redirect(`${localePath(locale, `/shop/listings/${created.id}`)}?notice=created`);
}

export default function NewListing() {
  const { crafts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="new-title" className="stack">
      <h2 id="new-title">{t("shop:listings.new")}</h2>
      <p className="muted">{t("shop:listings.newIntro")}</p>
      <ListingForm crafts={crafts} failure={failure} submitLabel={t("shop:form.create")} />
    </section>
  );
}
