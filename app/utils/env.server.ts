import { z } from "zod";

/** Every setting the server reads, checked once. README lists them all. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
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
  S3_FORCE_PATH_STYLE: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
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

let cached: Env | undefined;
export function env(): Env {
  // An empty variable means unset (`S3_BUCKET= npm start`), as shells and .env files mean it.
  cached ??= EnvSchema.parse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")),
  );
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
