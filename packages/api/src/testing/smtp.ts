// A real SMTP server on loopback for tests that send mail: smtp-server on 127.0.0.1, port 0, every mail
// it accepts parsed by mailparser and kept in order. `refuse` makes it answer 451 to the next mails, as a
// mail server that is busy would, so a test sees the sender try again.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { smtpTransport, type MailTransport } from "../services/notifications/index.js";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuses the next `count` mails with a temporary error. */
  refuse(count: number): void;
  /** A transport to this server. */
  transport(): MailTransport;
  /** Waits (up to `ms`) until `count` mails have arrived. */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  /** Waits (up to `ms`) for the first mail to `address` whose subject matches, and returns it. */
  mailTo(address: string, subject: RegExp, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function addresses(parsed: ParsedMail): string[] {
  const to = parsed.to === undefined ? [] : Array.isArray(parsed.to) ? parsed.to : [parsed.to];
  return to.flatMap((t) => t.value.map((v) => v.address ?? ""));
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (refusals > 0) {
            refusals -= 1;
            const error = Object.assign(new Error("Server sibuk, coba lagi nanti"), { responseCode: 451 });
            callback(error);
            return;
          }
          received.push({ to: addresses(parsed), subject: parsed.subject ?? "", text: parsed.text ?? "" });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}?starttls=off`;
  return {
    url,
    received,
    refuse: (count) => (refusals = count),
    transport: () => smtpTransport(url),
    async waitFor(count, ms = 30_000) {
      const until = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, ${received.length} arrived within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    async mailTo(address, subject, ms = 30_000) {
      const until = Date.now() + ms;
      const wanted = address.toLowerCase();
      for (;;) {
        const found = received.find((m) => m.to.some((to) => to.toLowerCase() === wanted) && subject.test(m.subject));
        if (found) return found;
        if (Date.now() > until) {
          const theirs = received.filter((m) => m.to.some((to) => to.toLowerCase() === wanted)).map((m) => m.subject);
          throw new Error(`no mail to ${address} with a subject like ${subject} within ${ms} ms; mail to them: ${JSON.stringify(theirs)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
