import { z } from "zod";

/** A yes/no setting: 1 or true for yes; unset, 0 or false for no. */
const flag = z
  .enum(["0", "1", "true", "false"])
  .default("0")
  .transform((v) => v === "1" || v === "true");

/**
 * Every setting the server and the scripts read, checked once at start (server.mjs, the
 * scripts through db/client.ts). `.env.example` lists them all with what each one does.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The interface to listen on; unset: all. */
  HOST: z.string().min(1).optional(),
  /** 1 behind a reverse proxy that sets X-Forwarded-* (else those headers are dropped). */
  TRUST_PROXY: flag,
  /** Cookies without Secure in production: only for a test server on plain http. */
  INSECURE_COOKIES: flag,
  /** Where forms may post besides the site itself (Stripe Checkout), space-separated. */
  CSP_FORM_ACTION: z.string().default("https://checkout.stripe.com"),
  /** Memory for cached public pages (decision 005); 0 turns the page cache off. */
  PAGE_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** 1: `npm start` leaves an empty database empty (no demo seed). */
  SKIP_SEED: flag,
  /** Set by scripts/bench.mjs only: serves /bench/constant, the bench's yardstick. */
  HIRFA_BENCH: flag,
  /**
   * Tests only: how fast time passes for the rate limits (0.001: a real second counts as a
   * millisecond), so a loaded machine's slow requests do not let a wait run out unseen.
   */
  RATE_LIMIT_CLOCK_RATE: z.coerce.number().gt(0).max(1).default(1),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Hirfa <no-reply@hirfa.ma>"),
  // Media in an S3-compatible bucket (docs/deploy.md); unset: DATA_DIR/media.
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag,
  S3_PUBLIC_URL: z.string().url().optional(),
  /** Period of the payment sweep in minutes (0: never; run `npm run sweep` on a schedule instead). */
  PAYMENT_SWEEP_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  /** Period of housekeeping in minutes (0: never; run `npm run housekeeping` on a schedule instead). */
  HOUSEKEEPING_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(360),
  /** Wait before a failed mail is tried again; it doubles at each failure, up to an hour. */
  MAIL_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Attempts before a mail is given up on (it stays in mail_outbox, failed, with its error). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
});

export type Env = z.infer<typeof EnvSchema>;

/** A setting that cannot be used: its message names each variable and what is wrong with it. */
export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`invalid environment variable${problems.length > 1 ? "s" : ""}:\n  ${problems.join("\n  ")}`);
    this.name = "EnvError";
    // The message is the whole story: a stack trace would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

let cached: Env | undefined;
/** The settings, parsed on first use; a bad variable throws EnvError (never its value: it may be a secret). */
export function env(): Env {
  if (cached) return cached;
  // An empty variable means unset (`S3_BUCKET= npm start`), as shells and .env files mean it.
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  cached = parsed.data;
  return cached;
}

/**
 * The site's public origin for every absolute link (mail, canonical URLs, sitemap, Stripe
 * return URLs): PUBLIC_URL, else http://localhost:PORT. Never taken from a request: a forged
 * Host or X-Forwarded-Host header would otherwise put an attacker's site in a reset link
 * (decision 010).
 */
export function publicOrigin(): string {
  const { PUBLIC_URL, PORT } = env();
  return PUBLIC_URL ? new URL(PUBLIC_URL).origin : `http://localhost:${PORT}`;
}
