/**
 * People and shops made straight in the database of the server under test, and a session
 * cookie for them (as the Epic Stack's login fixture does): tests then act through HTTP.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "#db/client";
import { createCooperative, createCraft, createProduct, linkCraft } from "#db/factories";
import { memberships } from "#db/schema";
import { createSession, createUser } from "~/models/users.server";
import type { StaffRole } from "~/utils/permissions";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(prefix: string) {
  return `${prefix}-${randomBytes(4).toString("hex")}@test.hirfa.ma`;
}

/** The Cookie header value Remix's `createCookie` would produce for this session token. */
export function sessionCookieHeader(token: string) {
  return `hirfa_session=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString("base64"))}`;
}

export async function signIn(db: Database, userId: number) {
  const { token } = await createSession(db, userId);
  return { token, cookie: sessionCookieHeader(token) };
}

export async function makeUser(
  db: Database,
  options: { prefix?: string; staffRole?: StaffRole; locale?: string } = {},
) {
  return createUser(db, {
    email: uniqueEmail(options.prefix ?? "user"),
    name: `Test ${options.prefix ?? "user"}`,
    password: PASSWORD,
    staffRole: options.staffRole ?? null,
    preferredLocale: options.locale ?? "fr",
  });
}

export async function makeMember(
  db: Database,
  cooperativeId: number,
  role: "owner" | "editor",
  prefix: string = role,
) {
  const user = await makeUser(db, { prefix });
  await db.insert(memberships).values({ userId: user.id, cooperativeId, role });
  return user;
}

/** A verified cooperative with a craft, an owner, an editor, and a draft and a published listing. */
export async function makeShop(db: Database, label: string) {
  const craft = await createCraft(db, { attributeKeys: ["glaze", "foodSafe"] });
  const cooperative = await createCooperative(db, {
    name: { ar: `تعاونية ${label}`, fr: `Coopérative ${label}` },
  });
  await linkCraft(db, cooperative.id, craft.id);
  const owner = await makeMember(db, cooperative.id, "owner", `owner-${label}`);
  const editor = await makeMember(db, cooperative.id, "editor", `editor-${label}`);
  const draft = await createProduct(db, {
    cooperativeId: cooperative.id,
    craftId: craft.id,
    status: "draft",
    publishedAt: null,
    title: { ar: `مسودة سرية ${label}`, fr: `Brouillon secret ${label}` },
  });
  const published = await createProduct(db, {
    cooperativeId: cooperative.id,
    craftId: craft.id,
    title: { ar: `منتج منشور ${label}`, fr: `Article publié ${label}` },
  });
  return { craft, cooperative, owner, editor, draft, published };
}
