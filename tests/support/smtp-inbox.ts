/**
 * A real SMTP server for mail tests (`smtp-server` on a random port) that
 * keeps every message it is given, parsed (`mailparser`) and raw, with the
 * envelope's recipients; `waitFor` finds one as it arrives.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The envelope's recipients: where the SMTP server was told to deliver. */
  to: string[];
  mail: ParsedMail;
  /** The whole message as sent, headers, parts and attachments (decoded text where it is). */
  raw: string;
}

export interface SmtpInbox {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** The first mail to `address` that `matches`, once it has arrived. */
  waitFor(
    address: string,
    matches?: (mail: ReceivedMail) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMail>;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

const started = new Set<SmtpInbox>();

/** The inboxes this test process started and has not closed (the sign-up helper reads them). */
export function openSmtpInboxes(): ReadonlySet<SmtpInbox> {
  return started;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const source = Buffer.concat(chunks);
        simpleParser(source).then(
          (mail) => {
            const attachments = mail.attachments.map((a) => a.content.toString("utf8"));
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              mail,
              raw: [source.toString("utf8"), mail.text ?? "", mail.html || "", ...attachments].join(
                "\n",
              ),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const inbox: SmtpInbox = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter(({ to }) => to.includes(address)),
    async waitFor(address, matches = () => true, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((entry) => entry.to.includes(address) && matches(entry));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching mail to ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => {
      started.delete(inbox);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  started.add(inbox);
  return inbox;
}

/** An iCalendar text's properties, lines unfolded (RFC 5545 §3.1): name → values. */
export function calendarProperties(ics: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(";")[0]!;
    found.set(name, [...(found.get(name) ?? []), line.slice(colon + 1)]);
  }
  return found;
}
