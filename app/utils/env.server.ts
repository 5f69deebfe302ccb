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
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}

/** The site's public origin: PUBLIC_URL when set (behind a proxy), else the request's own. */
export function siteOrigin(request: Request): string {
  return env().PUBLIC_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
