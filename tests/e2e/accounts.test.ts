/**
 * Account flows in Chromium, with and without JavaScript: registering by the mailed link, and
 * choosing a new password from a reset link. The reset page is sent with
 * `Referrer-Policy: no-referrer`, so Chromium posts its form with `Origin: null`: the
 * cross-site guard must accept it by `Sec-Fetch-Site` (decision 010).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { users } from "#db/schema";
import { launchBrowser, waitForHydration, watchPage, type BrowserSession } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, uniqueEmail } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { waitForMail } from "../support/mailbox";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

for (const javaScriptEnabled of [true, false]) {
  describe(`accounts in Chromium, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    let browser: BrowserSession;
    beforeAll(async () => {
      browser = await launchBrowser({ javaScriptEnabled });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function open(path: string) {
      // Each test starts signed out (a signed-in visitor is sent home from the login page).
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      const errors = watchPage(page);
      await page.goto(`${baseUrl()}${path}`);
      if (javaScriptEnabled) await waitForHydration(page);
      return { page, errors };
    }

    it("registers from the mailed link and is signed in", async () => {
      const email = uniqueEmail(javaScriptEnabled ? "e2e-js" : "e2e-nojs");
      const { page, errors } = await open("/fr/register");
      await page.locator("#field-name").fill("Nadia Bennani");
      await page.locator("#field-email").fill(email);
      await page.locator("#field-password").fill(PASSWORD);
      await page.locator("#field-confirm").fill(PASSWORD);
      await page.locator("main button[type=submit]").click();
      await expect(page.locator("main .notice").textContent()).resolves.toContain(
        "Vérifiez votre boîte mail",
      );
      const [mail] = await waitForMail(email, (m) => m.subject.includes("confirmez votre adresse"));
      const link = mail.text.match(/https?:\/\/\S+\/fr\/register\/[\w-]+/)![0];
      await page.goto(link);
      if (javaScriptEnabled) await waitForHydration(page);
      await page.locator("main button[type=submit]").click();
      await page.waitForURL(`${baseUrl()}/fr`);
      // Signed in: the header names the new account (after revalidation, with JavaScript).
      await page.locator(".account-nav__name", { hasText: "Nadia Bennani" }).waitFor();
      expect(await app.db.select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("chooses a new password from a reset link (a no-referrer page) and signs in with it", async () => {
      const user = await makeUser(app.db, { prefix: javaScriptEnabled ? "e2e-reset-js" : "e2e-reset-nojs" });
      const { page, errors } = await open("/fr/forgot-password");
      await page.locator("#field-email").fill(user.email);
      await page.locator("main button[type=submit]").click();
      await page.locator("main .notice").waitFor();
      const [mail] = await waitForMail(user.email, (m) => m.subject.includes("nouveau mot de passe"));
      const response = await page.goto(mail.text.match(/https?:\/\/\S+\/fr\/reset-password\/[\w-]+/)![0]);
      expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
      if (javaScriptEnabled) await waitForHydration(page);
      await page.locator("#field-password").fill("a passphrase from the browser");
      await page.locator("#field-confirm").fill("a passphrase from the browser");
      await page.locator("main button[type=submit]").click();
      await page.waitForURL(`${baseUrl()}/fr/login?notice=password-reset`);
      if (javaScriptEnabled) await waitForHydration(page);
      await page.locator("#field-email").fill(user.email);
      await page.locator("#field-password").fill("a passphrase from the browser");
      await page.locator("main button[type=submit]").click();
      await page.waitForURL(`${baseUrl()}/fr`);
      await page.locator(".account-nav__name", { hasText: user.name }).waitFor();
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
