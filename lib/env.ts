import "server-only";
import { z } from "zod";

// Every environment variable the tracker reads, checked once. Values are read
// on first use (not at import) so `next build` and tests can set them late.
const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  DATA_DIR: z.string().trim().default(".data"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export class ConfigurationError extends Error {}

export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  const parsed = environmentSchema.safeParse({
    ...source,
    ADMIN_EMAIL: source.ADMIN_EMAIL || undefined,
    ADMIN_PASSWORD: source.ADMIN_PASSWORD || undefined,
  });
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  if (Boolean(parsed.data.ADMIN_EMAIL) !== Boolean(parsed.data.ADMIN_PASSWORD)) {
    throw new ConfigurationError("Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither");
  }
  return parsed.data;
}

const authSchema = z.object({
  AUTH_SECRET: z.string().trim().min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  AUTH_SESSION_HOURS: z.coerce
    .number({ error: "AUTH_SESSION_HOURS must be a number of hours from 1 to 720" })
    .min(1, "AUTH_SESSION_HOURS must be a number of hours from 1 to 720")
    .max(720, "AUTH_SESSION_HOURS must be a number of hours from 1 to 720")
    .default(8),
  AUTH_OIDC_ISSUER: z.url("AUTH_OIDC_ISSUER must be the provider's issuer URL").optional(),
  AUTH_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  AUTH_OIDC_NAME: z.string().trim().min(1).max(60).default("Single sign-on"),
});

export type AuthSettings = {
  secret: string | undefined;
  sessionHours: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
};

/**
 * Sign-in settings, read apart from the database settings so that `next build`
 * (which runs in production mode without secrets) never needs AUTH_SECRET.
 */
export function readAuthSettings(source: Record<string, string | undefined> = process.env): AuthSettings {
  const present = Object.fromEntries(Object.entries(source).filter(([key, value]) => key.startsWith("AUTH_") && value?.trim()));
  const parsed = authSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  const settings = parsed.data;
  if (source.NODE_ENV === "production" && !settings.AUTH_SECRET) {
    throw new ConfigurationError("AUTH_SECRET is required in production (try: openssl rand -base64 32)");
  }
  const oidcParts = [settings.AUTH_OIDC_ISSUER, settings.AUTH_OIDC_CLIENT_ID, settings.AUTH_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigurationError("Set all of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or none");
  }
  return {
    secret: settings.AUTH_SECRET,
    sessionHours: settings.AUTH_SESSION_HOURS,
    oidc:
      settings.AUTH_OIDC_ISSUER && settings.AUTH_OIDC_CLIENT_ID && settings.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: settings.AUTH_OIDC_ISSUER,
            clientId: settings.AUTH_OIDC_CLIENT_ID,
            clientSecret: settings.AUTH_OIDC_CLIENT_SECRET,
            name: settings.AUTH_OIDC_NAME,
          }
        : null,
  };
}
