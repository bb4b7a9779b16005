// Runs anywhere: shared by the import's reader and its upload form, which checks the size before sending.
export const importLimits = { bytes: 5 * 1024 * 1024, rows: 10_000 };
