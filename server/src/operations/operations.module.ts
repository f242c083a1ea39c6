/**
 * The operations panel's server side: every few seconds this process reads
 * its own metrics registry into its figures and publishes them on the board
 * (Redis when there is one), and `GET /api/admin/operations` answers fair
 * admins with every process's latest figures. It writes nothing that lasts.
 */
import { OPERATIONS_POLL_INTERVAL_MS, type ProcessFigures } from "@crossfair/shared";
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { serverId } from "../plugins/socket.js";
import {
  LocalOperationsBoard,
  RedisOperationsBoard,
  type OperationsBoardStore,
} from "./operations.board.js";
import { processFigures, type FiguresReading } from "./operations.figures.js";
import { operationsRoutes } from "./operations.routes.js";

export interface OperationsModule {
  /** Reads and publishes this process's figures now (also done on a timer). */
  publish(): Promise<ProcessFigures>;
  close(): void;
}

export async function startOperationsModule(
  { config, http, log, metrics, queueRedis }: Platform,
  { guard }: AuthModule,
): Promise<OperationsModule> {
  const board: OperationsBoardStore = queueRedis
    ? new RedisOperationsBoard(queueRedis, `${config.REDIS_KEY_PREFIX}:ops`)
    : new LocalOperationsBoard();
  let previous: FiguresReading | null = null;
  const publish = async () => {
    const { figures, reading } = processFigures(
      await metrics.registry.getMetricsAsJSON(),
      { processId: serverId, at: Date.now(), uptimeSeconds: process.uptime() },
      previous,
    );
    previous = reading;
    await board.publish(figures);
    return figures;
  };
  await publish().catch((error: unknown) => log.warn({ err: error }, "operations figures failed"));
  const timer = setInterval(() => {
    publish().catch((error: unknown) => log.warn({ err: error }, "operations figures failed"));
  }, OPERATIONS_POLL_INTERVAL_MS);
  timer.unref();
  await http.register(operationsRoutes, { board, guard, processId: serverId });
  return { publish, close: () => clearInterval(timer) };
}
