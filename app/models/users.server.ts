/**
 * People and their access: accounts, passwords (argon2id), server-side sessions,
 * memberships of cooperatives, single-use emailed links, and the limits on sign-in,
 * reset requests and registrations (decision 010).
 */
import { defaultLocale } from "~/i18n/config";
import { createHash, randomBytes } from "node:crypto";
import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cooperatives, memberships, sessions, userTokens, users } from "#db/schema";
import {
  addressKey,
  clearKey,
  releaseSlot,
  takeSlot,
  type BackoffLimit,
  type WindowLimit,
} from "./rate-limits.server";
import { recordAudit } from "./audit.server";
import type { MembershipRole, StaffRole } from "~/utils/permissions";
import type { Outcome } from "~/utils/outcome";

/** OWASP's first choice: argon2id, 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
export const REGISTRATION_TTL_MS = 24 * 3600 * 1000;

const HOUR_MS = 3600 * 1000;
/**
 * Sign-in failures are throttled per account *and* address, so that nobody can lock an
 * owner out from elsewhere, with delays that grow (1 s, 2 s, 4 s … at most 15 min between
 * tries) instead of a lock; and per address across accounts (password spraying).
 */
export const LOGIN_LIMITS = {
  accountFromAddress: {
    kind: "backoff",
    free: 5,
    baseMs: 1000,
    capMs: 15 * 60 * 1000,
    windowMs: 24 * HOUR_MS,
  },
  address: { kind: "backoff", free: 20, baseMs: 1000, capMs: 15 * 60 * 1000, windowMs: HOUR_MS },
} satisfies Record<string, BackoffLimit>;
/** Reset links asked for: per account (mails to one mailbox) and per address. */
export const RESET_LIMITS = {
  account: { kind: "window", max: 3, windowMs: HOUR_MS },
  address: { kind: "window", max: 10, windowMs: HOUR_MS },
} satisfies Record<string, WindowLimit>;
/** Registrations per address, and mails about registrations to one mailbox. */
export const REGISTRATION_LIMITS = {
  address: { kind: "window", max: 10, windowMs: HOUR_MS },
  mailbox: { kind: "window", max: 3, windowMs: HOUR_MS },
} satisfies Record<string, WindowLimit>;

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  staffRole: StaffRole | null;
  sessionId: string;
  activeCooperativeId: number | null;
  memberships: {
    cooperativeId: number;
    role: MembershipRole;
    slug: string;
    name: Record<string, string | undefined>;
  }[];
};

/**
 * Where a person's work is, for after sign-in when no page asked to be returned to: chamber
 * staff to the chamber, cooperative members to their shop, buyers to the home page ("").
 */
export async function landingPath(db: Executor, userId: number): Promise<"/chamber" | "/shop" | ""> {
  const [user] = await db.select({ staffRole: users.staffRole }).from(users).where(eq(users.id, userId));
  if (user?.staffRole) return "/chamber";
  const [membership] = await db
    .select({ id: memberships.cooperativeId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .limit(1);
  return membership ? "/shop" : "";
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** The stored id of a session token (only its hash is kept). */
export const sessionIdOf = (token: string) => sha256(token);
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
  input: {
    email: string;
    name: string;
    password?: string;
    preferredLocale?: string;
    staffRole?: StaffRole | null;
  },
) {
  const [user] = await db
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash: input.password ? await hashPassword(input.password) : null,
      preferredLocale: input.preferredLocale ?? defaultLocale,
      staffRole: input.staffRole ?? null,
    })
    .returning();
  return user;
}

// ─── Sign-in and its rate limit ─────────────────────────────────────────────

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; error: "invalid" }
  | { ok: false; error: "rate_limited"; retryAfterMs: number };

/**
 * Checks email and password. Each attempt is counted before the password is checked (so a
 * burst of parallel guesses counts in full); a success forgets the failures of this account
 * from this address and does not count against the address. The counts live in the database.
 */
export async function verifyLogin(
  db: Executor,
  input: { email: string; password: string; address: string },
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const from = addressKey(input.address);
  const pairKey = `login:${email}|${from}`;
  const slot = await takeSlot(db, [
    { key: pairKey, limit: LOGIN_LIMITS.accountFromAddress },
    { key: `login-from:${from}`, limit: LOGIN_LIMITS.address },
  ]);
  if (!slot.ok) return { ok: false, error: "rate_limited", retryAfterMs: slot.retryAfterMs };
  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash when the account does not exist, so timing does not tell.
  const storedHash = user?.passwordHash ?? (await dummyHash());
  const valid = await argon2Verify(storedHash, input.password).catch(() => false);
  if (!user || !user.passwordHash || !valid || user.disabledAt) return { ok: false, error: "invalid" };
  await clearKey(db, pairKey);
  await releaseSlot(db, [slot.eventIds[1]]);
  return { ok: true, userId: user.id };
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  return dummy;
}

