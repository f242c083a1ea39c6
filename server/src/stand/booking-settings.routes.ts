/**
 * HTTP routes of a stand's booking settings: its interview length (a walk-in's
 * and a slot's) and the booking rules candidates meet (bookings per candidate,
 * the cancel cut-off). Staff read them; the stand admin (or a fair admin) sets them.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AVAILABILITY_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const bookingSettingsRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (
  app,
  { guard, stands },
) => {
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };

  contractRoute(app, AVAILABILITY_API.bookingSettings, {}, async (request) => {
    await guard.stand(request, request.params.standId);
    return stands.bookingSettings(request.params.standId);
  });

  contractRoute(
    app,
    AVAILABILITY_API.putBookingSettings,
    { preValidation: signedIn },
    async (request) => {
      await guard.stand(request, request.params.standId, { roles: ["stand_admin"] });
      return stands.setBookingSettings(request.params.standId, request.body);
    },
  );
};
