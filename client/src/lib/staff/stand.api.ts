/**
 * The HTTP side of managing a stand: its details, vacancies and their
 * translations, its screening questions, the staff list and invitation
 * links, the invitation page (preview and accept) and an employer's
 * registration of a new stand. Every answer is checked against the shared
 * schemas.
 */
import { z } from "zod";
import {
  acceptedInvitationSchema,
  createdInvitationSchema,
  invitationAccountSchema,
  invitationPreviewSchema,
  screeningQuestionsSchema,
  standDetailsSchema,
  standInvitationsSchema,
  standRegistrationAnswerSchema,
  standStaffListSchema,
  vacancyDetailsSchema,
  type AcceptInvitationBody,
  type AcceptedInvitation,
  type CreatedInvitation,
  type InvitationAccount,
  type InvitationPreview,
  type Language,
  type ScreeningQuestions,
  type ScreeningQuestionsBody,
  type StandDetails,
  type StandInvitation,
  type StandPatch,
  type StandRegistrationAnswer,
  type StandRegistrationBody,
  type StandStaffMember,
  type StandStaffRole,
  type VacancyDetails,
  type VacancyInput,
  type VacancyPatch,
  type VacancyTranslationBody,
} from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

const id = encodeURIComponent;

export const STAND_URLS = {
  stand: (standId: string) => `/api/stands/${id(standId)}`,
  vacancies: (standId: string) => `/api/stands/${id(standId)}/vacancies`,
  vacancy: (vacancyId: string) => `/api/vacancies/${id(vacancyId)}`,
  translation: (vacancyId: string, language: Language) =>
    `/api/vacancies/${id(vacancyId)}/translations/${language}`,
  screeningQuestions: (standId: string) => `/api/stands/${id(standId)}/screening-questions`,
  staff: (standId: string) => `/api/stands/${id(standId)}/staff`,
  staffMember: (standId: string, userId: string) =>
    `/api/stands/${id(standId)}/staff/${id(userId)}`,
  invitations: (standId: string) => `/api/stands/${id(standId)}/invitations`,
  invitation: (standId: string, invitationId: string) =>
    `/api/stands/${id(standId)}/invitations/${id(invitationId)}`,
  preview: (token: string) => `/api/invitations/${id(token)}`,
  accept: (token: string) => `/api/invitations/${id(token)}/accept`,
  registration: (fairSlug: string) => `/api/fairs/${id(fairSlug)}/stand-registrations`,
} as const;

/** DELETE routes answer 204 with no body. */
const noContent = z.undefined();

export function loadStand(fetchFn: Fetch, standId: string): Promise<HttpResult<StandDetails>> {
  return requestJson(fetchFn, STAND_URLS.stand(standId), standDetailsSchema);
}

export function patchStand(
  fetchFn: Fetch,
  standId: string,
  patch: StandPatch,
): Promise<HttpResult<StandDetails>> {
  return requestJson(fetchFn, STAND_URLS.stand(standId), standDetailsSchema, {
    method: "PATCH",
    body: patch,
  });
}

export function createVacancy(
  fetchFn: Fetch,
  standId: string,
  input: VacancyInput,
): Promise<HttpResult<VacancyDetails>> {
  return requestJson(fetchFn, STAND_URLS.vacancies(standId), vacancyDetailsSchema, {
    method: "POST",
    body: input,
  });
}

export function patchVacancy(
  fetchFn: Fetch,
  vacancyId: string,
  patch: VacancyPatch,
): Promise<HttpResult<VacancyDetails>> {
  return requestJson(fetchFn, STAND_URLS.vacancy(vacancyId), vacancyDetailsSchema, {
    method: "PATCH",
    body: patch,
  });
}

export function putTranslation(
  fetchFn: Fetch,
  vacancyId: string,
  language: Language,
  body: VacancyTranslationBody,
): Promise<HttpResult<VacancyDetails>> {
  return requestJson(fetchFn, STAND_URLS.translation(vacancyId, language), vacancyDetailsSchema, {
    method: "PUT",
    body,
  });
}

