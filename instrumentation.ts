// Runs once when the server starts, before it takes requests: the embedded
// database takes seconds to open, so no visitor should wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabaseOrExit } = await import("./lib/startup");
  await prepareDatabaseOrExit();
}
