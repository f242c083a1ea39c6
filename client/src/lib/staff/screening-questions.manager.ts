/**
 * Owns a stand's screening questions as its admin edits them: the list as
 * loaded, questions added, reworded per language, moved up or down and
 * removed, then saved as a whole (the server replaces the list in the order
 * sent, keeping the ids of the questions that stay). The list is checked
 * with the shared schema before sending; each action ends in an
 * announcement for the live region, and problems are keyed by their path in
 * the body ("questions.1.question.fr") so they land next to their input.
 */
import {
  LANGUAGES,
  SCREENING_QUESTIONS_MAX,
  screeningQuestionsBodySchema,
  type ErrorCode,
  type Language,
  type LocalizedText,
  type ScreeningQuestions,
  type ScreeningQuestionsBody,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { QueueApi } from "../queue/queue.api.js";
import { StandApi } from "./stand.api.js";
import { fieldErrorsOf, serverFieldErrors, type Checked, type FieldErrors } from "./stand-forms.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface QuestionDraft {
  /** Names the question in the list (and for focus), saved or not. */
  key: string;
  /** The saved question's id; null until a new one is saved. */
  id: string | null;
  /** The wording per language, as typed. */
  text: Partial<Record<Language, string>>;
}

/** What the live region says about the last action; positions count from 1. */
export type ScreeningAnnouncement =
  | { kind: "added"; position: number }
  | { kind: "removed"; position: number }
  | { kind: "moved"; position: number; total: number }
  | { kind: "saved" }
  /** `code` null: the list failed its own check, the fields say where. */
  | { kind: "notSaved"; code: ErrorCode | null };

export interface ScreeningState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  questions: QuestionDraft[];
  /** Whether the list differs from the one the server has. */
  dirty: boolean;
  saving: boolean;
  announcement: ScreeningAnnouncement | null;
  /** Problems by path in the body, e.g. "questions.0.question.nl". */
  fields: FieldErrors;
}

const IDLE: ScreeningState = {
  standId: null,
  status: "idle",
  error: null,
  questions: [],
  dirty: false,
  saving: false,
  announcement: null,
  fields: {},
};

/**
 * The languages to write questions in: the fair's when known, else the
 * stand's; plus any other language a question already has text in, so
 * saving never drops a translation the form does not show.
 */
export function questionLanguages(
  preferred: readonly Language[],
  question?: QuestionDraft,
): Language[] {
  const wanted = preferred.length > 0 ? preferred : LANGUAGES;
  return LANGUAGES.filter(
    (language) => wanted.includes(language) || (question?.text[language] ?? "").trim() !== "",
  );
}

/** The body to send: trimmed texts, empty languages left out, ids of the questions that stay. */
export function screeningBodyOf(questions: readonly QuestionDraft[]): ScreeningQuestionsBody {
  return {
    questions: questions.map((question) => {
      const text: LocalizedText = {};
      for (const language of LANGUAGES) {
        const value = (question.text[language] ?? "").trim();
        if (value !== "") text[language] = value;
      }
      return question.id === null ? { question: text } : { id: question.id, question: text };
    }),
  };
}

/** The body checked with the server's schema; a question with no text at all is "required". */
export function checkScreeningBody(
  questions: readonly QuestionDraft[],
): Checked<ScreeningQuestionsBody> {
  const parsed = screeningQuestionsBodySchema.safeParse(screeningBodyOf(questions));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = fieldErrorsOf(parsed.error);
  for (const [path, problem] of Object.entries(errors)) {
    if (/^questions\.\d+\.question$/.test(path) && problem === "invalid") errors[path] = "required";
  }
  return { ok: false, errors };
}

const sameBody = (a: readonly QuestionDraft[], b: readonly QuestionDraft[]) =>
  JSON.stringify(screeningBodyOf(a)) === JSON.stringify(screeningBodyOf(b));

export class ScreeningQuestionsManager extends StateStore<ScreeningState> {
  readonly #fetch: Fetch;
  /** The list as the server has it, to tell unsaved changes. */
  #saved: QuestionDraft[] = [];
  readonly #requests = new LatestRequest();
  #keys = 0;

