/** A candidate's sign-up page, with its form for as long as the page is open. */
import { SignUpForm } from "../lib/account/sign-up.form.js";
import type { PageServices } from "./page.services.js";

export function build({ session }: PageServices, { next }: { next?: string }) {
  return { next, form: new SignUpForm((body) => session.signUp(body)) };
}
