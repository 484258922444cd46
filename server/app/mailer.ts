// Delivers the e-mail outbox over SMTP (nodemailer) when the service runs with --smtp: polls for
// queued messages, sends each once, records success or the error (retried a few times, then left).
import nodemailer from 'nodemailer';
import type { AppContext } from './context';

export const MAIL_FROM = 'CPOR association claims <no-reply@cpor.invalid>';

/** Sends what is queued now; resolves with how many were sent. */
export async function deliverQueued(app: AppContext, transport: nodemailer.Transporter): Promise<number> {
  const pending = await app.store.transaction((tx) => tx.cpor.pendingEmails(50));
  let sent = 0;
  for (const m of pending) {
    try {
      await transport.sendMail({ from: MAIL_FROM, to: m.to, subject: m.subject, text: m.text });
      await app.store.transaction((tx) => tx.cpor.emailSent(m.id, app.clock.iso()));
      sent++;
    } catch (e) {
      await app.store.transaction((tx) => tx.cpor.emailFailed(m.id, (e as Error).message));
    }
  }
  return sent;
}

/** Starts delivering through `smtpUrl` (smtp://host:port) every `intervalMs`; returns a stopper. */
export function startMailer(app: AppContext, smtpUrl: string, intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverQueued(app, transport)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    transport.close();
  };
}
