/** The server's logger, the one place its options are set. */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type { Config } from "./config.js";
import { redactedLoggerOptions } from "./plugins/log-redaction.js";

/** The app's logger: errors and requests redacted (log-redaction.ts), to `destination` or stdout. */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">,
  destination?: DestinationStream,
): Logger {
  const pretty = config.NODE_ENV === "development" && process.stdout.isTTY && !destination;
  const options: LoggerOptions = {
    ...redactedLoggerOptions(config.LOG_LEVEL),
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
