/**
 * npm run create-staff -- EMAIL [--name "Full Name"] [--role admin|moderator] [--locale fr|ar]
 *   Makes (or promotes) a chamber staff account and prints a one-time link to set its
 *   password (valid one hour). The first chamber admin is made this way.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { databaseOptionsFromEnv, migrateDatabase, openDatabase } from "#db/client";
import { users } from "#db/schema";
import { createPasswordReset, createUser, findUserByEmail } from "../app/models/users.server";
import { publicOrigin } from "../app/utils/env.server";
import { recordAudit } from "../app/models/audit.server";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    locale: { type: "string", default: "fr" },
  },
});
const email = positionals[0];
const role = values.role === "moderator" ? "moderator" : values.role === "admin" ? "admin" : null;
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !role) {
  console.error('usage: npm run create-staff -- EMAIL [--name "Full Name"] [--role admin|moderator]');
  process.exit(2);
}

const handle = openDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  const existing = await findUserByEmail(handle.db, email);
  const user =
    existing ??
    (await createUser(handle.db, {
      email,
      name: values.name ?? email.split("@")[0],
      preferredLocale: values.locale,
    }));
  await handle.db.update(users).set({ staffRole: role }).where(eq(users.id, user.id));
  await recordAudit(handle.db, {
    actorUserId: null, // a command run on the server, by no signed-in person
    action: "staff.role.set",
    entityType: "user",
    entityId: String(user.id),
    reason: "create-staff command",
    before: { staffRole: existing?.staffRole ?? null },
    after: { staffRole: role },
  });
  const reset = await createPasswordReset(handle.db, email);
  const origin = publicOrigin();
  const locale = values.locale === "ar" ? "ar" : "fr";
  console.log(`${email} is chamber ${role}.`);
  console.log(`Set the password within one hour: ${origin}/${locale}/reset-password/${reset!.token}`);
} finally {
  await handle.close();
}
