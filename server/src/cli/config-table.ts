/** Prints the README's settings table, generated from the config schema. */
import { configTableMarkdown } from "../config.js";

console.info(configTableMarkdown());
