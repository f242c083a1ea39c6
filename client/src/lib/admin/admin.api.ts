/**
 * The fair admin's requests: fairs (list, create, edit, status), pending
 * stands and candidate registrations with their decisions, the live snapshot
 * the report and the operations board, each a route of the shared contract called through
 * `callApi`; the CSV downloads are plain links, so only their URLs are here.
 */
import {
  FAIR_API,
  FILE_ROUTES,
  REPORT_API,
  STAND_API,
  fillPath,
  type ApprovalStatus,
  type FairAdminView,
  type FairInput,
  type FairPatch,
  type FairReport,
  type FairStatus,
  type LiveFairSnapshot,
  type OperationsBoard,
  type Page,
  type RegistrationAdminView,
  type StandDetails,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";

export type Decision = "approved" | "rejected";

export interface ListQuery {
  page: number;
  pageSize: number;
  /** Only items with this status; all when undefined. */
  status?: ApprovalStatus | undefined;
}

/** The report's CSV downloads (the browser sends the session cookie with a plain link). */
export const reportCsvUrl = (slug: string) => fillPath(FILE_ROUTES.reportCsv, { slug });
export const applicationsCsvUrl = (slug: string) => fillPath(FILE_ROUTES.applicationsCsv, { slug });

export class AdminApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  listFairs(page: number, pageSize: number): Promise<HttpResult<Page<FairAdminView>>> {
    return callApi(this.#fetch, FAIR_API.listFairs, {
      query: { page, pageSize },
      what: "fair list",
    });
  }

  createFair(input: FairInput): Promise<HttpResult<FairAdminView>> {
    return callApi(this.#fetch, FAIR_API.createFair, { body: input, what: "fair" });
  }

  fair(slug: string): Promise<HttpResult<FairAdminView>> {
    return callApi(this.#fetch, FAIR_API.fair, { params: { slug }, what: "fair" });
  }

  updateFair(slug: string, patch: FairPatch): Promise<HttpResult<FairAdminView>> {
    return callApi(this.#fetch, FAIR_API.updateFair, {
      params: { slug },
      body: patch,
      what: "fair",
    });
  }

  moveFair(slug: string, status: FairStatus): Promise<HttpResult<FairAdminView>> {
    return callApi(this.#fetch, FAIR_API.moveFair, {
      params: { slug },
      body: { status },
      what: "fair",
    });
  }

  stands(slug: string, list: ListQuery): Promise<HttpResult<Page<StandDetails>>> {
    return callApi(this.#fetch, STAND_API.adminStands, {
      params: { slug },
      query: { page: list.page, pageSize: list.pageSize, approvalStatus: list.status },
      what: "stand list",
    });
  }

  decideStand(standId: string, status: Decision): Promise<HttpResult<StandDetails>> {
    return callApi(this.#fetch, STAND_API.decideStand, {
      params: { standId },
      body: { status },
      what: "stand",
    });
  }

  registrations(slug: string, list: ListQuery): Promise<HttpResult<Page<RegistrationAdminView>>> {
    return callApi(this.#fetch, FAIR_API.registrations, {
      params: { slug },
      query: { page: list.page, pageSize: list.pageSize, status: list.status },
      what: "registration list",
    });
  }

  decideRegistration(id: string, status: Decision): Promise<HttpResult<RegistrationAdminView>> {
    return callApi(this.#fetch, FAIR_API.decideRegistration, {
      params: { id },
      body: { status },
      what: "registration",
    });
  }

  live(slug: string): Promise<HttpResult<LiveFairSnapshot>> {
    return callApi(this.#fetch, REPORT_API.live, { params: { slug }, what: "live snapshot" });
  }

  report(slug: string): Promise<HttpResult<FairReport>> {
    return callApi(this.#fetch, REPORT_API.report, { params: { slug }, what: "report" });
  }

  /** Every server process's figures, as the process that answers last heard them. */
  operations(): Promise<HttpResult<OperationsBoard>> {
    return callApi(this.#fetch, REPORT_API.operations, { what: "operations board" });
  }
}
