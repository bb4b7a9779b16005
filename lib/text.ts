// Runs anywhere: the one rule for text the tracker stores or reads from a
// query. Text is kept in Unicode's composed form (NFC), so "é" typed two ways
// is one text. Line breaks become LF ("\n"), or a space where a field holds
// one line. Refused, with the field named: control characters other than tab
// and line feed (NUL among them), lone surrogates, the noncharacters U+FFFE
// and U+FFFF, and the bidirectional overrides and isolates that can make text
// read differently than it is stored (U+202A–U+202E, U+2066–U+2069).

/** Why a text was refused: a key of `Staff.errors` (forms) and of the import's messages. */
export type TextProblem = "controlCharacter" | "bidiControl" | "invalidCharacter";

const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/;
const invalidCharacter = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/;

/** The problem with a text, or null when it may be stored (after `cleanText`). */
export function textProblem(text: string): TextProblem | null {
  if (invalidCharacter.test(text)) return "invalidCharacter";
  if (controlCharacter.test(text)) return "controlCharacter";
  if (bidiControl.test(text)) return "bidiControl";
  return null;
}

/** The text as it is stored: NFC, line breaks as LF, or as spaces when it holds one line. */
export function cleanText(text: string, { multiline }: { multiline: boolean }): string {
  const lines = text.replace(/\r\n?/g, "\n");
  // normalize() leaves lone surrogates as they are, so textProblem still sees them.
  return (multiline ? lines : lines.replace(/\n/g, " ")).normalize("NFC");
}
