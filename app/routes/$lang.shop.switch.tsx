import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setActiveCooperative } from "~/models/users.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { forbidden, requireId, requireLocale } from "~/utils/http.server";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(localePath(requireLocale(params), "/shop"));
}

/** Switches the back office to another cooperative the member belongs to. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const user = await requireUser(request, locale);
  const cooperativeId = requireId((await readForm(request)).get("cooperativeId"));
  if (!(await setActiveCooperative(db, user, cooperativeId)).ok) forbidden();
  return redirect(localePath(locale, "/shop"));
}
