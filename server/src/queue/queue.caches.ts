/**
 * The queue's per-process caches kept fresh across server processes. Each
 * process caches what every queue operation reads (QueueRepository: stand
 * facts, staff memberships, shared profiles; RegistrationService: approvals)
 * for a few seconds. When one of those facts changes, the process where it
 * changed drops its copy and tells the others with one inter-process message,
 * `cache:forget`, carrying what to forget; each of them drops its own copy
 * too. So a revoked consent, an accepted invitation, a removed recruiter, an
 * approved stand or a rejected registration counts everywhere at once, not
 * when a cache entry happens to expire (the TTL only bounds a lost message).
 */
import type { Logger } from "pino";
import { z } from "zod";
import type { AppSocketServer } from "../plugins/socket.js";

/** One thing to forget; a message between our own processes, checked all the same. */
export const forgetMessageSchema = z.discriminatedUnion("kind", [
  /** A candidate gave or revoked consent for a stand: the profile its staff may see. */
  z.object({ kind: z.literal("profile"), standId: z.uuid(), candidateId: z.uuid() }),
  /** Someone joined or left a stand's staff, or changed their languages there. */
  z.object({ kind: z.literal("staffMembership"), standId: z.uuid(), userId: z.uuid() }),
  /** A stand's approval or details changed. */
  z.object({ kind: z.literal("stand"), standId: z.uuid() }),
  /** A fair's status or settings changed: the facts of all its stands. */
  z.object({ kind: z.literal("fair"), fairId: z.uuid() }),
  /** The organiser decided on a candidate's registration for a fair. */
  z.object({ kind: z.literal("registration"), fairId: z.uuid(), candidateId: z.uuid() }),
]);
export type ForgetMessage = z.infer<typeof forgetMessageSchema>;

/** The caches a message reaches, in every process. */
export interface ForgettingCaches {
  repository: {
    forgetProfile(standId: string, candidateId: string): void;
    forgetStaffMembership(standId: string, userId: string): void;
    forgetStand(standId: string): void;
    forgetFair(fairId: string): void;
  };
  registrations: { forgetApproval(fairId: string, candidateId: string): void };
}

type ForgottenListener = (message: ForgetMessage) => Promise<void> | void;

export class SharedQueueCaches {
  readonly #forgottenListeners: ForgottenListener[] = [];
  #io: AppSocketServer | null = null;

  constructor(
    private readonly caches: ForgettingCaches,
    private readonly log: Logger,
  ) {}

  /**
   * Told in every process after its caches dropped an entry, so live state
   * built on the fact follows (an open console of a removed recruiter closes).
   */
  onForgotten(listener: ForgottenListener): void {
    this.#forgottenListeners.push(listener);
  }

  /**
   * Hears the other processes' messages and, when the socket adapter spans
   * processes (Redis), tells them this one's. The in-process adapter has
   * nobody to tell, and warns when asked to.
   */
  connect(io: AppSocketServer, crossProcess: boolean): void {
    io.on("cache:forget", (message: unknown) => {
      const parsed = forgetMessageSchema.safeParse(message);
      if (parsed.success) this.#apply(parsed.data);
      else this.log.warn({ message }, "ignored a malformed cache:forget message");
    });
    if (crossProcess) this.#io = io;
  }

  /** Forgets here at once, then in every other process. */
  forget(message: ForgetMessage): void {
    this.#apply(message);
    this.#io?.serverSideEmit("cache:forget", message);
  }

  // What the stand domain calls when a stand or its staff change (StandCaches).
  forgetStand(standId: string): void {
    this.forget({ kind: "stand", standId });
  }

  forgetStaffMembership(standId: string, userId: string): void {
    this.forget({ kind: "staffMembership", standId, userId });
  }

  #apply(message: ForgetMessage): void {
    const { repository, registrations } = this.caches;
    switch (message.kind) {
      case "profile":
        repository.forgetProfile(message.standId, message.candidateId);
        break;
      case "staffMembership":
        repository.forgetStaffMembership(message.standId, message.userId);
        break;
      case "stand":
        repository.forgetStand(message.standId);
        break;
      case "fair":
        repository.forgetFair(message.fairId);
        break;
      case "registration":
        registrations.forgetApproval(message.fairId, message.candidateId);
        break;
    }
    for (const listener of this.#forgottenListeners) {
      Promise.resolve()
        .then(() => listener(message))
        .catch((error: unknown) =>
          this.log.error({ err: error, message }, "following a forgotten cache entry failed"),
        );
    }
  }
}
