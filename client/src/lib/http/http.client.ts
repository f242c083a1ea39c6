/**
 * JSON requests to our own API, with every way they can fail turned into one
 * `{code, message}` from the shared error codes, so stores can hand the UI a
 * translatable error. Same-origin requests carry the session cookie.
 */
import { apiErrorSchema, ErrorCode } from "@crossfair/shared";
import type { z } from "zod";

/** A failure; `field` names the offending body field when the server said which. */
export interface HttpFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  field?: string;
}

export type HttpResult<T> = { ok: true; data: T } | HttpFailure;

export type Fetch = typeof globalThis.fetch;

export interface JsonRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** Names the answer in the message when it has the wrong shape; "answer" by default. */
  what?: string;
}

/** Requests `url` and checks the answer against `schema`; a 204 needs `schema` to accept undefined. */
export async function requestJson<S extends z.ZodType>(
  fetchFn: Fetch,
  url: string,
  schema: S,
  request: JsonRequest = {},
): Promise<HttpResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: request.method ?? "GET",
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
  } catch (error) {
    return failure(ErrorCode.unavailable, `The server could not be reached: ${describe(error)}`);
  }

  let body: unknown = undefined;
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch {
      return failure(
        response.status >= 500 || response.status === 0
          ? ErrorCode.unavailable
          : ErrorCode.internal,
        `Unexpected answer from the server (HTTP ${response.status}).`,
      );
    }
  }

  if (!response.ok) {
    const apiError = apiErrorSchema.safeParse(body);
    if (apiError.success) {
      const { code, message, field } = apiError.data.error;
      return field === undefined ? failure(code, message) : { ...failure(code, message), field };
    }
    return failure(
      response.status >= 500 ? ErrorCode.unavailable : ErrorCode.internal,
      `Unexpected answer from the server (HTTP ${response.status}).`,
    );
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "the root";
    return failure(
      ErrorCode.internal,
      `The ${request.what ?? "answer"} did not match the expected shape at ${where}.`,
    );
  }
  return { ok: true, data: parsed.data };
}

function failure(code: ErrorCode, message: string): HttpFailure {
  return { ok: false, code, message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
