/** Every table of the database, gathered for drizzle and drizzle-kit. */
export * from "../auth/auth.schema.js";
export * from "../fair/fair.schema.js";
