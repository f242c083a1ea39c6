/**
 * The HTTP side of managing a stand: its details, vacancies and their
 * translations, its screening questions as edited, the staff list and
 * invitation links, the invitation page (preview and accept) and an
 * employer's registration of a new stand. Each is a route of the shared
 * contract called through `callApi`; loading the screening questions is the
 * queue's (`QueueApi.loadScreeningQuestions`), the same route candidates read.
 */
import {
  STAND_API,
  acceptedInvitationSchema,
  invitationAccountSchema,
  type AcceptInvitationBody,
  type AcceptedInvitation,
  type CreatedInvitation,
  type CheckEmailAnswer,
  type InvitationAccount,
  type InvitationPreview,
  type Language,
  type ScreeningQuestions,
  type ScreeningQuestionsBody,
  type StandDetails,
  type StandInvitation,
  type StandPatch,
  type StandRegistrationBody,
  type StandStaffMember,
  type StandStaffRole,
  type VacancyDetails,
  type VacancyInput,
  type VacancyPatch,
  type VacancyTranslationBody,
} from "@crossfair/shared";
import type { z } from "zod";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";

/** The stand routes' URLs, from the contract (what tests match requests on). */
export const STAND_URLS = {
  stand: (standId: string) => urlOf(STAND_API.stand, { params: { standId } }),
  vacancies: (standId: string) => urlOf(STAND_API.createVacancy, { params: { standId } }),
  vacancy: (vacancyId: string) => urlOf(STAND_API.patchVacancy, { params: { vacancyId } }),
  translation: (vacancyId: string, language: Language) =>
    urlOf(STAND_API.putTranslation, { params: { vacancyId, language } }),
  screeningQuestions: (standId: string) =>
    urlOf(STAND_API.saveScreeningQuestions, { params: { standId } }),
  staff: (standId: string) => urlOf(STAND_API.staff, { params: { standId } }),
  staffMember: (standId: string, userId: string) =>
    urlOf(STAND_API.removeStaff, { params: { standId, userId } }),
  invitations: (standId: string) => urlOf(STAND_API.invitations, { params: { standId } }),
  invitation: (standId: string, invitationId: string) =>
    urlOf(STAND_API.revokeInvitation, { params: { standId, id: invitationId } }),
  preview: (token: string) => urlOf(STAND_API.previewInvitation, { params: { token } }),
  accept: (token: string) => urlOf(STAND_API.acceptInvitation, { params: { token } }),
  registration: (fairSlug: string) =>
    urlOf(STAND_API.registerStand, { params: { slug: fairSlug } }),
} as const;

/** The answer of accepting an invitation, when it is the kind `schema` describes. */
function acceptedAs<S extends z.ZodType>(
  answer: HttpResult<unknown>,
  schema: S,
): HttpResult<z.output<S>> {
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(answer.data);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : {
        ok: false,
        code: "internal",
        message: "The invitation's answer was not the kind asked for.",
      };
}

/** A stand's management requests, over `fetch`. */
export class StandApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  loadStand(standId: string): Promise<HttpResult<StandDetails>> {
    return callApi(this.#fetch, STAND_API.stand, { params: { standId } });
  }

  patchStand(standId: string, patch: StandPatch): Promise<HttpResult<StandDetails>> {
    return callApi(this.#fetch, STAND_API.patchStand, { params: { standId }, body: patch });
  }

  createVacancy(standId: string, input: VacancyInput): Promise<HttpResult<VacancyDetails>> {
    return callApi(this.#fetch, STAND_API.createVacancy, { params: { standId }, body: input });
  }

  patchVacancy(vacancyId: string, patch: VacancyPatch): Promise<HttpResult<VacancyDetails>> {
    return callApi(this.#fetch, STAND_API.patchVacancy, { params: { vacancyId }, body: patch });
  }

  putTranslation(
    vacancyId: string,
    language: Language,
    body: VacancyTranslationBody,
  ): Promise<HttpResult<VacancyDetails>> {
    return callApi(this.#fetch, STAND_API.putTranslation, {
      params: { vacancyId, language },
      body,
    });
  }

  /** Replaces the whole list, in order; answers the questions as now asked. */
  async saveScreeningQuestions(
    standId: string,
    body: ScreeningQuestionsBody,
  ): Promise<HttpResult<ScreeningQuestions["questions"]>> {
    const answer = await callApi(this.#fetch, STAND_API.saveScreeningQuestions, {
      params: { standId },
      body,
    });
    return answer.ok ? { ok: true, data: answer.data.questions } : answer;
  }

  async loadStaff(standId: string): Promise<HttpResult<StandStaffMember[]>> {
    const answer = await callApi(this.#fetch, STAND_API.staff, { params: { standId } });
    return answer.ok ? { ok: true, data: answer.data.staff } : answer;
  }

  removeStaff(standId: string, userId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, STAND_API.removeStaff, { params: { standId, userId } });
  }

  async loadInvitations(standId: string): Promise<HttpResult<StandInvitation[]>> {
    const answer = await callApi(this.#fetch, STAND_API.invitations, { params: { standId } });
    return answer.ok ? { ok: true, data: answer.data.invitations } : answer;
  }

  createInvitation(standId: string, role: StandStaffRole): Promise<HttpResult<CreatedInvitation>> {
    return callApi(this.#fetch, STAND_API.createInvitation, {
      params: { standId },
      body: { role },
    });
  }

  revokeInvitation(standId: string, invitationId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, STAND_API.revokeInvitation, {
      params: { standId, id: invitationId },
    });
  }

  previewInvitation(token: string): Promise<HttpResult<InvitationPreview>> {
    return callApi(this.#fetch, STAND_API.previewInvitation, { params: { token } });
  }

  /** Signed in: joins the stand's staff with the given languages (the stand's by default). */
  async acceptInvitation(
    token: string,
    languages?: Language[],
  ): Promise<HttpResult<AcceptedInvitation>> {
    const answer = await callApi(this.#fetch, STAND_API.acceptInvitation, {
      params: { token },
      body: languages ? { languages } : {},
    });
    return acceptedAs(answer, acceptedInvitationSchema);
  }

  /** Anonymous: creates the account, joins the staff and signs in by cookie. */
  async acceptInvitationWithAccount(
    token: string,
    body: AcceptInvitationBody,
  ): Promise<HttpResult<InvitationAccount>> {
    const answer = await callApi(this.#fetch, STAND_API.acceptInvitation, {
      params: { token },
      body,
    });
    return acceptedAs(answer, invitationAccountSchema);
  }

  /** Anonymous: registers a pending stand with its stand-admin account; "check your email". */
  registerStand(
    fairSlug: string,
    body: StandRegistrationBody,
  ): Promise<HttpResult<CheckEmailAnswer>> {
    return callApi(this.#fetch, STAND_API.registerStand, { params: { slug: fairSlug }, body });
  }
}
