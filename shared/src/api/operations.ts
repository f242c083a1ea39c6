/**
 * The operations panel (`GET /api/admin/operations`): what an operator
 * watches during a fair, per server process, from the same registry that
 * `/metrics` serves to Prometheus — sockets, event-loop lag, memory, the
 * mediasoup workers and their streams, live interviews, the outbox's lag,
 * refused sign-ins and the slowest socket events. Each process publishes its
 * figures every few seconds (through Redis when there is one), so any process
 * answers for all. The fair's queues per stand are on the live dashboard.
 */
import { z } from "zod";

export const OPERATIONS_POLL_INTERVAL_MS = 5_000;
/** A process whose figures are older than this is shown as silent (it stopped or died). */
export const OPERATIONS_SILENT_AFTER_MS = 15_000;

export const socketEventFiguresSchema = z.object({
  event: z.string(),
  count: z.number().int().min(0),
  /** The bucket bound under which 99 % of the answers came (seconds); null with no answers. */
  p99Seconds: z.number().min(0).nullable(),
  errors: z.number().int().min(0),
});
export type SocketEventFigures = z.infer<typeof socketEventFiguresSchema>;

export const processFiguresSchema = z.object({
  processId: z.string(),
  /** When the process took these figures (epoch ms). */
  at: z.number().int(),
  uptimeSeconds: z.number().min(0),
  sockets: z.number().int().min(0),
  eventLoopLagP99Ms: z.number().min(0),
  rssMb: z.number().min(0),
  heapUsedMb: z.number().min(0),
  mediaWorkersLive: z.number().int().min(0),
  /** The workers' CPU over the last interval, in % of one core, summed. */
  mediaWorkersCpuPercent: z.number().min(0).nullable(),
  mediaStreams: z.number().int().min(0),
  interviewsLive: z.number().int().min(0),
  outboxPending: z.number().int().min(0),
  outboxOldestAgeSeconds: z.number().min(0),
  signInFailures: z.number().int().min(0),
  /** The socket events with answers since start, slowest p99 first (at most 8). */
  socketEvents: z.array(socketEventFiguresSchema).max(8),
});
export type ProcessFigures = z.infer<typeof processFiguresSchema>;

export const operationsBoardSchema = z.object({
  at: z.number().int(),
  /** The process that answered. */
  answeredBy: z.string(),
  processes: z.array(processFiguresSchema),
});
export type OperationsBoard = z.infer<typeof operationsBoardSchema>;
