import type { SeedMilestone } from "./types";

// What happened after the Road Map's adoption on 17 November 2024, as public progress updates on its
// milestones. Written in the project's own words from the facts the project was given, section "What happened
// after adoption (public reporting up to February 2026)": every update is one event listed there, dated the
// day it happened, with that event's source as the evidence. Nothing else moves: the items FACTS.md lists as
// "Not found in public reporting" (the IV Political Dialogue Mechanism meeting, the monitoring working group,
// the forest-fire equipment, METI/JOGMEC projects, any EPA review, any 2026 event) get no update here.
//
// People are named with the office they held on the day of the event ("at the time" / "entonces" / "（当時）"):
// the signatories have since left office, and the Road Map's parties are the two states.
//
// How the progress figures were chosen (0-100; only the visa item reaches 100, because FACTS.md says it is done):
// - 10: a recurring or multi-year commitment that has clearly started, with one reported activity since
//   adoption (summit dialogue, foreign ministers' meetings, Nikkei engagement, tourism promotion at its start).
// - Higher figures only where the reported facts cover a larger part of what the milestone describes; each
//   is explained beside its event. Nothing is marked completed on the strength of Peru's foreign ministry's
//   statement that "10 commitments" were carried out: it named only the visa exemption, business and
//   investment events and the XVI CEPEJA, and published no list.

/** One sourced event after the Road Map's adoption, recorded as a public progress update. */
export type SeedProgressEvent = {
  /** Stable key, never changed once released, e.g. "2025-07-01-visa-exemption-in-force"; the seed uses it so running twice adds nothing. */
  key: string;
  /** Slug of the milestone it advances: an existing one in japan-peru.ts, or one from `afterAdoptionMilestones`. */
  milestone: string;
  /** The day it happened, YYYY-MM-DD (as FACTS.md gives it). */
  happenedOn: string;
  /** The milestone's status and progress (0-100) after this event. Only as far as the facts go. */
  status: "planned" | "in_progress" | "completed" | "delayed" | "at_risk" | "cancelled";
  progress: number;
  /** Public note in three languages, your own words, factual, short (1-3 sentences). */
  note: { en: string; es: string; ja: string };
  /** The source URL from FACTS.md, exactly. */
  evidenceUrl: string;
};

/** Full text of the Road Map (MOFA Japan, reproduced in the GRIPS / University of Tokyo "World and Japan" database). */
const ROAD_MAP_TEXT = "https://worldjpn.net/documents/texts/JPAM/20241117.O1E.html";

// The sources of the events, exactly as FACTS.md gives them.
const APJ_126_YEARS = "https://apj.org.pe/publicacion_detalle/la-asociacion-peruano-japonesa-conmemoro-126-anos-de-inmigracion-japonesa-al-peru";
const EXPO_PERU_NATIONAL_DAY =
  "https://www.swissinfo.ch/spa/boluarte-ensalza-la-%22hermandad%22-de-jap%C3%B3n-y-per%C3%BA-en-la-expo-de-osaka-y-pide-m%C3%A1s-inversiones/89807546";
const JAPAN_VISA_EXEMPTION = "https://eltiempo.pe/nacional/peruanos-podran-viajar-sin-visa-a-japon-desde-el-1-de-julio-de-2025";
const PERU_BUSINESS_VISA_EXEMPTION =
  "https://www.infobae.com/peru/2025/06/24/peru-elimina-la-visa-de-negocios-para-ciudadanos-japoneses-en-que-sectores-les-interesa-invertir-a-los-empresarios-de-japon/";
const JMSDF_CALLAO = "https://www.asagumo-news.com/homepage/htdocs/news/newsflash/202508/250825/25082502.html";
const CEPEJA_TOKYO =
  "https://www.swissinfo.ch/spa/presidenta-de-per%C3%BA-promueve-en-jap%C3%B3n-cartera-de-inversiones-de-17.300-millones-de-d%C3%B3lares/89795283";
