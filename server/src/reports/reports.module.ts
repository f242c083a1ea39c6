/**
 * The organisers' figures as one module: the fair's report (job seekers,
 * vacancies, interviews, hires, over time) and the live dashboard that reads
 * the queues' live figures. It reads across domains and writes nothing.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import type { QueueModule } from "../queue/queue.module.js";
import { liveRoutes } from "./live.routes.js";
import { LiveService } from "./live.service.js";
import { reportsRoutes } from "./reports.routes.js";
import { ReportsService } from "./reports.service.js";

export async function startReportsModule(
  { db, http }: Platform,
  { guard }: AuthModule,
  { queue }: QueueModule,
): Promise<void> {
  await http.register(reportsRoutes, { reports: new ReportsService(db), guard });
  await http.register(liveRoutes, { live: new LiveService(db, queue.live), guard });
}
