// Runs anywhere (the proxy reads it through lib/reports/annual-period.ts): the
// Japan–Peru Road Map's dates, the seed's and the rules' one source.

/** The day the Road Map, the Joint Statement and the memoranda were adopted or signed in Lima. */
export const adoptedOn = "2024-11-17";
export const firstYear = 2024;
export const lastYear = 2033;
