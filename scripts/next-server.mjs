// How every tracker server is started (npm start, the benchmarks, the
// end-to-end tests): scripts/server.mjs, Node's server in front of Next's
// request handler, with two settings added to the environment:
// - NEXT_TELEMETRY_DISABLED=1: the tracker sends nothing to anyone;
// - V8's young generation at 32 MB per semi-space instead of Node's 16 MB.
//   Pages and exports make many short-lived strings: with the default, a
//   1,000,000-row export spent 0.6 s in 226 young-generation collections, and
//   took about 8 % longer (npm run bench exports). The cost is up to 32 MB more
//   memory under load.
import path from "node:path";

/** The tracker's server, which serves the built tracker on PORT. */
export const serverScript = path.join(import.meta.dirname, "server.mjs");

/** The server's environment: `env`, with the tracker's Node options added to any already set. */
export function serverEnvironment(env) {
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: [env.NODE_OPTIONS, "--max-semi-space-size=32"].filter(Boolean).join(" ") };
}
