/**
 * `POST /api/stands/:standId/booking-invitations`: stand staff (not a fair
 * admin who is not on the staff: the invitation speaks for the stand) invite
 * a candidate to book a slot. It sends a mail, so it is rate-limited per
 * address like the other mail-sending routes, on top of the one-invitation-
 * per-candidate rule of the service.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { BOOKING_INVITATION_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { BookingInvitationService } from "./booking-invitations.service.js";

/** Invitations one address may send per minute (a busy stand admin clears a list in bursts). */
export const BOOKING_INVITATIONS_PER_MINUTE = 30;

export const bookingInvitationRoutes: FastifyPluginAsyncZod<{
  guard: Guard;
  invitations: BookingInvitationService;
}> = async (app, { guard, invitations }) => {
  contractRoute(
    app,
    BOOKING_INVITATION_API.invite,
    {
      config: { rateLimit: { max: BOOKING_INVITATIONS_PER_MINUTE, timeWindow: "1 minute" } },
      // Signed in comes before whether the body is valid; the stand is checked on valid params.
      preValidation: async (request) => {
        await guard.user(request);
      },
    },
    async (request, reply) => {
      const { standId } = request.params;
      const { user } = await guard.stand(request, standId, { staffOnly: true });
      const invitation = await invitations.invite({
        standId,
        invitedBy: user.id,
        candidateId: request.body.candidateId,
        message: request.body.message,
      });
      return reply.status(201).send(invitation);
    },
  );
};
