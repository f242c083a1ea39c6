/**
 * What other domains see of mail: send a message by kind to a person, and
 * make links into the client. The mail module provides it; a domain's unit
 * tests can give a fake that keeps what was sent.
 */
import type { Language } from "@crossfair/shared";
import type { MailKind, MailParams } from "./mail.templates.js";

/** Who a mail is for: their address, their UI language, and the name it greets. */
export interface MailRecipient {
  email: string;
  displayName: string;
  uiLanguage: Language;
}

export interface MailService {
  /** Renders `kind` in the recipient's language and sends it in the background. */
  send<K extends MailKind>(
    kind: K,
    to: MailRecipient,
    params: Omit<MailParams[K], "name">,
  ): Promise<void>;
  /** An absolute link to a client page: `link("/reset-password/abc")` → `https://…/#/reset-password/abc`. */
  link(clientPath: string): string;
}
