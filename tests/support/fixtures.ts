/**
 * People and shops made straight in the database of the server under test, and a session
 * cookie for them (as the Epic Stack's login fixture does): tests then act through HTTP.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "#db/client";
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