export async function loadScreeningQuestions(
  fetchFn: Fetch,
  standId: string,
): Promise<HttpResult<ScreeningQuestions["questions"]>> {
  const answer = await requestJson(
    fetchFn,
    STAND_URLS.screeningQuestions(standId),
    screeningQuestionsSchema,
  );
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

/** Replaces the whole list, in order; answers the questions as now asked. */
export async function saveScreeningQuestions(
  fetchFn: Fetch,
  standId: string,
  body: ScreeningQuestionsBody,
): Promise<HttpResult<ScreeningQuestions["questions"]>> {
  const answer = await requestJson(
    fetchFn,
    STAND_URLS.screeningQuestions(standId),
    screeningQuestionsSchema,
    { method: "PUT", body },
  );
  return answer.ok ? { ok: true, data: answer.data.questions } : answer;
}

export async function loadStaff(
  fetchFn: Fetch,
  standId: string,
): Promise<HttpResult<StandStaffMember[]>> {
  const answer = await requestJson(fetchFn, STAND_URLS.staff(standId), standStaffListSchema);
  return answer.ok ? { ok: true, data: answer.data.staff } : answer;
}

export async function removeStaff(
  fetchFn: Fetch,
  standId: string,
  userId: string,
): Promise<HttpResult<undefined>> {
  return requestJson(fetchFn, STAND_URLS.staffMember(standId, userId), noContent, {
    method: "DELETE",
  });
}

export async function loadInvitations(
  fetchFn: Fetch,
  standId: string,
): Promise<HttpResult<StandInvitation[]>> {
  const answer = await requestJson(
    fetchFn,
    STAND_URLS.invitations(standId),
    standInvitationsSchema,
  );
  return answer.ok ? { ok: true, data: answer.data.invitations } : answer;
}

export function createInvitation(
  fetchFn: Fetch,
  standId: string,
  role: StandStaffRole,
): Promise<HttpResult<CreatedInvitation>> {
  return requestJson(fetchFn, STAND_URLS.invitations(standId), createdInvitationSchema, {
    method: "POST",
    body: { role },
  });
}

export function revokeInvitation(
  fetchFn: Fetch,
  standId: string,
  invitationId: string,
): Promise<HttpResult<undefined>> {
  return requestJson(fetchFn, STAND_URLS.invitation(standId, invitationId), noContent, {
    method: "DELETE",
  });
}

export function previewInvitation(
  fetchFn: Fetch,
  token: string,
): Promise<HttpResult<InvitationPreview>> {
  return requestJson(fetchFn, STAND_URLS.preview(token), invitationPreviewSchema);
}

/** Signed in: joins the stand's staff with the given languages (the stand's by default). */
export function acceptInvitation(
  fetchFn: Fetch,
  token: string,
  languages?: Language[],
): Promise<HttpResult<AcceptedInvitation>> {
  return requestJson(fetchFn, STAND_URLS.accept(token), acceptedInvitationSchema, {
    method: "POST",
    body: languages ? { languages } : {},
  });
}

/** Anonymous: creates the account, joins the staff and signs in by cookie. */
export function acceptInvitationWithAccount(
  fetchFn: Fetch,
  token: string,
  body: AcceptInvitationBody,
): Promise<HttpResult<InvitationAccount>> {
  return requestJson(fetchFn, STAND_URLS.accept(token), invitationAccountSchema, {
    method: "POST",
    body,
  });
}

/** Anonymous: registers a pending stand with its stand-admin account, signed in by cookie. */
export function registerStand(
  fetchFn: Fetch,
  fairSlug: string,
  body: StandRegistrationBody,
): Promise<HttpResult<StandRegistrationAnswer>> {
  return requestJson(fetchFn, STAND_URLS.registration(fairSlug), standRegistrationAnswerSchema, {
    method: "POST",
    body,
  });
}
