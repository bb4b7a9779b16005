import { describe, expect, it } from "vitest";
import { freePort, spawnTracker } from "../support/tracker";

describe("start-up without AUTH_SECRET in production", () => {
  it("stops with one line saying what to set", async () => {
    const { child, output } = spawnTracker({ AUTH_SECRET: "", DATABASE_URL: "" }, await freePort());
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines = output().trim().split("\n").filter((line) => line.includes("Cannot start"));
    expect(code).not.toBe(0);
    expect(lines).toEqual(["Cannot start the tracker: AUTH_SECRET is required in production (try: openssl rand -base64 32)"]);
  });
});
