import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";

// React writes Remix's preload links exactly like this (see <Scripts> in @remix-run/react).
const MODULE_PRELOAD = /<link rel="modulepreload" (href="[^"<>]*")\/>/g;

/**
 * The document with Remix's `<link rel="modulepreload">` tags made inert (decision 007): the
 * browser then fetches the page's modules as the module script imports them, after the
 * stylesheet, the LCP picture and the first paint rather than in competition with them.
 * The `<link>` elements stay (without `rel`, a link does nothing) because React hydrates
 * `<Scripts>` and expects them; an attribute difference is not a hydration error.
 */
export function withInertModulePreloads(): Transform {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const strip = (text: string) => text.replace(MODULE_PRELOAD, '<link data-deferred="modulepreload" $1/>');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text = pending + decoder.write(chunk);
      // A tag cut between two chunks waits for the rest.
      const open = text.lastIndexOf("<");
      if (open !== -1 && !text.includes(">", open)) {
        pending = text.slice(open);
        text = text.slice(0, open);
      } else pending = "";
      done(null, strip(text));
    },
    flush(done) {
      done(null, strip(pending + decoder.end()));
    },
  });
}
