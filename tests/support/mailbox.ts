/**
 * The mail the server under test sent. `npm test` runs a real SMTP server (smtp-server)
 * and the app sends to it through SMTP_URL; every message lands as a JSON file in
 * HIRFA_MAILBOX_DIR, which tests read here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { mailOutbox } from "#db/schema";

export type ReceivedMail = { to: string[]; from: string; raw: string; text: string; subject: string };

function decodeQuotedPrintable(s: string): string {
  const bytes = s
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** Decodes RFC 2047 encoded words; adjacent words are joined as bytes before UTF-8 decoding. */
function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]/g, " ");
  return unfolded
    .replace(/(?:=\?utf-8\?[QB]\?[^?]*\?=\s*)+/gi, (run) => {
      const bytes: Buffer[] = [];
      for (const [, enc, data] of run.matchAll(/=\?utf-8\?([QB])\?([^?]*)\?=/gi)) {
        bytes.push(
          enc.toUpperCase() === "B"
            ? Buffer.from(data, "base64")
            : Buffer.from(
                data
                  .replace(/_/g, " ")
                  .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
                "latin1",
              ),
        );
      }
      return Buffer.concat(bytes).toString("utf8") + (/\s$/.test(run) ? " " : "");
    })
    .trim();
}

/** Subject and text of a raw message (RFC 2047 headers, quoted-printable or base64 body). */
export function parseMail(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = decodeHeader(head.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)?.[1] ?? "");
  const body = rest.join("\n\n");
  const isQp = /Content-Transfer-Encoding: quoted-printable/i.test(raw);
  const isB64 = /Content-Transfer-Encoding: base64/i.test(head);
  const text = isB64
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : isQp
      ? decodeQuotedPrintable(body)
      : body;
  return { subject, text };
}

export function readMailbox(): ReceivedMail[] {
  const dir = process.env.HIRFA_MAILBOX_DIR;
  if (!dir) throw new Error("HIRFA_MAILBOX_DIR is not set: run the suite with `npm test`");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const mail = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as {
        to: string[];
        from: string;
        raw: string;
      };
      return { ...mail, ...parseMail(mail.raw) };
    });
}

/** Waits until mail to `to` matching `predicate` has arrived, and returns it. */
export async function waitForMail(
  to: string,
  predicate: (m: ReceivedMail) => boolean = () => true,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = readMailbox().filter((m) => m.to.includes(to.toLowerCase()) && predicate(m));
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

/**
 * Mail queued for `to` in the outbox (decision 009): queued in the transaction of the change,
 * so once a request has answered, "no mail was sent" is a fact to read here, not a wait.
 */
export async function queuedMail(db: Executor, to: string) {
  return db
    .select({ kind: mailOutbox.kind, subject: mailOutbox.subject, text: mailOutbox.text })
    .from(mailOutbox)
    .where(sql`lower(${mailOutbox.to}) = ${to.toLowerCase()}`);
}
