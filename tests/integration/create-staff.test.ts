/** `npm run create-staff -- EMAIL` makes the first chamber admin and prints a one-time link. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "#db/schema";
import { findUsableToken } from "~/models/users.server";
import { createTestDatabase, type TestDatabase } from "../support/db";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

describe("create-staff", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("creates an admin, audits it, and prints a working one-time link", async () => {
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/create-staff.ts", "first.admin@chambre.ma", "--name", "Première Admin"],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url, PUBLIC_URL: "https://hirfa.example" },
      },
    );
    expect(stdout).toContain("first.admin@chambre.ma is chamber admin.");
    const token = stdout.match(/https:\/\/hirfa\.example\/fr\/reset-password\/([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    const [user] = await t.db.select().from(users).where(eq(users.email, "first.admin@chambre.ma"));
    expect(user).toMatchObject({ staffRole: "admin", name: "Première Admin", passwordHash: null });
    expect(await findUsableToken(t.db, token!, "password_reset")).not.toBeNull();
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} = 'staff.role.set' and ${auditLog.entityId} = ${String(user.id)}`);
    expect(entries).toHaveLength(1);
  }, 60_000);

  it("refuses a malformed address", async () => {
    await expect(
      run(path.join(root, "node_modules/.bin/tsx"), ["scripts/create-staff.ts", "not-an-email"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url },
      }),
    ).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
