/** Field types the config's parts share. */
import { z } from "zod";

/** "true", "1" or "yes" (and their opposites), as the environment writes booleans. */
export const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");
