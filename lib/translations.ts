// Runs anywhere: texts stored in three languages, English required. Shared by server and
// client code, so it imports nothing server-only.

export const locales = ["en", "es", "ja"] as const;
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** `value` when it names a language of the tracker, else `fallback`: the one way to read a language from outside. */
export function localeOr(value: unknown, fallback: Locale = defaultLocale): Locale {
  return isLocale(value) ? value : fallback;
}

export type TranslatedText = { en: string; es: string | null; ja: string | null };

/** The text in `locale`, or the English text marked as a fallback. */
export function inLocale(text: TranslatedText, locale: Locale): { text: string; isFallback: boolean } {
  const translation = locale === "en" ? text.en : text[locale];
  return translation ? { text: translation, isFallback: false } : { text: text.en, isFallback: locale !== "en" };
}

/** Reads the En/Es/Ja columns named `prefix` from a row into one translated text. */
export function translatedColumns<Prefix extends string>(
  row: { [K in `${Prefix}En`]: string } & { [K in `${Prefix}Es` | `${Prefix}Ja`]: string | null },
  prefix: Prefix,
): TranslatedText {
  const columns = row as Record<string, string | null>;
  return {
    en: columns[`${prefix}En`] as string,
    es: columns[`${prefix}Es`] ?? null,
    ja: columns[`${prefix}Ja`] ?? null,
  };
}

/** A progress note and its translations as one translated text; null when the reader may not read it. */
export function noteTranslations(update: { note: string | null; noteEs: string | null; noteJa: string | null }): TranslatedText | null {
  return update.note === null ? null : { en: update.note, es: update.noteEs, ja: update.noteJa };
}
