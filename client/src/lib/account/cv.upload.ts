/**
 * Uploading the candidate's CV with progress. `fetch` cannot report upload
 * progress, so the browser transport is an XMLHttpRequest; the rules around
 * it (one upload at a time, the server's codes for a file that is not a PDF
 * or too large, the profile it answers with) are plain TypeScript, tested
 * with a fake transport.
 */
import {
  apiErrorSchema,
  candidateProfileAnswerSchema,
  ErrorCode,
  type CandidateProfile,
} from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { StateStore } from "../store/state-store.js";

export const CV_UPLOAD_URL = "/api/me/cv";
/** The name of the multipart field, as the server reads it (any file part). */
export const CV_FIELD = "file";

export interface UploadAnswer {
  status: number;
  body: string;
}

/** Sends a form and reports progress as a fraction; rejects only when the network fails. */
export type UploadTransport = (
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
) => Promise<UploadAnswer>;

export const xhrTransport: UploadTransport = (url, form, onProgress) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("accept", "application/json");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () =>
      resolve({ status: request.status, body: request.responseText }),
    );
    request.addEventListener("error", () => reject(new Error("network error")));
    request.addEventListener("abort", () => reject(new Error("aborted")));
    request.send(form);
  });

/** Reads the server's answer to an upload the way `callApi` reads any other. */
export function readUploadAnswer(answer: UploadAnswer): HttpResult<CandidateProfile> {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = undefined;
  }
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = candidateProfileAnswerSchema.safeParse(body);
    return parsed.success
      ? { ok: true, data: parsed.data.profile }
      : {
          ok: false,
          code: ErrorCode.internal,
          message: "The upload's answer had the wrong shape.",
        };
  }
  const error = apiErrorSchema.safeParse(body);
  if (error.success) {
    const { code, message, field } = error.data.error;
    return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
  }
  // A proxy may refuse a large body before our server sees it.
  if (answer.status === 413) {
    return { ok: false, code: ErrorCode.payloadTooLarge, message: "The file is too large." };
  }
  return {
    ok: false,
    code: answer.status >= 500 || answer.status === 0 ? ErrorCode.unavailable : ErrorCode.internal,
    message: `Unexpected answer from the server (HTTP ${answer.status}).`,
  };
}

export type CvUploadState =
  | { status: "idle" }
  | { status: "uploading"; fileName: string; progress: number }
  | { status: "done"; fileName: string }
  | { status: "failed"; fileName: string; code: ErrorCode };

export class CvUploader extends StateStore<CvUploadState> {
  readonly #transport: UploadTransport;

  constructor(transport: UploadTransport = xhrTransport) {
    super({ status: "idle" });
    this.#transport = transport;
  }

  /** Uploads a file; resolves to the profile the server saved it on, or null on failure. */
  async upload(file: File): Promise<CandidateProfile | null> {
    if (this.state.status === "uploading") return null;
    const fileName = file.name;
    this.set({ status: "uploading", fileName, progress: 0 });
    const form = new FormData();
    form.append(CV_FIELD, file, file.name);
    let answer: UploadAnswer;
    try {
      answer = await this.#transport(CV_UPLOAD_URL, form, (fraction) => {
        if (this.state.status === "uploading") {
          this.set({
            status: "uploading",
            fileName,
            progress: Math.min(1, Math.max(0, fraction)),
          });
        }
      });
    } catch {
      this.set({ status: "failed", fileName, code: ErrorCode.unavailable });
      return null;
    }
    const result = readUploadAnswer(answer);
    if (!result.ok) {
      this.set({ status: "failed", fileName, code: result.code });
      return null;
    }
    this.set({ status: "done", fileName });
    return result.data;
  }
}
