import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { readAuthSettings } from "../env";
import { endSession, startSession } from "./sessions";
import { checkPassword, findSingleSignOnUser, type SignInRefusal } from "./sign-in";

// Auth.js: email and password for accounts an admin created, and single
// sign-on through any OpenID Connect provider named by AUTH_OIDC_*. Sessions
// are encrypted cookies naming a session row (lib/auth/sessions.ts), which
// lib/auth/session.ts checks on every request, with the user as they are now.

/** A refused sign-in; `code` ("invalid" or "locked") is all the browser learns. */
class SignInRefused extends CredentialsSignin {
  constructor(readonly code: SignInRefusal) {
    super(code);
  }
}

export const singleSignOnProviderId = "oidc";

/** The client's address as the nearest proxy (or Next itself) reported it. */
function clientAddress(headers: Headers): string {
  const forwarded =
    headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((part) => part.trim())
      .filter(Boolean) ?? [];
  return forwarded.at(-1) ?? "unknown";
}

function authConfig(): NextAuthConfig {
  const settings = readAuthSettings();
  const maxAge = settings.sessionHours * 60 * 60;
  return {
    secret: settings.secret,
    // Self-hosted: the Host header names the tracker (set AUTH_URL behind a proxy that rewrites it).
    trustHost: true,
    useSecureCookies: process.env.NODE_ENV === "production",
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/en/sign-in", error: "/en/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const email = typeof credentials.email === "string" ? credentials.email : "";
          const password = typeof credentials.password === "string" ? credentials.password : "";
          const result = await checkPassword(email, password, clientAddress(request.headers));
          if (!result.ok) throw new SignInRefused(result.reason);
          return result.user;
        },
      }),
      ...(settings.oidc
        ? [
            {
              id: singleSignOnProviderId,
              name: settings.oidc.name,
              type: "oidc" as const,
              issuer: settings.oidc.issuer,
              clientId: settings.oidc.clientId,
              clientSecret: settings.oidc.clientSecret,
              checks: ["pkce" as const, "state" as const, "nonce" as const],
            },
          ]
        : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== singleSignOnProviderId) return true;
        return (await findSingleSignOnUser(profile?.email, account.provider)) !== null;
      },
      async jwt({ token, user, account, profile }) {
        // On sign-in, the token names the tracker's own user and a new session row.
        const signedIn =
          account?.provider === singleSignOnProviderId ? await findSingleSignOnUser(profile?.email, account.provider) : user?.id ? { id: user.id } : null;
        if (signedIn) {
          token.sub = signedIn.id;
          token.sid = await startSession(signedIn.id);
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && typeof message.token?.sid === "string") await endSession(message.token.sid, "sign-out");
      },
    },
    logger: {
      // A refused password is expected and already audited; everything else is worth a log line.
      error(error) {
        if (!(error instanceof CredentialsSignin)) console.error(error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/** The single sign-on button's label, or null when no provider is configured. */
export function singleSignOnName(): string | null {
  return readAuthSettings().oidc?.name ?? null;
}

declare module "next-auth" {
  interface Session {
    /** The session row this browser's cookie names (lib/auth/sessions.ts). */
    sessionId?: string;
  }
}
