/**
 * HTTP routes of the availability domain: staff publish, list and withdraw a
 * stand's slots; candidates list a stand's free slots, book one, cancel and
 * list their bookings. Who asks is checked before the body.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AVAILABILITY_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { AvailabilityService } from "./availability.service.js";
import type { BookingService } from "./booking.service.js";

export interface AvailabilityRoutesOptions {
  guard: Guard;
  availability: AvailabilityService;
  bookings: BookingService;
}

export const availabilityRoutes: FastifyPluginAsyncZod<AvailabilityRoutesOptions> = async (
  app,
  { guard, availability, bookings },
) => {
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };
  const candidate = async (request: FastifyRequest) => {
    await guard.role(request, "candidate");
  };
  const actorOf = async (request: FastifyRequest, standId: string) => {
    const { user, standRole } = await guard.stand(request, standId);
    return { userId: user.id, standRole };
  };

  contractRoute(
    app,
    AVAILABILITY_API.publishSlots,
    { preValidation: signedIn },
    async (request, reply) => {
      const { standId } = request.params;
      const slots = await availability.publish(
        await actorOf(request, standId),
        standId,
        request.body,
      );
      return reply.status(201).send({ slots });
    },
  );

  // Stand checks run in the handlers, after the params are validated: the guard asks the
  // database about the stand id.
  contractRoute(app, AVAILABILITY_API.standSlots, { preValidation: signedIn }, async (request) => {
    await guard.stand(request, request.params.standId);
    return availability.standSlots(request.params.standId);
  });

  contractRoute(
    app,
    AVAILABILITY_API.withdrawSlot,
    { preValidation: signedIn },
    async (request, reply) => {
      const { standId, slotId } = request.params;
      await availability.withdraw(await actorOf(request, standId), standId, slotId);
      return reply.status(204).send();
    },
  );

  contractRoute(app, AVAILABILITY_API.bookableSlots, {}, async (request) =>
    availability.bookableSlots(request.params.standId),
  );

  contractRoute(
    app,
    AVAILABILITY_API.bookSlot,
    { preValidation: candidate },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      return reply.status(201).send(await bookings.book(user, request.params.slotId));
    },
  );

  contractRoute(
    app,
    AVAILABILITY_API.cancelBooking,
    { preValidation: signedIn },
    async (request, reply) => {
      await bookings.cancel(await guard.user(request), request.params.bookingId);
      return reply.status(204).send();
    },
  );

  contractRoute(app, AVAILABILITY_API.myBookings, { preValidation: candidate }, async (request) => {
    const user = await guard.role(request, "candidate");
    return { bookings: await bookings.mine(user.id, request.query.fairId) };
  });
};
