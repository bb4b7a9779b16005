import { request } from "node:http";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchPostgres, startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// What an anonymous client can send, and what it must not get: a 500, a page
// without its security headers, a cache that grows with its requests, or a
// lock-out aimed at someone else or dodged with a forged header.

const admin = { email: "admin@ministry.example", password: "admin password 2026" };
const root = path.resolve(import.meta.dirname, "../..");

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request from a chosen local address (127.0.0.0/8 is all this machine's own). */
function send(url: string, options: { method?: string; from?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        headers: options.headers,
        localAddress: options.from,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** A password sign-in through Auth.js's own endpoints; answers "ok", "invalid" or "locked". */
async function signIn(tracker: RunningTracker, email: string, password: string, options: { from?: string; forwardedFor?: string } = {}): Promise<string> {
  const forwarded: Record<string, string> = options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {};
  const csrf = await send(`${tracker.url}/api/auth/csrf`, { from: options.from, headers: forwarded });
  const cookie = [csrf.headers["set-cookie"] ?? []]
    .flat()
    .map((one) => one.split(";")[0])
    .join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send(`${tracker.url}/api/auth/callback/credentials`, {
    method: "POST",
    from: options.from,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...forwarded },
    body: new URLSearchParams({ csrfToken, email, password }).toString(),
  });
  const location = String(answer.headers.location ?? "");
  return /code=locked/.test(location) ? "locked" : /error=/.test(location) ? "invalid" : "ok";
}

describe("the client's address", () => {
  let dataDir: string;
  let direct: RunningTracker;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tracker-hostile-"));
    direct = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  });
  afterAll(async () => {
    await direct?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("comes from the socket when no proxy is trusted: a new X-Forwarded-For per guess dodges nothing", async () => {
    for (let guess = 0; guess < 20; guess++) {
      expect(await signIn(direct, `guess-${guess}@example.org`, "wrong", { from: "127.0.0.2", forwardedFor: `203.0.113.${guess}` })).toBe("invalid");
    }
    expect(await signIn(direct, admin.email, admin.password, { from: "127.0.0.2", forwardedFor: "198.51.100.1" })).toBe("locked");
  });

  it("cannot be aimed at someone else with a forged header", async () => {
    for (let guess = 0; guess < 20; guess++) {
      await signIn(direct, `aim-${guess}@example.org`, "wrong", { from: "127.0.0.3", forwardedFor: "::ffff:127.0.0.4" });
    }
    expect(await signIn(direct, admin.email, admin.password, { from: "127.0.0.4" })).toBe("ok");
    expect(await signIn(direct, admin.email, admin.password, { from: "127.0.0.3" })).toBe("locked");
  });

  it("is the one a trusted proxy forwards, when TRUSTED_PROXIES names it", async () => {
    await direct.stop();
    const behindProxy = await startTracker(
      { DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, TRUSTED_PROXIES: "127.0.0.5" },
      { clearCaches: false },
    );
    try {
      for (let guess = 0; guess < 20; guess++) {
        await signIn(behindProxy, `proxied-${guess}@example.org`, "wrong", { from: "127.0.0.5", forwardedFor: "192.0.2.77, 198.51.100.7" });
      }
      expect(await signIn(behindProxy, admin.email, admin.password, { from: "127.0.0.5", forwardedFor: "198.51.100.7" })).toBe("locked");
      expect(await signIn(behindProxy, admin.email, admin.password, { from: "127.0.0.5", forwardedFor: "198.51.100.8" })).toBe("ok");
      // An address that is not the trusted proxy is itself the client, whatever it forwards.
      expect(await signIn(behindProxy, admin.email, admin.password, { from: "127.0.0.6", forwardedFor: "198.51.100.7" })).toBe("ok");
    } finally {
      direct = behindProxy;
    }
  });
});

describe("hostile addresses, bodies and parameters", () => {
  let dataDir: string;
  let tracker: RunningTracker;
  let database: Awaited<ReturnType<typeof scratchPostgres>> | null;
  const cap = 300;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tracker-hostile-"));
    // On PostgreSQL when there is one: the 10,000 requests below read the database between them, which the embedded one does more slowly.
    database = process.env.TEST_DATABASE_URL ? await scratchPostgres(process.env.TEST_DATABASE_URL, "tracker_e2e_hostile") : null;
    tracker = await startTracker({
      DATABASE_URL: database?.url ?? "",
      DATA_DIR: dataDir,
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      PUBLIC_CACHE_ENTRIES: String(cap),
    });
  });
  afterAll(async () => {
    await tracker?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers unreadable addresses with 400, in the visitor's language, with every security header", async () => {
    const pages = {
      "/en/%E0": "This address cannot be read",
      "/es/milestones/%": "Esta dirección no se puede leer",
      "/ja/%E0%A4%A": "このアドレスは読み取れません",
      "/%": "This address cannot be read",
    };
    for (const [address, title] of Object.entries(pages)) {
      const answer = await send(`${tracker.url}${address}`);
      expect(answer.status, address).toBe(400);
      expect(answer.body).toContain(title);
      expect(answer.headers["content-security-policy"]).toContain("script-src 'none'");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    for (const address of ["/api/v1/milestones/%E0%A4%A", "/api/v1/milestones?x=1&%", "/feed.xml/%E0"]) {
      const answer = await send(`${tracker.url}${address}`);
      if (address.includes("?")) {
        expect(answer.status, address).toBeLessThan(500);
        continue;
      }
      expect(answer.status, address).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "invalid_parameter", parameter: "path" } });
    }
  });

  it("refuses a body over the limit before reading it, with the size in the message", async () => {
    const answer = await send(`${tracker.url}/en/admin/import`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: Buffer.alloc(7 * 1024 * 1024, 97),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("6 MB");
  });

  it("refuses control characters in query parameters, naming the parameter, and shows the list's page with a message", async () => {
    for (const [address, parameter] of [
      ["/api/v1/milestones?q=copper%00", "q"],
      ["/api/v1/exports/milestones.csv?agency=MOFA%00", "agency"],
      ["/api/v1/exports/progress.csv?q=%E2%80%AEevil", "q"],
    ]) {
      const answer = await send(`${tracker.url}${address}`);
      expect(answer.status, address).toBe(400);
      expect(JSON.parse(answer.body).error).toMatchObject({ code: "invalid_parameter", parameter });
    }
    const page = await send(`${tracker.url}/es/milestones?q=cobre%00`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("contiene un carácter que no es texto legible");
  });

  it("keeps its page cache within the cap after 10,000 distinct anonymous requests, writing nothing to disk", async () => {
    // Mostly distinct reads of cached data (each would be an entry), and the pages no link makes.
    const addresses = Array.from({ length: 10_000 }, (_, index) => {
      switch (index % 10) {
        case 0:
          return `/en/milestones?pillar=invented-${index}`;
        case 1:
          return `/en/no-such-page-${index}`;
        case 2:
          return `/es/milestones/no-such-milestone-${index}`;
        case 3:
        case 4:
          return `/feed.xml?lang=${["en", "es", "ja"][index % 3]}&x=${index}`;
        default:
          return `/api/v1/milestones?page=${index}&pageSize=${1 + (index % 100)}`;
      }
    });
    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < addresses.length) {
          const address = addresses[next++]!;
          const answer = await send(`${tracker.url}${address}`);
          if (answer.status >= 500) failures.push(`${address}: ${answer.status}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    const { cache } = JSON.parse((await send(`${tracker.url}/readyz`)).body) as {
      cache: { entries: number; bytes: number; maxEntries: number; maxBytes: number };
    };
    expect(cache.maxEntries).toBe(cap);
    expect(cache.entries).toBeLessThanOrEqual(cap);
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    const onDisk = await readdir(path.join(root, ".next/server/route-cache"), { recursive: true }).catch(() => []);
    expect(onDisk).toEqual([]);
  }, 600_000);
});
