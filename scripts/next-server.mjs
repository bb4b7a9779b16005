// How every tracker server is started (npm start, the benchmarks, the
// end-to-end tests): Next's own CLI, run directly so that a stop signal reaches
// the server, with V8's young generation at 32 MB per semi-space instead of
// Node's 16 MB. Pages and exports make many short-lived strings: with the
// default, a 1,000,000-row export spent 0.6 s in 226 young-generation
// collections, and took about 8 % longer (npm run bench exports). The cost is up
// to 32 MB more memory under load.
import path from "node:path";

/** Next's command line, whose `start` serves the built tracker. */
export const nextCli = path.join(import.meta.dirname, "..", "node_modules", "next", "dist", "bin", "next");

/** The server's environment: `env`, with the tracker's Node options added to any already set. */
export function serverEnvironment(env) {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, "--max-semi-space-size=32"].filter(Boolean).join(" ") };
}
