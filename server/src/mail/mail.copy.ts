/**
 * The shape of one message's words in one language. A message whose words
 * name things (a stand, a time) gives them as a function of its parameters.
 */
export interface Copy {
  subject: string;
  greeting: (name: string) => string;
  paragraphs: string[];
  /** Words a person wrote for the recipient (a staff member's note), quoted as typed. */
  quote?: string;
  /** The label of the message's link. */
  action?: string;
  /** A second link, after the first (a sign-up attempt's "choose a new password"). */
  secondAction?: { label: string; link: string };
  /** After the link: what to do if the mail was not expected. */
  after?: string;
}

export type CopyOf<P> = Copy | ((params: P) => Copy);
