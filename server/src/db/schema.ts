/** Every table of the database, gathered for drizzle and drizzle-kit. */
export * from "../auth/auth.schema.js";
export * from "../candidate/candidate.schema.js";
export * from "../fair/fair.schema.js";
export * from "../interview/interview.schema.js";
export * from "../queue/queue.schema.js";
export * from "../stand/stand.schema.js";
export * from "../application/application.schema.js";
export * from "../availability/availability.schema.js";
export * from "../webinar/webinar.schema.js";
