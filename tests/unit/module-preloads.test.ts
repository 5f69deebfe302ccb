import { describe, expect, it } from "vitest";
import { withInertModulePreloads } from "~/utils/module-preloads.server";

async function through(chunks: Buffer[]): Promise<string> {
  const stream = withInertModulePreloads();
  const out: Buffer[] = [];
  stream.on("data", (c: Buffer | string) => out.push(Buffer.from(c)));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  for (const c of chunks) stream.write(c);
  stream.end();
  await ended;
  return Buffer.concat(out).toString("utf8");
}

const page =
  '<html><body><p>زربية أمازيغية</p><link rel="modulepreload" href="/build/entry.client-AB12.js"/>' +
  '<link rel="modulepreload" href="/build/_shared/chunk-X.js"/><link rel="icon" href="/favicon.svg"/>' +
  '<script type="module" async="">import "/build/entry.client-AB12.js";</script></body></html>';

describe("withInertModulePreloads", () => {
  it("makes every modulepreload link inert, keeping the elements and everything else", async () => {
    const html = await through([Buffer.from(page)]);
    expect(html).not.toContain('rel="modulepreload"');
    expect(html).toContain('<link data-deferred="modulepreload" href="/build/entry.client-AB12.js"/>');
    expect(html).toContain('<link data-deferred="modulepreload" href="/build/_shared/chunk-X.js"/>');
    expect(html).toBe(
      page.replace(
        /<link rel="modulepreload" (href="[^"]*")\/>/g,
        '<link data-deferred="modulepreload" $1/>',
      ),
    );
  });

  it("handles tags and multi-byte characters cut at any byte between chunks", async () => {
    const bytes = Buffer.from(page);
    const expected = page.replace(
      /<link rel="modulepreload" (href="[^"]*")\/>/g,
      '<link data-deferred="modulepreload" $1/>',
    );
    for (let cut = 1; cut < bytes.length; cut += 3) {
      expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(expected);
    }
    const bytewise = Array.from(bytes, (b) => Buffer.from([b]));
    expect(await through(bytewise)).toBe(expected);
  });
});
