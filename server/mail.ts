import type { Transporter } from 'nodemailer';
import { getEnv } from './env';

/**
 * Outgoing mail (password resets, invitations). With `SMTP_URL` set it goes out through that server;
 * without it the message is written to the server log, and callers decide what else to do with it
 * (an invitation link is shown to the inviter; a password-reset link never is — see server/accounts).
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export type DeliveryMode = 'smtp' | 'log';

export interface Mailer {
  mode: DeliveryMode;
  send(message: MailMessage): Promise<{ delivered: boolean }>;
}

/** A mailer for one configuration; `sendMail` uses the environment's. */
export function createMailer(config: { smtpUrl?: string; from: string }): Mailer {
  const { smtpUrl, from } = config;
  if (!smtpUrl) {
    return {
      mode: 'log',
      async send(message) {
        console.log(`[mail] (no SMTP_URL: not sent) to=${message.to} subject=${message.subject}\n${message.text}`);
        return { delivered: false };
      },
    };
  }
  let transporter: Promise<Transporter> | undefined;
  return {
    mode: 'smtp',
    async send(message) {
      try {
        transporter ??= import('nodemailer').then((m) => m.createTransport(smtpUrl));
        await (await transporter).sendMail({ from, to: message.to, subject: message.subject, text: message.text });
        return { delivered: true };
      } catch (e) {
        // The address is logged, never the body: it may hold a one-time link.
        console.error(`[mail] sending to ${message.to} failed:`, e instanceof Error ? e.message : e);
        return { delivered: false };
      }
    },
  };
}

const holder = globalThis as unknown as { __kcMailer?: Mailer };

function mailer(): Mailer {
  const env = getEnv();
  holder.__kcMailer ??= createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  return holder.__kcMailer;
}

/** Sends one message; `delivered` is false when there is no SMTP server or it refused the message. */
export function sendMail(message: MailMessage): Promise<{ delivered: boolean }> {
  return mailer().send(message);
}

/** 'smtp' when SMTP_URL is set, else 'log' (links must then reach people another way). */
export function deliveryMode(): DeliveryMode {
  return mailer().mode;
}
