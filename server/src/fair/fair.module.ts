/**
 * The fair domain as one module: the public fair and hall pages, fair
 * administration (schedule, texts, approval of stands) and candidates'
 * registrations to a fair with their gate. It emits `fair.changed` and
 * `registration.decided` for the domains that follow them.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { fairAdminRoutes } from "./fair-admin.routes.js";
import { FairAdminService } from "./fair-admin.service.js";
import { fairRoutes } from "./fair.routes.js";
import { FairService } from "./fair.service.js";
import { registrationRoutes } from "./registration.routes.js";
import { RegistrationService } from "./registration.service.js";

export interface FairModule {
  readonly registrations: RegistrationService;
}

export async function startFairModule(
  { db, http, events }: Platform,
  { guard }: AuthModule,
): Promise<FairModule> {
  const registrations = new RegistrationService(db, events);
  await http.register(fairRoutes, { fairs: new FairService(db) });
  await http.register(fairAdminRoutes, { guard, fairs: new FairAdminService(db, events) });
  await http.register(registrationRoutes, { guard, registrations });
  return { registrations };
}