const FIRE_VEHICLES = "https://gestion.pe/peru/peru-recibe-donacion-de-10-vehiculos-de-bomberos-por-parte-del-gobierno-japones-noticia/";
const SUMMIT_TOKYO_2025 = "https://www.alojapan.com/1342192/japan-peru-leaders-eye-cooperation-over-critical-minerals-defense";
const FOREIGN_MINISTERS_TOKYO_2025 =
  "https://www.swissinfo.ch/spa/los-cancilleres-de-per%C3%BA-y-jap%C3%B3n-se-re%C3%BAnen-en-tokio-para-fortalecer-relaci%C3%B3n-bilateral/89806658";
const COUNTERPART_FUND_2025 = "https://www.infobae.com/peru/2025/08/17/japon-destina-mas-de-53-millones-de-soles-a-proyectos-en-zonas-vulnerables-del-peru/";

/**
 * Road Map commitments that two of the events belong to but that had no milestone in japan-peru.ts.
 * They start as planned, like every seeded milestone; the events below move them.
 */
export const afterAdoptionMilestones: SeedMilestone[] = [
  {
    // Pillar I, item 1: political dialogue at the highest level, "meetings between heads of government, and
    // meetings at ministerial level". The seed has the summit (heads-of-government-meeting-2027) and the trade
    // and defense ministerial dialogues, but no foreign ministers' meetings, which the 2025-08-08 meeting is.
    // It is a commitment for the whole period, so its target is the end of the Road Map, like the final review.
    slug: "foreign-ministers-meetings-2033",
    pillar: "political-diplomatic",
    title: {
      en: "Foreign ministers' meetings",
      es: "Reuniones de cancilleres",
      ja: "日・ペルー外相会談",
    },
    summary: {
      en: "Meetings between the foreign ministers of Japan and Peru, part of the Road Map's commitment to political dialogue at the highest level through meetings at ministerial level, to widen joint work into new areas. The commitment runs through the Road Map period to 2033.",
      es: "Reuniones entre los cancilleres de Japón y el Perú, como parte del compromiso de la Hoja de Ruta con el diálogo político al más alto nivel mediante reuniones a nivel ministerial, para ampliar el trabajo conjunto a nuevas áreas. El compromiso abarca todo el periodo de la Hoja de Ruta, hasta 2033.",
      ja: "ロードマップが定める最高レベルの政治対話のうち閣僚級会合の一環として行う、日本とペルーの外務大臣による会談。新たな分野を含めて共同の取組を広げることを目指し、ロードマップの期間を通じて2033年まで続く取組である。",
    },
    kind: "ministerial_dialogue",
    status: "planned",
    targetDate: "2033-11-30",
    leadAgencyA: "MOFA",
    leadAgencyB: "Cancillería",
    sourceUrl: ROAD_MAP_TEXT,
  },
  {
    // Pillar III (bilateral cooperation): none of the seeded cooperation milestones (fire engines, forest-fire
    // equipment, mining technology, energy transition, the 2031 stocktake) covers the Counterpart Fund's rural
    // projects. The sources give no completion date; the target (end of 2026, the slug's year, as in the seed's
    // convention) is a planning assumption for editors to adjust, not a fact.
    slug: "counterpart-fund-rural-projects-2026",
    pillar: "bilateral-cooperation",
    title: {
      en: "Rural projects of the Peru–Japan General Counterpart Fund",
      es: "Proyectos rurales del Fondo General de Contravalor Perú-Japón",
      ja: "ペルー・日本一般見返り資金による農村部の事業",
    },
    summary: {
      en: "Irrigation, sanitation, housing and health projects in rural areas of Peru, financed by Japan through the Peru–Japan General Counterpart Fund as part of the two countries' bilateral cooperation.",
      es: "Proyectos de riego, saneamiento, vivienda y salud en zonas rurales del Perú, financiados por Japón a través del Fondo General de Contravalor Perú-Japón como parte de la cooperación bilateral entre ambos países.",
      ja: "両国の二国間協力の一環として、日本がペルー・日本一般見返り資金を通じて資金を供与する、ペルー農村部の灌漑、上下水道、住宅、保健の事業。",
    },
    kind: "other",
    status: "planned",
    targetDate: "2026-12-15",
    leadAgencyA: "MOFA",
    leadAgencyB: "Fondo General de Contravalor Perú-Japón",
    sourceUrl: COUNTERPART_FUND_2025,
  },
];