// ─── Sessions ────────────────────────────────────────────────────────────────

/** Creates a session and returns the secret token for the cookie (only its hash is stored). */
export async function createSession(
  db: Executor,
  userId: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const [firstMembership] = await db
    .select({ cooperativeId: memberships.cooperativeId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.cooperativeId))
    .limit(1);
  await db.insert(sessions).values({
    id: sha256(token),
    userId,
    expiresAt,
    activeCooperativeId: firstMembership?.cooperativeId ?? null,
  });
  return { token, expiresAt };
}

/**
 * The signed-in user of a session token, with their memberships, in one round trip: every
 * page a signed-in buyer opens asks (the header), so the statement is prepared once per
 * connection instead of built by Drizzle each time (decision 016).
 */
export async function getSessionUser(
  db: Executor,
  token: string | null | undefined,
): Promise<SessionUser | null> {
  if (!token) return null;
  const sessionId = sha256(token);
  const [row] = await sessionUserStatement(db).execute({ sessionId, now: new Date().toISOString() });
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    staffRole: row.staffRole,
    sessionId,
    activeCooperativeId: row.activeCooperativeId,
    memberships: row.memberships,
  };
}

const sessionUserStatements = new WeakMap<Executor, ReturnType<typeof prepareSessionUser>>();

function sessionUserStatement(db: Executor) {
  let statement = sessionUserStatements.get(db);
  if (!statement) {
    statement = prepareSessionUser(db);
    sessionUserStatements.set(db, statement);
  }
  return statement;
}

