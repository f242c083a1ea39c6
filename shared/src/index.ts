export * from "./errors.js";
export * from "./domain/language.js";
export * from "./domain/fair.js";
export * from "./domain/user.js";
export * from "./api/health.js";
export * from "./protocol/ack.js";
export * from "./protocol/system.js";
export * from "./protocol/events.js";
