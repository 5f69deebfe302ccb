import { describe, expect, it } from "vitest";
import { cutPage, nameAsHtml, nameAsScript } from "~/services/page-cache.server";

const slot = "hirfaviewer0123456789abcdef";
const names = [`Amina "O'Neil" <b>&amp;</b>`, "\\ </script> \u2028\u2029 \n\t", "براهيم الفاسي", ""];

describe("splicing the viewer's name into a stored page (decision 022)", () => {
  it("writes the name as the hydration data carries it: a JSON string inside a JSON string, script-safe", () => {
    for (const name of names) {
      const enqueued = `["name",${JSON.stringify(name)}]`;
      // What Remix's <Scripts> writes for that turbo-stream line, with the token in place of the name.
      const withSlot = JSON.stringify(`["name","${slot}"]`);
      const spliced = withSlot.replace(slot, nameAsScript(name));
      expect(spliced).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(JSON.parse(spliced) as string)).toEqual(JSON.parse(enqueued));
    }
  });

  it("writes the name as React writes a text node", () => {
    expect(nameAsHtml(names[0])).toBe("Amina &quot;O&#x27;Neil&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;");
  });

  it("cuts a page at its nonces and tokens, and refuses a token anywhere the name cannot be spliced", () => {
    const page = `<script nonce="N1">x</script><bdi>${slot}</bdi><script nonce="N1">enqueue("[\\"${slot}\\"]")</script>`;
    expect(cutPage(page, "N1", slot)?.slots).toEqual(["nonce", "name-html", "nonce", "name-script"]);
    expect(cutPage(`<a title="${slot}">x</a>`, "N1", slot)).toBeNull();
    expect(cutPage(`<p>Hello ${slot}</p>`, "N1", slot)).toBeNull();
  });
});
