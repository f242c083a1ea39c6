/**
 * HTTP routes of the candidate's own data: profile, CV upload and download,
 * data export and account deletion; plus the CV download for stand staff.
 * Multipart parsing is registered inside this plugin only, for the CV upload.
 */
import fastifyMultipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CANDIDATE_API,
  ErrorCode,
  candidateProfileAnswerSchema,
  type SessionUser,
} from "@crossfair/shared";
import { SESSION_COOKIE } from "../auth/auth.routes.js";
import type { AuthService } from "../auth/auth.service.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { CandidateService } from "./candidate.service.js";

export interface CandidateRoutesOptions {
  auth: AuthService;
  candidates: CandidateService;
}

/** Multipart and busboy failures carry their own codes; the answer keeps to ours. */
const multipartTooLarge = new Set(["FST_REQ_FILE_TOO_LARGE", "FST_FILES_LIMIT", "FST_PARTS_LIMIT"]);

function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && multipartTooLarge.has(code)) {
    return new AppError(ErrorCode.payloadTooLarge, "the upload is too large");
  }
  return new AppError(ErrorCode.malformedBody, "the multipart body could not be read");
}

function sendPdf(reply: FastifyReply, bytes: Buffer) {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", 'attachment; filename="cv.pdf"')
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(bytes);
}

export const candidateRoutes: FastifyPluginAsyncZod<CandidateRoutesOptions> = async (
  app,
  options,
) => {
  const { auth, candidates } = options;
  await app.register(fastifyMultipart, {
    limits: { fileSize: candidates.cvMaxBytes, files: 1, fields: 5, parts: 6 },
  });

  // Looked up once per request, whether by a hook or by the handler.
  const users = new WeakMap<FastifyRequest, SessionUser>();
  const signedIn = async (request: FastifyRequest): Promise<SessionUser> => {
    const known = users.get(request);
    if (known) return known;
    const user = await auth.userForToken(request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    users.set(request, user);
    return user;
  };
  const candidate = async (request: FastifyRequest): Promise<SessionUser> => {
    const user = await signedIn(request);
    if (user.role !== "candidate") throw new AppError(ErrorCode.forbidden, "for candidates only");
    return user;
  };

  contractRoute(app, CANDIDATE_API.profile, {}, async (request) => {
    const user = await candidate(request);
    const profile = await candidates.profile(user.id);
    if (!profile) throw new AppError(ErrorCode.notFound, "no profile yet");
    return { profile };
  });

  contractRoute(
    app,
    CANDIDATE_API.saveProfile,
    {
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await candidate(request);
      },
    },
    async (request) => {
      const user = await candidate(request);
      return { profile: await candidates.saveProfile(user.id, request.body) };
    },
  );

  // Multipart, outside the JSON contract (OUTSIDE_CONTRACT); its answer is the profile all the same.
  app.post(
    "/api/me/cv",
    {
      schema: {
        consumes: ["multipart/form-data"],
        response: { 201: candidateProfileAnswerSchema },
      },
    },
    async (request, reply) => {
      const user = await candidate(request);
      if (!request.isMultipart()) {
        throw new AppError(ErrorCode.unsupportedMediaType, "send the CV as multipart/form-data");
      }
      // The whole form is read, so a body cut short is refused rather than stored truncated.
      let bytes: Buffer | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type !== "file") continue;
          if (bytes) throw new AppError(ErrorCode.validationFailed, "send one file only", "file");
          bytes = await part.toBuffer();
        }
      } catch (error) {
        throw uploadError(error);
      }
      if (!bytes) throw new AppError(ErrorCode.validationFailed, "no file in the upload", "file");
      const profile = await candidates.saveCv(user.id, bytes);
      return reply.status(201).send({ profile });
    },
  );

  app.get("/api/me/cv", async (request, reply) => {
    const user = await candidate(request);
    return sendPdf(reply, await candidates.ownCv(user.id));
  });

  app.get(
    "/api/stands/:standId/candidates/:candidateId/cv",
    { schema: { params: z.object({ standId: z.uuid(), candidateId: z.uuid() }) } },
    async (request, reply) => {
      const viewer = await signedIn(request);
      const { standId, candidateId } = request.params;
      return sendPdf(reply, await candidates.cvForStand(viewer, standId, candidateId));
    },
  );

  contractRoute(app, CANDIDATE_API.exportData, {}, async (request, reply) => {
    const user = await candidate(request);
    const data = await candidates.exportData(user.id);
    return reply
      .header("content-disposition", 'attachment; filename="crossfair-data.json"')
      .send(data);
  });

  contractRoute(app, CANDIDATE_API.deleteAccount, {}, async (request, reply) => {
    const user = await candidate(request);
    await candidates.deleteAccount(user.id);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });
};
