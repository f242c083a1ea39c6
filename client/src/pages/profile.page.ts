/**
 * The candidate's profile page: the editor, the CV, the consents, the account's
 * deletion, and the registration for whichever fair the hall shows.
 */
import { AccountDeletion } from "../lib/account/account-deletion.js";
import { AccountApi } from "../lib/account/account.api.js";
import { ConsentsManager } from "../lib/account/consents.manager.js";
import { CvUploader } from "../lib/account/cv.upload.js";
import { ProfileManager } from "../lib/account/profile.manager.js";
import { RegistrationManager } from "../lib/account/registration.manager.js";
import type { PageServices } from "./page.services.js";

export function build({ session, hall, matching }: PageServices) {
  const api = new AccountApi();
  return {
    session,
    hall,
    // Saved languages reach the fit badges and "vacancies for you" before the next page opens.
    profile: new ProfileManager(api, () => void matching.refresh()),
    uploader: new CvUploader(),
    consents: new ConsentsManager(api),
    deletion: new AccountDeletion(api, () => session.forget()),
    // The hall may load (or change fair) while the page is open.
    registrationFor: (fairSlug: string) => new RegistrationManager(api, fairSlug),
  };
}