function prepareSessionUser(db: Executor) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      staffRole: users.staffRole,
      activeCooperativeId: sessions.activeCooperativeId,
      memberships: sql<SessionUser["memberships"]>`coalesce((
        select json_agg(json_build_object('cooperativeId', ${memberships.cooperativeId}, 'role', ${memberships.role},
            'slug', ${cooperatives.slug}, 'name', ${cooperatives.name}) order by ${memberships.cooperativeId})
        from ${memberships} join ${cooperatives} on ${cooperatives.id} = ${memberships.cooperativeId}
        where ${memberships.userId} = ${users.id}), '[]')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .prepare("session_user");
}

export async function deleteSession(db: Executor, token: string) {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function setActiveCooperative(
  db: Executor,
  user: SessionUser,
  cooperativeId: number,
): Promise<Outcome<object, "not_member">> {
  if (!user.memberships.some((m) => m.cooperativeId === cooperativeId))
    return { ok: false, error: "not_member" };
  await db
    .update(sessions)
    .set({ activeCooperativeId: cooperativeId })
    .where(eq(sessions.id, user.sessionId));
  return { ok: true };
}

// ─── Emailed links: password reset and invitations ──────────────────────────

export async function createPasswordReset(
  db: Executor,
  email: string,
): Promise<{ token: string; user: typeof users.$inferSelect } | null> {
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

/**
 * Whether a reset link may be sent for `email` at the request of `address` (3 an hour per
 * account, 10 per address). Counted whether or not the account exists: the answer is the same.
 */
export async function mayRequestPasswordReset(
  db: Executor,
  input: { email: string; address: string },
): Promise<boolean> {
  const slot = await takeSlot(db, [
    { key: `reset:${normalizeEmail(input.email)}`, limit: RESET_LIMITS.account },
    { key: `reset-from:${addressKey(input.address)}`, limit: RESET_LIMITS.address },
  ]);
  return slot.ok;
}

/** Whether `address` may register one more account now (10 an hour). */
export async function mayRegister(db: Executor, address: string): Promise<boolean> {
  return (
    await takeSlot(db, [{ key: `register-from:${addressKey(address)}`, limit: REGISTRATION_LIMITS.address }])
  ).ok;
}

export type RegistrationRequest =
  /** A new address: a link to confirm it, which creates the account. */
  | { kind: "confirm"; token: string; email: string; name: string }
  /** The address has an account: its owner is told, and nothing else happens. */
  | { kind: "exists"; user: typeof users.$inferSelect }
  /** Enough mail to this mailbox for now: nothing is sent. */
  | { kind: "quiet" };

/**
 * A registration asked for. Nothing tells the asker whether the address has an account: the
 * account is made only when the link mailed to the address is followed, and an existing
 * owner gets a mail instead. The password is hashed either way (same time).
 */
export async function requestRegistration(
  db: Executor,
  input: { name: string; email: string; password: string },
): Promise<RegistrationRequest> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const mailbox = await takeSlot(db, [{ key: `register-mail:${email}`, limit: REGISTRATION_LIMITS.mailbox }]);
  if (!mailbox.ok) return { kind: "quiet" };
  const existing = await findUserByEmail(db, email);
  if (existing) return existing.disabledAt ? { kind: "quiet" } : { kind: "exists", user: existing };
  const token = newToken();
  const name = input.name.trim();
  await db.insert(userTokens).values({
    tokenHash: sha256(token),
    purpose: "registration",
    email,
    name,
    passwordHash,
    expiresAt: new Date(Date.now() + REGISTRATION_TTL_MS),
  });
  return { kind: "confirm", token, email, name };
}

/**
 * Follows a registration link: creates the account. Several links (or clicks) for one address
 * make one account: the unique index decides (ON CONFLICT, so a concurrent twin waits for the
 * first and then finds the account), and the others get "exists", never an error.
 * `invalid_link`: unknown, used or expired.
 */
export async function confirmRegistration(
  db: Executor,
  input: { token: string; locale: string },
): Promise<Outcome<{ userId: number }, "invalid_link" | "exists">> {
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, input.token, "registration");
    if (!found || !found.name || !found.passwordHash) return { ok: false, error: "invalid_link" } as const;
    // Spent, and its password hash forgotten; false when a twin click spent it first.
    const spent = await tx
      .update(userTokens)
      .set({ usedAt: new Date(), name: null, passwordHash: null })
      .where(and(eq(userTokens.id, found.id), isNull(userTokens.usedAt)))
      .returning({ id: userTokens.id });
    if (spent.length === 0) return { ok: false, error: "invalid_link" } as const;
    const [created] = await tx
      .insert(users)
      .values({
        email: found.email,
        name: found.name,
        passwordHash: found.passwordHash,
        preferredLocale: input.locale,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    return created ? ({ ok: true, userId: created.id } as const) : ({ ok: false, error: "exists" } as const);
  });
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
  await recordAudit(db, {
    actorUserId: input.invitedBy,
    action: "membership.invite",
    entityType: "cooperative",
    entityId: String(input.cooperativeId),
    after: { email: normalizeEmail(input.email), role: input.role },
  });
  return { token };
}

export type UsableToken = typeof userTokens.$inferSelect & {
  cooperativeName: Record<string, string | undefined> | null;
};

/** A link that has not been used and has not expired, or null. */
export async function findUsableToken(
  db: Executor,
  token: string,
  purpose: "password_reset" | "invitation" | "registration",
): Promise<UsableToken | null> {
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

/** A new password makes every reset link of the account void (older links must not work). */
async function voidResetLinks(db: Executor, userId: number) {
  await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(eq(userTokens.userId, userId), eq(userTokens.purpose, "password_reset"), isNull(userTokens.usedAt)),
    );
}

/** `invalid_link`: unknown, used (another tab, a replay) or expired. */
export async function resetPassword(
  db: Executor,
  token: string,
  password: string,
): Promise<Outcome<{ userId: number }, "invalid_link">> {
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, token, "password_reset");
    if (!found || !found.userId || !(await consumeToken(tx, found.id)))
      return { ok: false, error: "invalid_link" } as const;
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, found.userId));
    await voidResetLinks(tx, found.userId);
    // A reset signs out every other session of the account.
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    return { ok: true, userId: found.userId } as const;
  });
}

/** Accepts an invitation: creates the account if needed, sets the password, adds the membership. */
export async function acceptInvitation(
  db: Executor,
  input: { token: string; name: string; password: string; locale: string },
): Promise<Outcome<{ userId: number }, "invalid_link">> {
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, input.token, "invitation");
    if (!found || !found.cooperativeId || !found.role || !(await consumeToken(tx, found.id)))
      return { ok: false, error: "invalid_link" } as const;
    let user = await findUserByEmail(tx, found.email);
    if (!user) {
      user = await createUser(tx, {
        email: found.email,
        name: input.name,
        password: input.password,
        preferredLocale: input.locale,
      });
    } else {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.password), name: input.name.trim() })
        .where(eq(users.id, user.id));
      await voidResetLinks(tx, user.id);
    }
    await tx
      .insert(memberships)
      .values({ userId: user.id, cooperativeId: found.cooperativeId, role: found.role })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.cooperativeId],
        set: { role: found.role },
      });
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "membership.accept",
      entityType: "cooperative",
      entityId: String(found.cooperativeId),
      after: { userId: user.id, role: found.role },
    });
    return { ok: true, userId: user.id } as const;
  });
}
