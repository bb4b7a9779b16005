// Runs once when the server starts, before it takes requests: the embedded
// database takes seconds to open, so no visitor should wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase, startupFailure } = await import("./lib/startup");
  try {
    await prepareDatabase();
  } catch (error) {
    console.error(startupFailure(error) ?? error);
    process.exit(1);
  }
}
