/**
 * The stand domain as one module: stands and their profiles, vacancies with
 * their translations, staff and invitation links, and screening questions.
 * It emits `stand.changed`, `staff.changed` and `staff.removed`.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { standRoutes } from "./stand.routes.js";
import { standServices } from "./stand.services.js";

export async function startStandModule(
  { config, db, http, events }: Platform,
  { auth, guard, signUps, sessionCookie }: AuthModule,
): Promise<void> {
  await http.register(standRoutes, {
    guard,
    ...standServices(db, auth, signUps, events),
    session: sessionCookie,
    accountsPerMinute: config.SIGN_IN_PER_MINUTE,
  });
}
