/**
 * People and their access: accounts, passwords (argon2id), server-side sessions,
 * memberships of cooperatives, single-use emailed links, and the sign-in rate limit.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import { and, asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { auditLog, cooperatives, loginFailures, memberships, sessions, userTokens, users } from "../../db/schema";

/** OWASP's first choice: argon2id, 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Failures allowed in the window before sign-in answers 429. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

export type MembershipRole = "owner" | "editor";
export type StaffRole = "moderator" | "admin";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  staffRole: StaffRole | null;
  sessionId: string;
  activeCooperativeId: number | null;
  memberships: { cooperativeId: number; role: MembershipRole; slug: string; name: Record<string, string | undefined> }[];
};

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_OPTIONS);
}

export async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
    .limit(1);
  return user ?? null;
}

export async function createUser(
  db: Executor,
  input: { email: string; name: string; password?: string; preferredLocale?: string; staffRole?: StaffRole | null },
) {
  const [user] = await db
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash: input.password ? await hashPassword(input.password) : null,
      preferredLocale: input.preferredLocale ?? "ar",
      staffRole: input.staffRole ?? null,
    })
    .returning();
  return user;
}

// ─── Sign-in and its rate limit ─────────────────────────────────────────────

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: "invalid" | "rate_limited" };

async function recentFailures(db: Executor, key: string): Promise<number> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.failedAt, since)));
  return row.n;
}

/**
 * Checks email and password. Limits failures per account and per client address;
 * the counts live in the database, so every app process enforces the same limit.
 */
export async function verifyLogin(db: Executor, input: { email: string; password: string; address: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const accountKey = `account:${email}`;
  const addressKey = `address:${input.address}`;
  const [byAccount, byAddress] = await Promise.all([recentFailures(db, accountKey), recentFailures(db, addressKey)]);
  if (byAccount >= LOGIN_LIMITS.perAccount || byAddress >= LOGIN_LIMITS.perAddress) {
    return { ok: false, reason: "rate_limited" };
  }
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash when the account does not exist, so timing does not tell.
  const storedHash = user?.passwordHash ?? (await dummyHash());
  const valid = await argon2Verify(storedHash, input.password).catch(() => false);
  if (!user || !user.passwordHash || !valid || user.disabledAt) {
    await db.insert(loginFailures).values([{ key: accountKey }, { key: addressKey }]);
    return { ok: false, reason: "invalid" };
  }
  await db.delete(loginFailures).where(eq(loginFailures.key, accountKey));
  return { ok: true, userId: user.id };
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}

// ─── Sessions ────────────────────────────────────────────────────────────────

/** Creates a session and returns the secret token for the cookie (only its hash is stored). */
export async function createSession(db: Executor, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const [firstMembership] = await db
    .select({ cooperativeId: memberships.cooperativeId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.cooperativeId))
    .limit(1);
  await db.insert(sessions).values({ id: sha256(token), userId, expiresAt, activeCooperativeId: firstMembership?.cooperativeId ?? null });
  return { token, expiresAt };
}

export async function getSessionUser(db: Executor, token: string | null | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const sessionId = sha256(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  const memberRows = await db
    .select({ cooperativeId: memberships.cooperativeId, role: memberships.role, slug: cooperatives.slug, name: cooperatives.name })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(eq(memberships.userId, row.user.id))
    .orderBy(asc(memberships.cooperativeId));
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    staffRole: row.user.staffRole,
    sessionId,
    activeCooperativeId: row.session.activeCooperativeId,
    memberships: memberRows,
  };
}

export async function deleteSession(db: Executor, token: string) {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function setActiveCooperative(db: Executor, user: SessionUser, cooperativeId: number): Promise<boolean> {
  if (!user.memberships.some((m) => m.cooperativeId === cooperativeId)) return false;
  await db.update(sessions).set({ activeCooperativeId: cooperativeId }).where(eq(sessions.id, user.sessionId));
  return true;
}

// ─── Emailed links: password reset and invitations ──────────────────────────

export async function createPasswordReset(db: Executor, email: string): Promise<{ token: string; user: typeof users.$inferSelect } | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return null;
  const token = newToken();
  await db.insert(userTokens).values({
    tokenHash: sha256(token),
    purpose: "password_reset",
    email: user.email,
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
  });
  return { token, user };
}

export async function createInvitation(
  db: Executor,
  input: { email: string; cooperativeId: number; role: MembershipRole; invitedBy: number },
): Promise<{ token: string }> {
  const token = newToken();
  await db.insert(userTokens).values({
    tokenHash: sha256(token),
    purpose: "invitation",
    email: normalizeEmail(input.email),
    cooperativeId: input.cooperativeId,
    role: input.role,
    invitedBy: input.invitedBy,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  await db.insert(auditLog).values({
    actorUserId: input.invitedBy,
    action: "membership.invite",
    entityType: "cooperative",
    entityId: String(input.cooperativeId),
    after: { email: normalizeEmail(input.email), role: input.role },
  });
  return { token };
}

export type UsableToken = typeof userTokens.$inferSelect & { cooperativeName: Record<string, string | undefined> | null };

/** A link that has not been used and has not expired, or null. */
export async function findUsableToken(db: Executor, token: string, purpose: "password_reset" | "invitation"): Promise<UsableToken | null> {
  const [row] = await db
    .select({ token: userTokens, cooperativeName: cooperatives.name })
    .from(userTokens)
    .leftJoin(cooperatives, eq(cooperatives.id, userTokens.cooperativeId))
    .where(
      and(
        eq(userTokens.tokenHash, sha256(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row ? { ...row.token, cooperativeName: row.cooperativeName } : null;
}

/** Marks the link used; false when it was already used (two tabs, a replay). */
async function consumeToken(db: Executor, id: number): Promise<boolean> {
  const used = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.id, id), isNull(userTokens.usedAt)))
    .returning({ id: userTokens.id });
  return used.length === 1;
}

export async function resetPassword(db: Executor, token: string, password: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, token, "password_reset");
    if (!found || !found.userId || !(await consumeToken(tx, found.id))) return null;
    await tx.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, found.userId));
    // A reset signs out every other session of the account.
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    return found.userId;
  });
}

/** Accepts an invitation: creates the account if needed, sets the password, adds the membership. */
export async function acceptInvitation(
  db: Executor,
  input: { token: string; name: string; password: string; locale: string },
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, input.token, "invitation");
    if (!found || !found.cooperativeId || !found.role || !(await consumeToken(tx, found.id))) return null;
    let user = await findUserByEmail(tx, found.email);
    if (!user) {
      user = await createUser(tx, { email: found.email, name: input.name, password: input.password, preferredLocale: input.locale });
    } else {
      await tx.update(users).set({ passwordHash: await hashPassword(input.password), name: input.name.trim() }).where(eq(users.id, user.id));
    }
    await tx
      .insert(memberships)
      .values({ userId: user.id, cooperativeId: found.cooperativeId, role: found.role })
      .onConflictDoUpdate({ target: [memberships.userId, memberships.cooperativeId], set: { role: found.role } });
    await tx.insert(auditLog).values({
      actorUserId: user.id,
      action: "membership.accept",
      entityType: "cooperative",
      entityId: String(found.cooperativeId),
      after: { userId: user.id, role: found.role },
    });
    return user.id;
  });
}
