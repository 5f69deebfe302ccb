/**
 * Outgoing mail. With SMTP_URL it goes through SMTP (nodemailer); without it (development),
 * each message is written to the server log so links can be followed by hand.
 * Nothing here is called by a request: requests queue mail in the outbox
 * (app/models/mail-outbox.server.ts) and the mail worker sends it (decision 009).
 */
import nodemailer, { type Transporter } from "nodemailer";
// The file itself: Node's ESM loader does not resolve a folder import.
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { env } from "~/utils/env.server";
import { logger, type Logger } from "~/utils/logger.server";

export type MailMessage = { to: string; subject: string; text: string; html?: string | null };

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Nodemailer waits 2 minutes for a connection and 10 for a silent socket by default: a mail
 * server that accepts and never answers would hold the worker that long. A query string in
 * SMTP_URL (e.g. `?greetingTimeout=5000`) overrides these.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

export class SmtpMailer implements Mailer {
  private transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Options given with the URL: those in its query string win (nodemailer's rule).
    this.transport = nodemailer.createTransport(new SMTPTransport({ url, ...SMTP_TIMEOUTS }));
  }
  async send(message: MailMessage) {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? undefined,
    });
  }
}

/** Development without SMTP: the message goes to the log as fields, never as raw lines. */
export class LogMailer implements Mailer {
  constructor(private readonly log: Logger = logger) {}
  async send(message: MailMessage) {
    this.log.info(
      { mail: { to: message.to, subject: message.subject, text: message.text } },
      "mail (no SMTP_URL: logged, not sent)",
    );
  }
}

let mailer: Mailer | undefined;
export function getMailer(): Mailer {
  if (!mailer) {
    const { SMTP_URL, MAIL_FROM } = env();
    mailer = SMTP_URL ? new SmtpMailer(SMTP_URL, MAIL_FROM) : new LogMailer();
  }
  return mailer;
}
