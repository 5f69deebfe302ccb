/** Signing in through the login form in the browser, as members and staff do. */
import { waitForHydration, type BrowserSession } from "./browser";
import { PASSWORD } from "./fixtures";
import { baseUrl } from "./http";

/**
 * A new page of `browser`, signed in as `email` (password `PASSWORD`) through the login form
 * in `locale`, once the back-office page `to` has rendered. `viewport`: the page's size.
 */
export async function signInToBackOffice(
  browser: BrowserSession,
  locale: "ar" | "fr",
  email: string,
  to: string,
  viewport?: { width: number; height: number },
) {
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${baseUrl()}/${locale}/login?redirectTo=${encodeURIComponent(to)}`);
  await waitForHydration(page);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await page.locator("main button[type=submit]").click();
  await page.waitForURL(`**${to}`);
  // Client-side navigation: the back office has rendered (its strings may load first).
  await page.locator(".back-office__header").waitFor();
  return page;
}
