/** Declaration of the recommendations route. */
import { defineRoute } from "./contract.js";
import { recommendationsSchema } from "./recommendations.js";

export const RECOMMENDATION_API = {
  myRecommendations: defineRoute({
    method: "GET",
    path: "/api/me/recommendations",
    answer: recommendationsSchema,
    summary: "The current fair's vacancies ranked for the candidate, with the reasons",
  }),
};
