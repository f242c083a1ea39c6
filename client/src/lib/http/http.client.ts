/**
 * The one way the client calls its own API: `callApi(fetch, route, request)`
 * takes a route declared in the shared contract, builds the URL from its path
 * and query, sends the JSON body, checks the answer against the route's answer
 * schema, and turns every way it can fail into one `{code, message}` from the
 * shared error codes, so stores can hand the UI a translatable error.
 * Same-origin requests carry the session cookie.
 *
 * The API modules are classes over a `fetch` (`AccountApi`, `AdminApi`,
 * `StandApi`, `StaffApi`, `QueueApi`, `InterviewApi`). Classes rather than
 * free functions because the account and admin managers, their Svelte pages
 * and their tests are built on the API object as their seam (`Pick<AdminApi,
 * "report">` fakes, `api` props): moving the four function modules onto
 * classes changed only call expressions, while the other way round would have
 * rewritten those managers' constructors and their tests.
 */
import {
  answerSchemaFor,
  apiErrorSchema,
  encodeQuery,
  ErrorCode,
  fillPath,
  type AnswerOf,
  type AnyRoute,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
} from "@crossfair/shared";
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

/** What a call sends: the route's params, query and body, each required when the route has one. */
export type CallRequest<R extends AnyRoute> = (R extends { params: z.ZodType }
  ? { params: ParamsOf<R> }
  : { params?: undefined }) &
  (R extends { query: z.ZodType } ? { query?: QueryOf<R> } : { query?: undefined }) &
  (R extends { body: z.ZodType } ? { body: BodyOf<R> } : { body?: undefined }) & {
    /** Names the answer in the message when it has the wrong shape; "answer" by default. */
    what?: string;
  };

/** The URL of a declared route with these params and query. */
export function urlOf<R extends AnyRoute>(
  route: R,
  request: Pick<CallRequest<R>, "params" | "query">,
): string {
  return `${fillPath(route, request.params)}${encodeQuery(request.query)}`;
}

/** Calls a declared route and checks its answer; never throws. */
export async function callApi<R extends AnyRoute>(
  fetchFn: Fetch,
  route: R,
  request: CallRequest<R>,
): Promise<HttpResult<AnswerOf<R>>> {
  let url: string;
  try {
    url = urlOf(route, request);
  } catch (error) {
    return failure(ErrorCode.internal, describe(error));
  }
  const body: unknown = request.body;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: route.method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    return failure(ErrorCode.unavailable, `The server could not be reached: ${describe(error)}`);
  }

  let answer: unknown = undefined;
  if (response.status !== 204) {
    try {
      answer = await response.json();
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
    const apiError = apiErrorSchema.safeParse(answer);
    if (apiError.success) {
      const { code, message, field } = apiError.data.error;
      return field === undefined ? failure(code, message) : { ...failure(code, message), field };
    }
    return failure(
      response.status >= 500 ? ErrorCode.unavailable : ErrorCode.internal,
      `Unexpected answer from the server (HTTP ${response.status}).`,
    );
  }

  // The schema the route declares for this status; an undeclared success status is read as the main one.
  const schema = answerSchemaFor(route, response.status) ?? route.answer;
  const shapeError = (where: string) =>
    failure(
      ErrorCode.internal,
      `The ${request.what ?? "answer"} did not match the expected shape at ${where}.`,
    );
  if (schema === null) {
    return answer === undefined ? { ok: true, data: noAnswer<R>() } : shapeError("the root");
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) return shapeError(parsed.error.issues[0]?.path.join(".") || "the root");
  // Parsed by the route's own schema for this status, so it is one of the route's answers.
  return { ok: true, data: parsed.data as AnswerOf<R> };
}

/** A route declared with no answer (204) answers `undefined`. */
function noAnswer<R extends AnyRoute>(): AnswerOf<R> {
  return undefined as AnswerOf<R>;
}

function failure(code: ErrorCode, message: string): HttpFailure {
  return { ok: false, code, message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
