import { describe, expect, it } from "vitest";
import { ConfigurationError, readAuthSettings } from "@/lib/env";
import { contentSecurityPolicy, needsNonce } from "@/lib/security-headers";

const secret = "0123456789abcdef0123456789abcdef";

describe("sign-in settings", () => {
  it("require AUTH_SECRET in production with a one-line reason", () => {
    expect(() => readAuthSettings({ NODE_ENV: "production" })).toThrow(
      new ConfigurationError("AUTH_SECRET is required in production (try: openssl rand -base64 32)"),
    );
    expect(() => readAuthSettings({ NODE_ENV: "production", AUTH_SECRET: "  " })).toThrow(ConfigurationError);
    expect(() => readAuthSettings({ NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow("at least 32 characters");
    expect(readAuthSettings({ NODE_ENV: "development" }).secret).toBeUndefined();
  });

  it("default to 8-hour sessions and no single sign-on", () => {
    expect(readAuthSettings({ NODE_ENV: "production", AUTH_SECRET: secret })).toEqual({ secret, sessionHours: 8, oidc: null });
    expect(readAuthSettings({ AUTH_SESSION_HOURS: "12" }).sessionHours).toBe(12);
    expect(() => readAuthSettings({ AUTH_SESSION_HOURS: "0" })).toThrow("AUTH_SESSION_HOURS");
  });

  it("configure single sign-on only with issuer, client id and secret together", () => {
    const oidc = { AUTH_OIDC_ISSUER: "https://login.example.org/realms/ministry", AUTH_OIDC_CLIENT_ID: "tracker", AUTH_OIDC_CLIENT_SECRET: "s3cret" };
    expect(readAuthSettings(oidc).oidc).toEqual({ issuer: oidc.AUTH_OIDC_ISSUER, clientId: "tracker", clientSecret: "s3cret", name: "Single sign-on" });
    expect(() => readAuthSettings({ AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toThrow("Set all of AUTH_OIDC_ISSUER");
    expect(() => readAuthSettings({ ...oidc, AUTH_OIDC_ISSUER: "not a url" })).toThrow("issuer URL");
  });
});

describe("content security policy", () => {
  it("allows inline scripts nowhere, nonce scripts only on staff and sign-in pages, and no script on public pages", () => {
    expect(["/en/admin", "/es/admin/users", "/ja/sign-in", "/en/set-password"].every(needsNonce)).toBe(true);
    expect(["/en", "/en/milestones/x", "/", "/en/administration-news"].some(needsNonce)).toBe(false);
    const publicPolicy = contentSecurityPolicy({ nonce: null, https: false, development: false });
    expect(publicPolicy).toContain("script-src 'none';");
    expect(contentSecurityPolicy({ nonce: null, https: false, development: true })).toContain("script-src 'self' 'unsafe-eval';");
    const staffPolicy = contentSecurityPolicy({ nonce: "abc", https: true, development: false, formTargets: ["https://sso.example.org"] });
    expect(staffPolicy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(staffPolicy).toContain("form-action 'self' https://sso.example.org;");
    expect(staffPolicy).toContain("upgrade-insecure-requests");
    for (const policy of [publicPolicy, staffPolicy]) {
      expect(policy).toContain("frame-ancestors 'none'");
      expect(/script-src[^;]*unsafe-inline/.test(policy)).toBe(false);
    }
  });
});
