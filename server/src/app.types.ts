/** What `buildApp` answers: the running server's parts, for `main.ts` and the tests. */
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { AvailabilityModule } from "./availability/availability.module.js";
import type { DomainEvents } from "./events/domain-events.js";
import type { InterviewRooms } from "./interview/interview.rooms.js";
import type { InterviewService } from "./interview/interview.service.js";
import type { WorkerPool } from "./interview/media/worker-pool.js";
import type { BookingReminders } from "./mail/mail.service.js";
import type { DevMailbox } from "./mail/mailer.js";
import type { DatabaseHandle } from "./plugins/db.js";
import type { AppSocketServer } from "./plugins/socket.types.js";
import type { OutboxDrain } from "./queue/queue.outbox-thread.js";
import type { QueueService } from "./queue/queue.service.js";
import type { QueueStore } from "./queue/queue.store.js";
import type { WebinarLiveModule } from "./webinar/live/webinar-live.module.js";

export interface App {
  readonly http: FastifyInstance;
  readonly io: AppSocketServer;
  readonly database: DatabaseHandle;
  readonly queueStore: QueueStore;
  readonly media: WorkerPool;
  readonly queue: QueueService;
  /** Writes what the queue store recorded (its outbox) to the database, behind the changes. */
  readonly outbox: OutboxDrain;
  readonly interviews: InterviewService;
  /** Slots and bookings: who is free when (`availability.bookedSlotDue`). */
  readonly availability: AvailabilityModule;
  /** The live interview rooms (media) hosted by this process. */
  readonly interviewRooms: InterviewRooms;
  readonly log: Logger;
  readonly seeded: boolean;
  /** The development mailbox (no SMTP_URL): where this process's mail went; null with SMTP. */
  readonly mailbox: DevMailbox | null;
  /** The booking reminders the availability domain's timers send. */
  readonly reminders: BookingReminders;
  /** Group sessions while they happen (tests sweep attendance through it). */
  readonly webinarLive: WebinarLiveModule;
  /** The domain-event bus (tests tell events through it). */
  readonly events: DomainEvents;
  /**
   * Stops accepting, disconnects sockets, stops media workers, closes Redis and
   * the database. With `drainMs` (SIGTERM), live interviews here first get up
   * to that long to finish while new ones go to other processes.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}
