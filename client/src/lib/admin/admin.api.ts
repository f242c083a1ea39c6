/**
 * The fair admin's requests: fairs (list, create, edit, status), pending
 * stands and candidate registrations with their decisions, the live snapshot
 * and the report. Each answer is checked against the shared schema by
 * `requestJson`; the CSV downloads are plain links, so only their URLs are here.
 */
import {
  fairAdminViewSchema,
  fairReportSchema,
  liveFairSnapshotSchema,
  pageSchema,
  registrationAdminViewSchema,
  standDetailsSchema,
  type ApprovalStatus,
  type FairAdminView,
  type FairInput,
  type FairPatch,
  type FairReport,
  type FairStatus,
  type LiveFairSnapshot,
  type Page,
  type RegistrationAdminView,
  type StandDetails,
} from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

export type Decision = "approved" | "rejected";

export interface ListQuery {
  page: number;
  pageSize: number;
  /** Only items with this status; all when undefined. */
  status?: ApprovalStatus | undefined;
}

const fairPageSchema = pageSchema(fairAdminViewSchema);
const standPageSchema = pageSchema(standDetailsSchema);
const registrationPageSchema = pageSchema(registrationAdminViewSchema);

const fairUrl = (slug: string) => `/api/admin/fairs/${encodeURIComponent(slug)}`;

/** The report's CSV downloads (the browser sends the session cookie with a plain link). */
export const reportCsvUrl = (slug: string) => `${fairUrl(slug)}/report.csv`;
export const applicationsCsvUrl = (slug: string) => `${fairUrl(slug)}/report/applications.csv`;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

export class AdminApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  listFairs(page: number, pageSize: number): Promise<HttpResult<Page<FairAdminView>>> {
    return requestJson(
      this.#fetch,
      `/api/admin/fairs?${query({ page, pageSize })}`,
      fairPageSchema,
      {
        what: "fair list",
      },
    );
  }

  createFair(input: FairInput): Promise<HttpResult<FairAdminView>> {
    return requestJson(this.#fetch, "/api/admin/fairs", fairAdminViewSchema, {
      method: "POST",
      body: input,
      what: "fair",
    });
  }

  fair(slug: string): Promise<HttpResult<FairAdminView>> {
    return requestJson(this.#fetch, fairUrl(slug), fairAdminViewSchema, { what: "fair" });
  }

  updateFair(slug: string, patch: FairPatch): Promise<HttpResult<FairAdminView>> {
    return requestJson(this.#fetch, fairUrl(slug), fairAdminViewSchema, {
      method: "PATCH",
      body: patch,
      what: "fair",
    });
  }

  moveFair(slug: string, status: FairStatus): Promise<HttpResult<FairAdminView>> {
    return requestJson(this.#fetch, `${fairUrl(slug)}/status`, fairAdminViewSchema, {
      method: "POST",
      body: { status },
      what: "fair",
    });
  }

  stands(slug: string, list: ListQuery): Promise<HttpResult<Page<StandDetails>>> {
    const search = query({ page: list.page, pageSize: list.pageSize, approvalStatus: list.status });
    return requestJson(this.#fetch, `${fairUrl(slug)}/stands?${search}`, standPageSchema, {
      what: "stand list",
    });
  }

  decideStand(standId: string, status: Decision): Promise<HttpResult<StandDetails>> {
    return requestJson(
      this.#fetch,
      `/api/admin/stands/${encodeURIComponent(standId)}/approval`,
      standDetailsSchema,
      { method: "POST", body: { status }, what: "stand" },
    );
  }

  registrations(slug: string, list: ListQuery): Promise<HttpResult<Page<RegistrationAdminView>>> {
    const search = query({ page: list.page, pageSize: list.pageSize, status: list.status });
    return requestJson(
      this.#fetch,
      `${fairUrl(slug)}/registrations?${search}`,
      registrationPageSchema,
      { what: "registration list" },
    );
  }

  decideRegistration(id: string, status: Decision): Promise<HttpResult<RegistrationAdminView>> {
    return requestJson(
      this.#fetch,
      `/api/admin/registrations/${encodeURIComponent(id)}/decision`,
      registrationAdminViewSchema,
      { method: "POST", body: { status }, what: "registration" },
    );
  }

  live(slug: string): Promise<HttpResult<LiveFairSnapshot>> {
    return requestJson(this.#fetch, `${fairUrl(slug)}/live`, liveFairSnapshotSchema, {
      what: "live snapshot",
    });
  }

  report(slug: string): Promise<HttpResult<FairReport>> {
    return requestJson(this.#fetch, `${fairUrl(slug)}/report`, fairReportSchema, {
      what: "report",
    });
  }
}
