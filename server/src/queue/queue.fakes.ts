/**
 * In-memory fakes of the queue service's ports, for its unit tests: the
 * directory of stands, staff and candidates it reads, the registration gate
 * it asks, the notifier it tells (which records what it was told), the
 * interview domain it opens interviews in and a clock that moves when told.
 * The queue store is the real in-memory one (the embedded default).
 */
import type { Language, LocalizedText, ServerEventPayload, SharedProfile } from "@crossfair/shared";
import { ErrorCode } from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { StaffMembership, StandInfo } from "./queue.repository.js";
import type { QueueDirectory, RegistrationGate } from "./queue.rules.js";
import type { InterviewStarter } from "./queue.service.js";

export class FakeQueueDirectory implements QueueDirectory {
  readonly stands = new Map<string, StandInfo>();
  readonly staff = new Map<string, StaffMembership>();
  readonly languages = new Map<string, Language[]>();

  addStand(stand: Partial<StandInfo> & { standId: string; fairId: string }): StandInfo {
    const full: StandInfo = {
      fairLive: true,
      registrationNeedsApproval: false,
      approved: true,
      queueCap: 3,
      interviewMinutes: 15,
      questions: [],
      ...stand,
    };
    this.stands.set(full.standId, full);
    return full;
  }

  addStaff(standId: string, userId: string, membership: Partial<StaffMembership> = {}): void {
    this.staff.set(`${standId}|${userId}`, {
      role: "recruiter",
      languages: [],
      displayName: "Recruiter",
      ...membership,
    });
  }

  async standInfo(standId: string): Promise<StandInfo | null> {
    return this.stands.get(standId) ?? null;
  }

  async fairOfStand(standId: string): Promise<string | null> {
    return this.stands.get(standId)?.fairId ?? null;
  }

  async liveFairIds(): Promise<string[]> {
    return [...new Set([...this.stands.values()].filter((s) => s.fairLive).map((s) => s.fairId))];
  }

  async staffMembership(standId: string, userId: string): Promise<StaffMembership | null> {
    return this.staff.get(`${standId}|${userId}`) ?? null;
  }

  async candidateLanguages(candidateId: string): Promise<Language[]> {
    return this.languages.get(candidateId) ?? [];
  }

  async warmLanguages(): Promise<void> {}

  async sharedProfiles(): Promise<Map<string, SharedProfile>> {
    return new Map();
  }

  async screeningAnswers(): Promise<Map<string, { question: string; answer: string }[]>> {
    return new Map();
  }
}

/** Admits whoever it was told to; anyone else gets `registration_required`. */
export class FakeRegistrationGate implements RegistrationGate {
  readonly admitted = new Set<string>();
  openToAll = true;

  async admit(fairId: string, candidateId: string): Promise<void> {
    if (this.openToAll || this.admitted.has(`${fairId}|${candidateId}`)) return;
    throw new AppError(ErrorCode.registrationRequired, "register for this fair first");
  }
}

export type Told = {
  [K in keyof QueueNotifier]: [K, ...Parameters<QueueNotifier[K]>];
}[keyof QueueNotifier];

/** Records every message, in order. */
export class RecordingNotifier implements QueueNotifier {
  readonly told: Told[] = [];

  standChanged(standId: string): void {
    this.told.push(["standChanged", standId]);
  }
  candidateChanged(candidateId: string): void {
    this.told.push(["candidateChanged", candidateId]);
  }
  called(candidateId: string, payload: ServerEventPayload<"queue:called">): void {
    this.told.push(["called", candidateId, payload]);
  }
  removed(candidateId: string, payload: ServerEventPayload<"queue:removed">): void {
    this.told.push(["removed", candidateId, payload]);
  }
  callAnswered(
    standId: string,
    recruiterId: string,
    payload: ServerEventPayload<"staff:callAnswered">,
  ): void {
    this.told.push(["callAnswered", standId, recruiterId, payload]);
  }
  interviewStarted(userId: string, payload: ServerEventPayload<"queue:interviewStarted">): void {
    this.told.push(["interviewStarted", userId, payload]);
  }

  /** The messages of one kind, without their name. */
  of<K extends Told[0]>(kind: K): Extract<Told, [K, ...unknown[]]>[] {
    return this.told.filter(
      (entry): entry is Extract<Told, [K, ...unknown[]]> => entry[0] === kind,
    );
  }
}

export class FakeInterviewStarter implements InterviewStarter {
  readonly started: Parameters<InterviewStarter["startLive"]>[0][] = [];

  async startLive(input: Parameters<InterviewStarter["startLive"]>[0]): Promise<void> {
    this.started.push(input);
  }
}

export class ManualClock {
  constructor(public now = Date.UTC(2026, 2, 12, 9)) {}
  readonly read = () => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export const question = (id: string, text: string): { id: string; question: LocalizedText } => ({
  id,
  question: { en: text },
});
