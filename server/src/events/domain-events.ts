/**
 * The server's typed domain events: what one domain tells the others, so
 * none of them calls into another's internals and `app.ts` wires nothing.
 * A domain emits after its change is stored; every subscriber runs, and the
 * emit answers once they have (a revoked consent has left the queue before
 * the revocation is answered).
 *
 * A subscriber says where it must run. By default it runs once, in the
 * process where the event happened (leaving a queue, closing a session).
 * `everywhere` subscribers also run in every other process, for what each
 * process keeps for itself (cached facts, open consoles): with Redis the
 * event crosses over the Socket.io adapter as one `domain:event` message,
 * checked against its schema on arrival.
 */
import type { Logger } from "pino";
import { z } from "zod";
import { interviewSchema } from "@crossfair/shared";

const uuid = z.uuid();

export const domainEventSchemas = {
  /** A candidate gave or revoked consent to share their profile with a stand. */
  "consent.changed": z.object({
    standId: uuid,
    candidateId: uuid,
    active: z.boolean(),
    /** On a revocation: whether a consent in force was on record (false: none, or one on its way). */
    wasInForce: z.boolean().optional(),
  }),
  /** A consent given with a queue join reached PostgreSQL (the queue's outbox). */
  "consent.recorded": z.object({ standId: uuid, candidateId: uuid }),
  /** The organiser decided on a candidate's registration for a fair. */
  "registration.decided": z.object({
    fairId: uuid,
    candidateId: uuid,
    status: z.enum(["approved", "rejected"]),
  }),
  /** Someone joined a stand's staff or changed their languages there. */
  "staff.changed": z.object({ standId: uuid, userId: uuid }),
  /** Someone left a stand's staff (removed, or left). */
  "staff.removed": z.object({ standId: uuid, userId: uuid }),
  /** A stand's approval, details or screening questions changed. */
  "stand.changed": z.object({ standId: uuid }),
  /** A fair's status or settings changed. */
  "fair.changed": z.object({ fairId: uuid }),
  /**
   * Sign-in sessions ended (signed out, or every session of an account): their
   * sockets are cut. Ids are the sessions' token hashes, never the tokens.
   */
  "session.ended": z.object({
    sessionIds: z
      .array(z.string().regex(/^[0-9a-f]{64}$/))
      .min(1)
      .max(1_000),
  }),
  /**
   * A fair admin suspended an account; its sessions have ended (`session.ended`).
   * Live state it holds (queue places) must end, on record.
   */
  "account.suspended": z.object({ userId: uuid }),
  /** An account was deleted (its data is gone; live state must follow). */
  "account.deleted": z.object({ userId: uuid }),
  /** A candidate booked a slot (stored): confirmation mail, reminders, the call at slot time. */
  "booking.made": z.object({
    bookingId: uuid,
    slotId: uuid,
    standId: uuid,
    fairId: uuid,
    candidateId: uuid,
    /** The slot's recruiter; null for a slot of the whole stand. */
    recruiterId: uuid.nullable(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  /**
   * A booking ended before its slot: cancelled by the candidate or by staff,
   * or its slot was withdrawn. Its reminders and call must not happen.
   */
  "booking.cancelled": z.object({
    bookingId: uuid,
    slotId: uuid,
    standId: uuid,
    fairId: uuid,
    candidateId: uuid,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    by: z.enum(["candidate", "staff", "slot_withdrawn"]),
  }),
  /** Staff invited a candidate to book a slot at their stand. */
  "booking.invited": z.object({
    invitationId: uuid,
    standId: uuid,
    fairId: uuid,
    candidateId: uuid,
    invitedBy: uuid,
    message: z.string().max(1_000),
  }),
  /** A booked slot's call ended: accepted (the interview it became), declined, or not answered. */
  "booking.answered": z.object({
    bookingId: uuid,
    standId: uuid,
    candidateId: uuid,
    outcome: z.enum(["attended", "declined", "no_show"]),
    interviewId: uuid.optional(),
  }),
  /** A booking's reminder is due (a day or an hour before its slot): mail it. */
  "booking.reminder_due": z.object({
    bookingId: uuid,
    kind: z.enum(["day", "hour"]),
  }),
  /**
   * A recruiter called a candidate from the stand's queue (the call rings until `deadline`,
   * epoch ms). Told behind the call's answer: the mail domain writes to a candidate with no
   * connected socket.
   */
  "queue.called": z.object({
    standId: uuid,
    fairId: uuid,
    candidateId: uuid,
    deadline: z.number().int().positive(),
  }),
  /** A stand's admin scheduled a group session (its reminder is timed from it). */
  "webinar.scheduled": z.object({
    webinarId: uuid,
    standId: uuid,
    fairId: uuid,
    startsAt: z.iso.datetime({ offset: true }),
  }),
  /**
   * A stand's admin changed a scheduled session: its registrants get the new
   * time (`revision` is the calendar event's SEQUENCE), its reminder moves.
   */
  "webinar.changed": z.object({
    webinarId: uuid,
    startsAt: z.iso.datetime({ offset: true }),
    previousStartsAt: z.iso.datetime({ offset: true }),
    revision: z.number().int().nonnegative(),
  }),
  /** A candidate registered for a session (not told again for a repeated registration). */
  "webinar.registered": z.object({ webinarId: uuid, candidateId: uuid }),
  /** A stand's admin cancelled a session: these candidates had registered. */
  "webinar.cancelled": z.object({
    webinarId: uuid,
    startsAt: z.iso.datetime({ offset: true }),
    revision: z.number().int().nonnegative(),
    candidateIds: z.array(uuid).max(10_000),
  }),
  /** A session starts in 15 minutes: its registrants are reminded by mail and in the app. */
  "webinar.reminder_due": z.object({ webinarId: uuid }),
  /** An interview ended; `fairId` when the live copy carried it. */
  "interview.ended": z.object({
    interview: interviewSchema.extend({ fairId: uuid.optional() }),
  }),
} as const;

export type DomainEventName = keyof typeof domainEventSchemas;
export type DomainEvent<E extends DomainEventName> = z.infer<(typeof domainEventSchemas)[E]>;
type Handler<E extends DomainEventName> = (event: DomainEvent<E>) => void | Promise<void>;

interface Subscription {
  handler: Handler<never>;
  everywhere: boolean;
}

/** How events reach the other processes (the Socket.io adapter with Redis; none embedded). */
export interface DomainEventTransport {
  publish(message: { name: string; event: unknown }): void;
  subscribe(receive: (message: unknown) => void): void;
}

const crossingSchema = z.object({ name: z.string(), event: z.unknown() });

export class DomainEvents {
  readonly #subscriptions = new Map<DomainEventName, Subscription[]>();
  #transport: DomainEventTransport | null = null;

  constructor(private readonly log: Logger) {}

  on<E extends DomainEventName>(
    name: E,
    handler: Handler<E>,
    options: { everywhere?: boolean } = {},
  ): () => void {
    const list = this.#subscriptions.get(name) ?? [];
    const subscription = { handler: handler as Handler<never>, everywhere: !!options.everywhere };
    list.push(subscription);
    this.#subscriptions.set(name, list);
    return () => list.splice(list.indexOf(subscription), 1);
  }

  /** Runs every subscriber here (awaited), then tells the other processes. */
  async emit<E extends DomainEventName>(name: E, event: DomainEvent<E>): Promise<void> {
    const subscriptions = [...(this.#subscriptions.get(name) ?? [])];
    await Promise.all(subscriptions.map(({ handler }) => (handler as Handler<E>)(event)));
    this.#transport?.publish({ name, event });
  }

  /** From now on, events cross to and from the other processes through `transport`. */
  connect(transport: DomainEventTransport): void {
    this.#transport = transport;
    transport.subscribe((message) => void this.#receive(message));
  }

  async #receive(message: unknown): Promise<void> {
    const crossing = crossingSchema.safeParse(message);
    const name = crossing.success ? (crossing.data.name as DomainEventName) : undefined;
    const schema = name ? domainEventSchemas[name] : undefined;
    const event = schema?.safeParse(crossing.data?.event);
    if (!name || !event?.success) {
      this.log.warn({ message }, "ignored a malformed domain event from another process");
      return;
    }
    for (const { handler, everywhere } of this.#subscriptions.get(name) ?? []) {
      if (!everywhere) continue;
      try {
        await (handler as Handler<typeof name>)(event.data as DomainEvent<typeof name>);
      } catch (error) {
        this.log.error({ err: error, name }, "a domain event handler failed");
      }
    }
  }
}
