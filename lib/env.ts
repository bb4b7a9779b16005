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
  ADMIN_PASSWORD: z
    .string()
    .min(12, "ADMIN_PASSWORD must be at least 12 characters")
    .optional(),
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
