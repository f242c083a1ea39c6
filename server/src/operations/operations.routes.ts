/** `GET /api/admin/operations`: every process's latest figures, for fair admins. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { REPORT_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { OperationsBoardStore } from "./operations.board.js";

export const operationsRoutes: FastifyPluginAsyncZod<{
  board: OperationsBoardStore;
  guard: Guard;
  processId: string;
}> = async (app, { board, guard, processId }) => {
  contractRoute(app, REPORT_API.operations, {}, async (request, reply) => {
    await guard.fairAdmin(request);
    const now = Date.now();
    return reply
      .header("cache-control", "no-store")
      .send({ at: now, answeredBy: processId, processes: await board.list(now) });
  });
};
