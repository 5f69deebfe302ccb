/**
 * Outgoing mail. With SMTP_URL it goes through SMTP (nodemailer); without it (development),
 * each message is written to the server log so links can be followed by hand.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/utils/env.server";

export type MailMessage = { to: string; subject: string; text: string; html?: string };

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

class SmtpMailer implements Mailer {
  private transport: Transporter;
  constructor(url: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: MailMessage) {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

class LogMailer implements Mailer {
  async send(message: MailMessage) {
    console.log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}\n[/mail]`);
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
