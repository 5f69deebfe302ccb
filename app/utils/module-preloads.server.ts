import { Transform } from "node:stream";

// React writes Remix's preload links exactly like this (see <Scripts> in @remix-run/react).
const MODULE_PRELOAD = /<link rel="modulepreload" (href="[^"<>]*")\/>/g;
const PRELOAD_START = Buffer.from('<link rel="modulepreload" ');
const LT = 0x3c;
const GT = 0x3e;

/**
 * The document with Remix's `<link rel="modulepreload">` tags made inert (decision 007): the
 * browser then fetches the page's modules as the module script imports them, after the
 * stylesheet, the LCP picture and the first paint rather than in competition with them.
 * The `<link>` elements stay (without `rel`, a link does nothing) because React hydrates
 * `<Scripts>` and expects them; an attribute difference is not a hydration error.
 *
 * Bytes without a preload link pass through as they are: decoding a whole document to text
 * and encoding it again cost 4 % of a page's CPU (decision 016); only the part from the first
 * link on is decoded.
 */
export function withInertModulePreloads(): Transform {
  let pending = Buffer.alloc(0);
  const strip = (bytes: Buffer, end: number): Buffer => {
    const at = bytes.subarray(0, end).indexOf(PRELOAD_START);
    if (at === -1) return bytes.subarray(0, end);
    const text = bytes
      .toString("utf8", at, end)
      .replace(MODULE_PRELOAD, '<link data-deferred="modulepreload" $1/>');
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(text)]);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      // A tag cut between two chunks waits for the rest ("<" is never inside a UTF-8
      // sequence), and so does a character cut between two chunks.
      let end = bytes.length;
      const open = bytes.lastIndexOf(LT);
      if (open !== -1 && bytes.indexOf(GT, open) === -1) end = open;
      end = wholeCharacters(bytes, end);
      pending = Buffer.from(bytes.subarray(end));
      done(null, strip(bytes, end));
    },
    flush(done) {
      done(null, strip(pending, pending.length));
    },
  });
}

/** The largest length ≤ `end` at which `bytes` does not cut a UTF-8 character. */
function wholeCharacters(bytes: Buffer, end: number): number {
  let lead = end - 1;
  while (lead >= 0 && end - lead < 4 && (bytes[lead] & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return end;
  const byte = bytes[lead];
  const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return end - lead < length ? lead : end;
}
