/**
 * The stand domain's services (stands, staff, vacancies, invitations,
 * screening questions), built together, and what its route plugins are given:
 * the services, the guard and the session cookie settings.
 */
import type { SessionCookieOptions } from "../auth/auth.routes.js";
import type { AuthService } from "../auth/auth.service.js";
import type { Guard } from "../auth/guard.js";
import type { SignUpService } from "../auth/sign-up.service.js";
import type { Database } from "../plugins/db.js";
import { InvitationService } from "./invitation.service.js";
import { ScreeningService } from "./screening.service.js";
import { StaffService } from "./staff.service.js";
import { StandService } from "./stand.service.js";
import type { StandEvents } from "./stand.views.js";
import { VacancyService } from "./vacancy.service.js";

export interface StandServices {
  stands: StandService;
  staff: StaffService;
  vacancies: VacancyService;
  invitations: InvitationService;
  screening: ScreeningService;
}

export function standServices(
  db: Database,
  auth: AuthService,
  signUps: SignUpService,
  events: StandEvents,
): StandServices {
  return {
    stands: new StandService(db, signUps, events),
    staff: new StaffService(db, events),
    vacancies: new VacancyService(db),
    invitations: new InvitationService(db, auth, events),
    screening: new ScreeningService(db, events),
  };
}

export interface StandRoutesOptions extends StandServices {
  guard: Guard;
  session: SessionCookieOptions;
  /** Account-creating routes allowed per minute and client address (as sign-up). */
  accountsPerMinute: number;
}