  constructor(options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async open(standId: string): Promise<void> {
    const generation = this.#requests.start();
    this.#saved = [];
    this.set({ ...IDLE, standId, status: "loading" });
    const answer = await new QueueApi(this.#fetch).loadScreeningQuestions(standId);
    if (!generation.isLatest()) return;
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
      return;
    }
    this.#saved = answer.data.map((question) => this.#draftOf(question));
    this.set({ ...this.state, status: "ready", questions: this.#saved });
  }

  /** Adds an empty question at the end; its key, or null when the list is full. */
  add(): string | null {
    const { questions } = this.state;
    if (!this.#editable() || questions.length >= SCREENING_QUESTIONS_MAX) return null;
    const question: QuestionDraft = { key: this.#nextKey(), id: null, text: {} };
    this.#edit([...questions, question], { kind: "added", position: questions.length + 1 });
    return question.key;
  }

  remove(key: string): void {
    const index = this.#indexOf(key);
    if (index < 0) return;
    const questions = this.state.questions.filter((question) => question.key !== key);
    this.#edit(questions, { kind: "removed", position: index + 1 });
  }

  /** Moves a question one place up (-1) or down (1); its new index, or null when it cannot move. */
  move(key: string, step: -1 | 1): number | null {
    const index = this.#indexOf(key);
    const target = index + step;
    const questions = [...this.state.questions];
    if (index < 0 || target < 0 || target >= questions.length) return null;
    [questions[index], questions[target]] = [questions[target]!, questions[index]!];
    this.#edit(questions, { kind: "moved", position: target + 1, total: questions.length });
    return target;
  }

  setText(key: string, language: Language, value: string): void {
    const index = this.#indexOf(key);
    if (index < 0) return;
    const questions = this.state.questions.map((question) =>
      question.key === key
        ? { ...question, text: { ...question.text, [language]: value } }
        : question,
    );
    // Typing fixes what was said about this text (or the question having none).
    const fixed = [`questions.${index}.question.${language}`, `questions.${index}.question`];
    const fields = Object.fromEntries(
      Object.entries(this.state.fields).filter(([path]) => !fixed.includes(path)),
    );
    this.set({
      ...this.state,
      questions,
      dirty: !sameBody(questions, this.#saved),
      announcement: null,
      fields,
    });
  }

  async save(): Promise<boolean> {
    const { standId } = this.state;
    if (!standId || !this.#editable()) return false;
    const checked = checkScreeningBody(this.state.questions);
    if (!checked.ok) {
      this.set({
        ...this.state,
        fields: checked.errors,
        announcement: { kind: "notSaved", code: null },
      });
      return false;
    }
    const generation = this.#requests.current;
    const sent = this.state.questions;
    this.set({ ...this.state, saving: true, announcement: null, fields: {} });
    const answer = await new StandApi(this.#fetch).saveScreeningQuestions(standId, checked.value);
    if (!generation.isLatest()) return false;
    if (!answer.ok) {
      this.set({
        ...this.state,
        saving: false,
        fields: serverFieldErrors(answer),
        announcement: { kind: "notSaved", code: answer.code },
      });
      return false;
    }
    // The server answers in the order sent, so each draft keeps its key (and focus).
    this.#saved = answer.data.map((question, index) => this.#draftOf(question, sent[index]?.key));
    this.set({
      ...this.state,
      saving: false,
      questions: this.#saved,
      dirty: false,
      announcement: { kind: "saved" },
    });
    return true;
  }

  close(): void {
    this.#requests.cancel();
    this.#saved = [];
    this.set(IDLE);
  }

  #editable(): boolean {
    return this.state.status === "ready" && !this.state.saving;
  }

  #indexOf(key: string): number {
    if (!this.#editable()) return -1;
    return this.state.questions.findIndex((question) => question.key === key);
  }

  /** A change to the list's shape: the field problems no longer point at the right rows. */
  #edit(questions: QuestionDraft[], announcement: ScreeningAnnouncement): void {
    this.set({
      ...this.state,
      questions,
      dirty: !sameBody(questions, this.#saved),
      announcement,
      fields: {},
    });
  }

  #draftOf(question: ScreeningQuestions["questions"][number], key?: string): QuestionDraft {
    return { key: key ?? this.#nextKey(), id: question.id, text: { ...question.question } };
  }

  #nextKey(): string {
    this.#keys += 1;
    return `q${this.#keys}`;
  }
}