/** The events, in the order they happened. */
export const afterAdoptionEvents: SeedProgressEvent[] = [
  {
    // Engagement with the Nikkei community (pillar IV): both governments took part in the community's own
    // commemoration. A multi-year commitment that has clearly started: in progress, 10.
    key: "2025-04-04-nikkei-immigration-126-years-friendship-day",
    milestone: "nikkei-community-engagement-2025",
    happenedOn: "2025-04-04",
    status: "in_progress",
    progress: 10,
    note: {
      en: "The Peruvian Japanese Association marked 126 years of Japanese immigration to Peru and the 36th Peru–Japan Friendship Day with a ceremony at Campo de Marte, attended by Japan's ambassador, YAMAMOTO Tsuyoshi, and Peru's Ministry of Foreign Affairs.",
      es: "La Asociación Peruano Japonesa conmemoró los 126 años de la inmigración japonesa al Perú y el 36.º Día de la Amistad Perú-Japón con una ceremonia en el Campo de Marte, con la presencia del embajador de Japón, YAMAMOTO Tsuyoshi, y de la Cancillería peruana.",
      ja: "ペルー日系人協会は、カンポ・デ・マルテで式典を開き、日本人ペルー移住126周年と第36回日ペルー友好の日を記念した。式典には駐ペルー日本国大使とペルー外務省が出席した。",
    },
    evidenceUrl: APJ_126_YEARS,
  },
  {
    // Raising tourism flows (pillar II; also IV): the Peru pavilion promotes Peru in Japan for the whole
    // Expo. Started: in progress, 10. One update for the opening, one for Peru's National Day, each on its day.
    key: "2025-04-13-expo-2025-osaka-peru-pavilion-opens",
    milestone: "tourism-flows-promotion-2027",
    happenedOn: "2025-04-13",
    status: "in_progress",
    progress: 10,
    note: {
      en: "Expo 2025 Osaka, Kansai opened in Japan with a Peru pavilion, a showcase for Peruvian tourism and trade.",
      es: "Se inauguró en Japón la Expo 2025 Osaka, Kansai, con un pabellón del Perú que sirve de vitrina para el turismo y el comercio peruanos.",
      ja: "2025年日本国際博覧会（大阪・関西万博）が開幕し、ペルーは観光と貿易を紹介するペルー館を出展した。",
    },
    evidenceUrl: EXPO_PERU_NATIONAL_DAY,
  },
  {
    // The visa item (pillar IV): announced with a fixed date of entry into force. The decision is taken and
    // only its application remains, so half-way: in progress, 50. It is completed on 1 July (next update).
    key: "2025-06-02-japan-visa-exemption-announced",
    milestone: "visa-exemption-reintroduction-2026",
    happenedOn: "2025-06-02",
    status: "in_progress",
    progress: 50,
    note: {
      en: "Japan announced that it would reinstate the visa exemption for Peruvian nationals from 1 July 2025, for stays of up to 90 days for tourism, business or family visits. The exemption had been suspended since the mid-1990s.",
      es: "Japón anunció que restablecería la exención de visa para los ciudadanos peruanos a partir del 1 de julio de 2025, para estancias de hasta 90 días por turismo, negocios o visitas familiares. La exención estaba suspendida desde mediados de la década de 1990.",
      ja: "日本は、ペルー国民に対する査証免除措置を2025年7月1日から再開すると発表した。観光、商用、親族訪問を目的とする90日以内の滞在が対象であり、同措置は1990年代半ばから停止されていた。",
    },
    evidenceUrl: JAPAN_VISA_EXEMPTION,
  },
  {
    // FACTS.md: "This completes the Road Map's visa item." The only milestone this file completes.
    key: "2025-07-01-japan-visa-exemption-in-force",
    milestone: "visa-exemption-reintroduction-2026",
    happenedOn: "2025-07-01",
    status: "completed",
    progress: 100,
    note: {
      en: "Japan's visa exemption for Peruvian nationals with ordinary ICAO-compliant e-passports entered into force, for stays of up to 90 days for tourism, business or family visits, initially until 30 June 2028 and renewable. This fulfils the Road Map's commitment on visas.",
      es: "Entró en vigor la exención de visa de Japón para los ciudadanos peruanos con pasaporte electrónico ordinario conforme a las normas de la OACI, para estancias de hasta 90 días por turismo, negocios o visitas familiares, inicialmente hasta el 30 de junio de 2028 y con posibilidad de renovación. Con ello se cumple el compromiso de la Hoja de Ruta en materia de visas.",
      ja: "ICAO標準に準拠したIC旅券（一般旅券）を所持するペルー国民に対する日本の査証免除措置が発効した。観光、商用、親族訪問を目的とする90日以内の滞在が対象で、当面は2028年6月30日まで適用され、更新も可能である。これにより、ロードマップの査証に関する取組は完了した。",
    },
    evidenceUrl: JAPAN_VISA_EXEMPTION,
  },
  {
    // Peru's reciprocal measure belongs to the economic pillar's private-sector exchanges (FACTS.md: pillar II),
    // which it eases; it is not a commitment of its own in the Road Map, and recording it as a separate
    // milestone would leave a measure in force looking unfinished. A facilitation step, not yet an exchange:
    // in progress, 10.
    key: "2025-07-01-peru-business-visa-exemption-for-japanese",
    milestone: "private-sector-business-exchange-2025",
    happenedOn: "2025-07-01",
    status: "in_progress",
    progress: 10,
    note: {
      en: "In return, Peru exempted Japanese nationals from the temporary business visa under Supreme Decree 020-2025-RE, for stays of up to 183 days a year, making business travel from Japan easier.",
      es: "En reciprocidad, el Perú eximió a los ciudadanos japoneses de la visa temporal de negocios mediante el Decreto Supremo N.° 020-2025-RE, para estancias de hasta 183 días al año, lo que facilita los viajes de negocios desde Japón.",
      ja: "これに応じてペルーは、最高令第020-2025-RE号により、日本国民に対する短期商用査証を免除した。年間183日までの滞在が対象であり、日本からの商用渡航が容易になった。",
    },
    evidenceUrl: PERU_BUSINESS_VISA_EXEMPTION,
  },
  {
    // MSDF–Peruvian Navy interoperability (pillar V): FACTS.md calls this "a first exercise, not the whole
    // commitment". One goodwill exercise during a port call: in progress, 25. Dated the last day of the
    // 23-27 July visit, the day by which the exercise had taken place (FACTS.md gives no separate date for it).
    key: "2025-07-27-jmsdf-training-squadron-callao-exercise",
    milestone: "msdf-navy-interoperability-2026",
    happenedOn: "2025-07-27",
    status: "in_progress",
    progress: 25,
    note: {
      en: "The JMSDF overseas training squadron (training ships Kashima and Shimakaze, about 580 crew) called at Callao from 23 to 27 July 2025 and held a goodwill exercise off Callao with the Peruvian Navy frigate BAP Bolognesi and its divers, with tactical manoeuvres and diving. It is a first exercise under this commitment, not the whole of it.",
      es: "El escuadrón de entrenamiento de ultramar de la Fuerza Marítima de Autodefensa de Japón (buques escuela Kashima y Shimakaze, con unos 580 tripulantes) visitó el Callao del 23 al 27 de julio de 2025 y realizó frente a sus costas un ejercicio de buena voluntad con la fragata BAP Bolognesi de la Marina de Guerra del Perú y sus buzos, con maniobras tácticas y buceo. Es un primer ejercicio en el marco de este compromiso, no su cumplimiento total.",
      ja: "海上自衛隊の遠洋練習航海部隊（練習艦「かしま」「しまかぜ」、乗員約580名）が2025年7月23日から27日までカヤオに寄港し、カヤオ沖でペルー海軍のフリゲート「ボログネシ」及びその潜水員と、戦術運動や潜水を含む親善訓練を実施した。本取組の下での最初の訓練であり、取組全体が完了したわけではない。",
    },
    evidenceUrl: JMSDF_CALLAO,
  },
  {
    // Private-sector exchanges (pillar II): the business council and investment day are the kind of exchange
    // the milestone describes, and Peru's foreign ministry named the XVI CEPEJA among commitments carried out.
    // FACTS.md does not record the milestone as completed, and private-sector exchanges continue through
    // 2033, so: in progress, 50 (editors may close it on their own judgement).
    key: "2025-08-06-xvi-cepeja-tokyo-investment-day",
    milestone: "private-sector-business-exchange-2025",
    happenedOn: "2025-08-06",
    status: "in_progress",
    progress: 50,
    note: {
      en: "On 6 and 7 August 2025, Peru's President at the time, Dina Boluarte, opened the XVI Peru–Japan Business Council (CEPEJA) in Tokyo and an investment day that presented a portfolio of projects worth US$17.3 billion.",
      es: "El 6 y 7 de agosto de 2025, la entonces presidenta del Perú, Dina Boluarte, inauguró en Tokio el XVI Consejo Empresarial Peruano-Japonés (CEPEJA) y una jornada de inversiones en la que se presentó una cartera de proyectos de 17 300 millones de dólares.",
      ja: "2025年8月6日から7日にかけて、ペルーのディナ・ボルアルテ大統領（当時）が東京で第16回日本ペルー経済協議会（CEPEJA）と投資促進イベントの開会に臨み、総額173億米ドルの案件群を紹介した。",
    },
    evidenceUrl: CEPEJA_TOKYO,
  },
  {
    // Fire engines (pillar III): 10 vehicles handed over. The number of vehicles pledged in 2024 is not in
    // the sources, and the Road Map's donation item also covers forest-fire equipment, which is not reported
    // delivered (forest-fire-equipment-donation-2026 stays planned). So a modest figure: in progress, 30.
    key: "2025-08-07-fire-fighting-vehicles-delivered",
    milestone: "fire-engines-donation-2025",
    happenedOn: "2025-08-07",
    status: "in_progress",
    progress: 30,
    note: {
      en: "Peru received 10 fire-fighting vehicles donated by the Government of Japan, for Tingo María, Laberinto, Chulucanas, Cañete, Ica, Caballococha, Abancay and Callao. The forest-fire fighting equipment also announced in 2024 has not been reported as delivered, so the donation is still in progress.",
      es: "El Perú recibió 10 vehículos de bomberos donados por el Gobierno de Japón, destinados a Tingo María, Laberinto, Chulucanas, Cañete, Ica, Caballococha, Abancay y el Callao. No se ha informado de la entrega de los equipos para combatir incendios forestales también anunciados en 2024, por lo que la donación sigue en curso.",
      ja: "ペルーは、日本政府が供与した消防車両10台を受領した。車両はティンゴ・マリア、ラベリント、チュルカナス、カニェテ、イカ、カバヨコチャ、アバンカイ、カヤオ向けである。2024年に併せて表明された森林火災対策機材の引渡しは報じられておらず、供与は引き続き進行中である。",
    },
    evidenceUrl: FIRE_VEHICLES,
  },
  {
    // Heads-of-government dialogue (pillar I): a dialogue for the whole Road Map period, clearly started by
    // an official-visit summit that referred to the Road Map. The milestone's own meeting is set for 2027,
    // so it is not completed: in progress, 10.
    key: "2025-08-08-summit-meeting-tokyo",
    milestone: "heads-of-government-meeting-2027",
    happenedOn: "2025-08-08",
    status: "in_progress",
    progress: 10,
    note: {
      en: "Japan's Prime Minister at the time, ISHIBA Shigeru, and Peru's President at the time, Dina Boluarte, held a summit meeting in Tokyo during her official visit, on investment, critical-minerals supply chains (copper and zinc), defense cooperation and tourism. Both referred to the Road Map agreed in 2024.",
      es: "El entonces primer ministro de Japón, ISHIBA Shigeru, y la entonces presidenta del Perú, Dina Boluarte, celebraron una reunión cumbre en Tokio durante la visita oficial de la mandataria, sobre inversiones, cadenas de suministro de minerales críticos (cobre y zinc), cooperación en defensa y turismo. Ambos se refirieron a la Hoja de Ruta acordada en 2024.",
      ja: "石破茂総理大臣（当時）とディナ・ボルアルテ大統領（当時）は、同大統領の公式訪問の機会に東京で首脳会談を行い、投資、重要鉱物（銅・亜鉛）のサプライチェーン、防衛協力、観光について協議した。両首脳は2024年に合意したロードマップに言及した。",
    },
    evidenceUrl: SUMMIT_TOKYO_2025,
  },
  {
    // Foreign ministers' meetings (pillar I, new milestone above): started, in progress, 10. The "10
    // commitments carried out" claim is recorded as what it is, a claim; it completes nothing here.
    key: "2025-08-08-foreign-ministers-meeting-tokyo",
    milestone: "foreign-ministers-meetings-2033",
    happenedOn: "2025-08-08",
    status: "in_progress",
    progress: 10,
    note: {
      en: "Peru's and Japan's foreign ministers at the time, Elmer Schialer and IWAYA Takeshi, met in Tokyo. Peru's foreign ministry said 10 Road Map commitments had been carried out in eight months, naming the visa exemption, business and investment events and the XVI CEPEJA; it published no full list, so the claim is not used to record progress on any other commitment.",
      es: "Los entonces cancilleres del Perú y de Japón, Elmer Schialer e IWAYA Takeshi, se reunieron en Tokio. La Cancillería peruana afirmó que en ocho meses se habían cumplido 10 compromisos de la Hoja de Ruta y mencionó la exención de visa, los eventos empresariales y de inversión y el XVI CEPEJA; como no publicó una lista completa, esa cifra no se utiliza para registrar avances en otros compromisos.",
      ja: "エルメル・シアレル・ペルー外務大臣（当時）と岩屋毅外務大臣（当時）が東京で外相会談を行った。ペルー外務省は、ロードマップの取組のうち10件が8か月で実施されたとして、査証免除、ビジネス・投資関連行事、第16回CEPEJAを挙げたが、全体の一覧は公表していないため、この発表を根拠に他の取組の進捗は記録していない。",
    },
    evidenceUrl: FOREIGN_MINISTERS_TOKYO_2025,
  },
  {
    // Tourism promotion, second update: the pavilion's reach grew (over 750,000 visitors), but no change in
    // tourist flows, which the milestone aims at, is reported: in progress, 20.
    key: "2025-08-09-expo-2025-peru-national-day",
    milestone: "tourism-flows-promotion-2027",
    happenedOn: "2025-08-09",
    status: "in_progress",
    progress: 20,
    note: {
      en: "Peru's National Day at Expo 2025 Osaka, Kansai was presided over by Peru's President at the time, Dina Boluarte. By then the Peru pavilion had received over 750,000 visitors.",
      es: "La entonces presidenta del Perú, Dina Boluarte, presidió el Día Nacional del Perú en la Expo 2025 Osaka, Kansai. Para entonces, el pabellón peruano había recibido más de 750 000 visitantes.",
      ja: "ディナ・ボルアルテ大統領（当時）の出席の下、大阪・関西万博でペルーのナショナルデーが開催された。この時点でペルー館の来場者は75万人を超えていた。",
    },
    evidenceUrl: EXPO_PERU_NATIONAL_DAY,
  },
  {
    // Counterpart Fund projects (pillar III, new milestone above). FACTS.md dates the signing only "2025-08"
    // and gives the report's day, 17 August, which is used here. Financing for all 13 projects is signed,
    // the step that lets the works begin; none is reported built: in progress, 20.
    key: "2025-08-17-counterpart-fund-rural-projects-signed",
    milestone: "counterpart-fund-rural-projects-2026",
    happenedOn: "2025-08-17",
    status: "in_progress",
    progress: 20,
    note: {
      en: "Japan, through the Peru–Japan General Counterpart Fund, signed S/ 53.1 million in August 2025 for 13 rural projects (irrigation, sanitation, housing and a health centre) in seven regions of Peru, as reported on 17 August. The works are still to be carried out.",
      es: "Japón, a través del Fondo General de Contravalor Perú-Japón, suscribió en agosto de 2025 S/ 53,1 millones para 13 proyectos rurales (riego, saneamiento, vivienda y un centro de salud) en siete regiones del Perú, según se informó el 17 de agosto. Las obras aún deben ejecutarse.",
      ja: "日本は2025年8月、ペルー・日本一般見返り資金を通じて、ペルーの7州における農村部の13事業（灌漑、上下水道、住宅、保健センター）に対する総額5310万ソルの資金供与に署名した（8月17日報道）。各事業の実施はこれからである。",
    },
    evidenceUrl: COUNTERPART_FUND_2025,
  },
];
