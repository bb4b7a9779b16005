import { describe, expect, it } from "vitest";
import { freePort, spawnTracker } from "../../scripts/tracker-process.mjs";

/** Starts the built tracker with a DATABASE_URL and waits for it to give up. */
async function startWith(databaseUrl: string) {
  const { child, output } = spawnTracker({ DATABASE_URL: databaseUrl }, await freePort());
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    code,
    lines: output()
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== ""),
  };
}

describe("start-up with a bad DATABASE_URL", () => {
  it("stops with one line naming the host and the reason when PostgreSQL is unreachable", async () => {
    const closedPort = await freePort();
    const { code, lines } = await startWith(`postgresql://tracker:secret@127.0.0.1:${closedPort}/tracker`);
    expect(code).not.toBe(0);
    const failure = lines.filter((line) => line.includes("Cannot start"));
    expect(failure).toEqual([`Cannot start the tracker: Cannot reach PostgreSQL at 127.0.0.1:${closedPort}/tracker: connection refused`]);
    expect(lines.join("\n")).not.toMatch(/^\s+at /m);
    expect(lines.join("\n")).not.toContain("secret");
  });

  it("stops with one line when the URL is malformed", async () => {
    const { code, lines } = await startWith("not a url at all");
    expect(code).not.toBe(0);
    expect(lines.filter((line) => line.includes("Cannot start"))).toEqual([
      "Cannot start the tracker: DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)",
    ]);
    expect(lines.join("\n")).not.toMatch(/^\s+at /m);
  });
});
