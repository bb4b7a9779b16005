import { describe, expect, it } from "vitest";
import { reason } from "@/lib/db";
import { ConfigurationError, readEnvironment } from "@/lib/env";
import { checksumOf } from "@/lib/migrations";
import { inLocale } from "@/lib/translations";

describe("environment", () => {
  it("uses the embedded database in .data unless told otherwise", () => {
    const defaults = readEnvironment({});
    expect(defaults.DATABASE_URL).toBeUndefined();
    expect(defaults.DATA_DIR).toBe(".data");
    expect(readEnvironment({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  it("refuses a short administrator password or half of the pair", () => {
    expect(() => readEnvironment({ ADMIN_EMAIL: "a@example.org", ADMIN_PASSWORD: "short" })).toThrow("ADMIN_PASSWORD must be at least 12 characters");
    expect(() => readEnvironment({ ADMIN_EMAIL: "a@example.org" })).toThrow(ConfigurationError);
    expect(() => readEnvironment({ ADMIN_EMAIL: "not-an-email", ADMIN_PASSWORD: "long enough pass" })).toThrow("ADMIN_EMAIL must be an email address");
  });
});

describe("connection failure reasons", () => {
  it("are short and human", () => {
    expect(reason(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe("connection refused");
    expect(reason(Object.assign(new Error("x"), { code: "3D000" }))).toBe("the database does not exist");
    expect(reason(new AggregateError([Object.assign(new Error("x"), { code: "ENOTFOUND" })]))).toBe("host not found");
    expect(reason(new Error("first line\n    at stack"))).toBe("first line");
  });
});

describe("migration checksums", () => {
  it("are Prisma's: SHA-256 of migration.sql in hex", () => {
    expect(checksumOf("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("translated texts", () => {
  const text = { en: "Economic", es: "Económico", ja: null };
  it("fall back to English, marked as such", () => {
    expect(inLocale(text, "es")).toEqual({ text: "Económico", isFallback: false });
    expect(inLocale(text, "ja")).toEqual({ text: "Economic", isFallback: true });
    expect(inLocale(text, "en")).toEqual({ text: "Economic", isFallback: false });
  });
});
