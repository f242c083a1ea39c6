/** `GET /api/admin/operations`: every process's latest figures, for fair admins. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { operationsBoardSchema } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { OperationsBoardStore } from "./operations.board.js";

export const operationsRoutes: FastifyPluginAsyncZod<{
  board: OperationsBoardStore;
  guard: Guard;
  processId: string;
}> = async (app, { board, guard, processId }) => {
  app.get(
    "/api/admin/operations",
    { schema: { response: { 200: operationsBoardSchema } } },
    async (request, reply) => {
      await guard.fairAdmin(request);
      const now = Date.now();
      return reply
        .header("cache-control", "no-store")
        .send({ at: now, answeredBy: processId, processes: await board.list(now) });
    },
  );
};
