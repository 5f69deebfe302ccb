/**
 * The server's one logger: pino, one JSON object per line on stdout. Every value is a JSON
 * string field, so a newline or a forged "[mail] …" in a buyer's name, an address or an
 * error message stays inside its field and can never start a line of its own.
 * LOG_LEVEL (default info) may be trace, debug, info, warn, error, fatal or silent.
 */
import { format } from "node:util";
import pino from "pino";
import { env } from "./env.server";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;

/**
 * For the server process: what libraries print through `console`, and Node's warnings, go
 * through the logger too, so that every line of the server's output is one JSON object.
 */
export function routeConsoleToLogger(target: Logger = logger) {
  const to =
    (level: "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      if (error) target[level]({ err: error }, format(...args.filter((a) => a !== error)) || error.message);
      else target[level](format(...args));
    };
  console.log = to("info");
  console.info = to("info");
  console.warn = to("warn");
  console.error = to("error");
  // Node's own warnings (deprecations…) would be printed raw on stderr.
  process.removeAllListeners("warning");
  process.on("warning", (warning) => target.warn({ err: warning }, "node warning"));
}
