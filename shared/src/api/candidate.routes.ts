/**
 * Declarations of the candidate's own data routes (profile, export, account
 * deletion) and consents. The CV upload and downloads are not JSON: see
 * OUTSIDE_CONTRACT.
 */
import { z } from "zod";
import {
  giveConsentBodySchema,
  myConsentsSchema,
  profileConsentAnswerSchema,
} from "./applications.js";
import {
  candidateExportSchema,
  candidateProfileAnswerSchema,
  candidateProfileBodySchema,
} from "./candidate.js";
import { defineRoute } from "./contract.js";

export const CANDIDATE_API = {
  profile: defineRoute({
    method: "GET",
    path: "/api/me/profile",
    answer: candidateProfileAnswerSchema,
  }),
  saveProfile: defineRoute({
    method: "PUT",
    path: "/api/me/profile",
    body: candidateProfileBodySchema,
    answer: candidateProfileAnswerSchema,
  }),
  exportData: defineRoute({
    method: "GET",
    path: "/api/me/export",
    // JSON, sent with content-disposition so a plain link downloads it.
    answer: candidateExportSchema,
  }),
  deleteAccount: defineRoute({ method: "DELETE", path: "/api/me", answer: null }),
  consents: defineRoute({ method: "GET", path: "/api/me/consents", answer: myConsentsSchema }),
  giveConsent: defineRoute({
    method: "POST",
    path: "/api/me/consents",
    body: giveConsentBodySchema,
    // 201 when new, 200 when the consent was already given.
    answer: profileConsentAnswerSchema,
    status: 201,
    also: { 200: profileConsentAnswerSchema },
  }),
  revokeConsent: defineRoute({
    method: "DELETE",
    path: "/api/me/consents/:standId",
    params: z.object({ standId: z.uuid() }),
    answer: null,
  }),
} as const;
