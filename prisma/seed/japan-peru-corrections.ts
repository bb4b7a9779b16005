// What earlier releases of the seed wrote wrongly, field by field, so that `npm run db:seed` corrects a
// database seeded before: a field is set to the seed's current text only while it still holds exactly what
// the seed wrote (`was`), never over an editor's change. Each correction is audited as the seed's.

export type SeedCorrection = {
  slug: string;
  field: "titleEn" | "titleEs" | "titleJa" | "summaryEn" | "summaryEs" | "summaryJa" | "location";
  /** The text an earlier release wrote; the correct one is the milestone's in japan-peru.ts. */
  was: string;
};

/**
 * The Political Dialogue Mechanism's venues were reversed (FACTS.md: the III met in Tokyo on 2024-06-21,
 * so the IV is in Lima in 2026, then Tokyo, Lima, Tokyo), and one Japanese summary spoke of the
 * leaders' agreement in the present tense.
 */
export const seedCorrections: SeedCorrection[] = [
  { slug: "political-dialogue-mechanism-2026", field: "titleEn", was: "Political Dialogue Mechanism: vice-ministerial meeting in Tokyo" },
  { slug: "political-dialogue-mechanism-2026", field: "titleEs", was: "Mecanismo de Diálogo Político: reunión de viceministros en Tokio" },
  { slug: "political-dialogue-mechanism-2026", field: "titleJa", was: "日・ペルー政治対話メカニズム 外務次官級会合（東京）" },
  {
    slug: "political-dialogue-mechanism-2026",
    field: "summaryEn",
    was: "Biennial meeting of the Japan–Peru Political Dialogue Mechanism at the level of Vice-Ministers of Foreign Affairs, held in Tokyo as the venue alternates between the two countries. It takes up the main issues on the bilateral agenda.",
  },
  {
    slug: "political-dialogue-mechanism-2026",
    field: "summaryEs",
    was: "Reunión bienal del Mecanismo de Diálogo Político Japón-Perú a nivel de viceministros de Relaciones Exteriores, con sede en Tokio según la alternancia entre ambos países. Aborda los temas principales de la agenda bilateral.",
  },
  {
    slug: "political-dialogue-mechanism-2026",
    field: "summaryJa",
    was: "外務次官級で2年ごとに開催される日・ペルー政治対話メカニズムの会合で、両国の持ち回りにより東京で開催する。二国間の主要課題について協議する。",
  },
  { slug: "political-dialogue-mechanism-2026", field: "location", was: "Tokyo" },
  { slug: "political-dialogue-mechanism-2028", field: "titleEn", was: "Political Dialogue Mechanism: vice-ministerial meeting in Lima" },
  { slug: "political-dialogue-mechanism-2028", field: "titleEs", was: "Mecanismo de Diálogo Político: reunión de viceministros en Lima" },
  { slug: "political-dialogue-mechanism-2028", field: "titleJa", was: "日・ペルー政治対話メカニズム 外務次官級会合（リマ）" },
  {
    slug: "political-dialogue-mechanism-2028",
    field: "summaryEn",
    was: "The next biennial meeting of the Political Dialogue Mechanism at vice-ministerial level, hosted in Lima in turn. It reviews the bilateral agenda at the midpoint of the Road Map period.",
  },
  {
    slug: "political-dialogue-mechanism-2028",
    field: "summaryEs",
    was: "Siguiente reunión bienal del Mecanismo de Diálogo Político a nivel viceministerial, con sede en Lima por turno. Revisa la agenda bilateral a mitad del periodo de la Hoja de Ruta.",
  },
  {
    slug: "political-dialogue-mechanism-2028",
    field: "summaryJa",
    was: "外務次官級の政治対話メカニズムの次回会合で、持ち回りによりリマで開催する。ロードマップ期間の中間点で二国間の課題を確認する。",
  },
  { slug: "political-dialogue-mechanism-2028", field: "location", was: "Lima" },
  { slug: "political-dialogue-mechanism-2030", field: "titleEn", was: "Political Dialogue Mechanism: vice-ministerial meeting in Tokyo" },
  { slug: "political-dialogue-mechanism-2030", field: "titleEs", was: "Mecanismo de Diálogo Político: reunión de viceministros en Tokio" },
  { slug: "political-dialogue-mechanism-2030", field: "titleJa", was: "日・ペルー政治対話メカニズム 外務次官級会合（東京）" },
  {
    slug: "political-dialogue-mechanism-2030",
    field: "summaryEn",
    was: "Biennial vice-ministerial meeting of the Political Dialogue Mechanism, returning to Tokyo under the alternating venue arrangement.",
  },
  {
    slug: "political-dialogue-mechanism-2030",
    field: "summaryEs",
    was: "Reunión bienal de viceministros del Mecanismo de Diálogo Político, que vuelve a celebrarse en Tokio según la alternancia de sedes.",
  },
  {
    slug: "political-dialogue-mechanism-2030",
    field: "summaryJa",
    was: "政治対話メカニズムの外務次官級会合（2年ごと）で、開催地の持ち回りにより再び東京で開催する。",
  },
  { slug: "political-dialogue-mechanism-2030", field: "location", was: "Tokyo" },
  { slug: "political-dialogue-mechanism-2032", field: "titleEn", was: "Political Dialogue Mechanism: vice-ministerial meeting in Lima" },
  { slug: "political-dialogue-mechanism-2032", field: "titleEs", was: "Mecanismo de Diálogo Político: reunión de viceministros en Lima" },
  { slug: "political-dialogue-mechanism-2032", field: "titleJa", was: "日・ペルー政治対話メカニズム 外務次官級会合（リマ）" },
  {
    slug: "political-dialogue-mechanism-2032",
    field: "summaryEn",
    was: "The last biennial vice-ministerial meeting of the Political Dialogue Mechanism within the Road Map period, held in Lima in turn.",
  },
  {
    slug: "political-dialogue-mechanism-2032",
    field: "summaryEs",
    was: "Última reunión bienal de viceministros del Mecanismo de Diálogo Político dentro del periodo de la Hoja de Ruta, celebrada en Lima por turno.",
  },
  {
    slug: "political-dialogue-mechanism-2032",
    field: "summaryJa",
    was: "ロードマップ期間内で最後となる政治対話メカニズムの外務次官級会合で、持ち回りによりリマで開催する。",
  },
  { slug: "political-dialogue-mechanism-2032", field: "location", was: "Lima" },
  {
    slug: "private-sector-business-exchange-2025",
    field: "summaryJa",
    was: "両国の経済関係の発展に向けた日本とペルーの企業間の交流。両首脳は、ルールに基づく自由で公正な経済秩序の下で民間交流を後押しすることで一致している。",
  },
];
