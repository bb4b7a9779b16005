// npm start — builds if needed, then serves the tracker (http://localhost:3000 unless PORT is set).
import { spawn } from "node:child_process";
import { buildIfNeeded } from "./build-if-needed.mjs";

buildIfNeeded();
const server = spawn("npx", ["next", "start", "--port", process.env.PORT ?? "3000"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
