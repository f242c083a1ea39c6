/**
 * The fair admin's pages (the fair list, a fair, its live dashboard, its
 * report, the operations board of every server process): one builder per route, each making that page's managers on one
 * `AdminApi`. The route view builds them only for a fair admin.
 */
import type { FairAdminView, RegistrationAdminView, StandDetails } from "@crossfair/shared";
import { AdminApi } from "../lib/admin/admin.api.js";
import { FairManager } from "../lib/admin/fair.manager.js";
import { documentVisibility, LiveDashboardManager } from "../lib/admin/live-dashboard.manager.js";
import { OperationsManager } from "../lib/admin/operations.manager.js";
import { PagedListManager } from "../lib/admin/paged-list.js";
import { ReportManager } from "../lib/admin/report.manager.js";
import type { PageServices } from "./page.services.js";
import { WebinarReportManager } from "../lib/webinars/webinar-report.js";
import { WebinarsApi } from "../lib/webinars/webinars.api.js";

export function buildFairs() {
  const api = new AdminApi();
  const page = {
    kind: "fairs" as const,
    api,
    fairs: new PagedListManager<FairAdminView>({
      load: (query) => api.listFairs(query.page, query.pageSize),
    }),
  };
  return { page };
}

export function buildFair(_services: PageServices, { slug }: { slug: string }) {
  const api = new AdminApi();
  const fair = new FairManager(api, slug);
  // A decision changes the fair's counts.
  const onDecided = () => void fair.load();
  const page = {
    kind: "fair" as const,
    slug,
    fair,
    stands: new PagedListManager<StandDetails>(
      {
        load: (query) => api.stands(slug, query),
        decide: (id, status) => api.decideStand(id, status),
      },
      { filter: "pending", pageSize: 10, onDecided },
    ),
    registrations: new PagedListManager<RegistrationAdminView>(
      {
        load: (query) => api.registrations(slug, query),
        decide: (id, status) => api.decideRegistration(id, status),
      },
      { filter: "pending", pageSize: 10, onDecided },
    ),
  };
  return { page };
}

export function buildLive(_services: PageServices, { slug }: { slug: string }) {
  const api = new AdminApi();
  const page = {
    kind: "live" as const,
    slug,
    fair: new FairManager(api, slug),
    live: new LiveDashboardManager(() => api.live(slug), { visibility: documentVisibility }),
  };
  return { page };
}

export function buildReport(_services: PageServices, { slug }: { slug: string }) {
  const api = new AdminApi();
  const page = {
    kind: "report" as const,
    slug,
    fair: new FairManager(api, slug),
    reports: new ReportManager(api, slug),
    webinars: new WebinarReportManager(new WebinarsApi(), slug),
  };
  return { page };
}

export function buildOperations() {
  const api = new AdminApi();
  const page = {
    kind: "operations" as const,
    operations: new OperationsManager(() => api.operations(), { visibility: documentVisibility }),
  };
  return { page };
}

/** Which admin page to show, with its managers. */
export type AdminPage =
  | ReturnType<typeof buildFairs>["page"]
  | ReturnType<typeof buildFair>["page"]
  | ReturnType<typeof buildLive>["page"]
  | ReturnType<typeof buildReport>["page"]
  | ReturnType<typeof buildOperations>["page"];
