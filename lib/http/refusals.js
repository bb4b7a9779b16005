// Runs anywhere Node runs: the server (scripts/server.mjs) answers these
// before Next sees the request, because Next cannot: an address whose
// percent-encoding is broken makes Next's router fail with a bare 500 and no
// security headers, and a body over the limit fails inside the server action.
// Pages get a short page in the visitor's language, /api and feeds the API's
// error shape; both with the full security headers.
import en from "../../messages/en/public.json" with { type: "json" };
import es from "../../messages/es/public.json" with { type: "json" };
import ja from "../../messages/ja/public.json" with { type: "json" };
import { baseSecurityHeaders, contentSecurityPolicy } from "../security-headers.js";

const messages = { en: en.Public, es: es.Public, ja: ja.Public };

/** Characters no address may hold once decoded: C0 controls, DEL and C1 controls. */
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Whether the path of a request target is readable: every segment decodes as
 * UTF-8 and holds no control character.
 * @param {string} target the request's URL as sent ("/en/%E0?x=1")
 */
export function isReadablePath(target) {
  const path = target.split("?", 1)[0] ?? "";
  try {
    return !controlCharacter.test(decodeURIComponent(path)) && !controlCharacter.test(path);
  } catch {
    return false;
  }
}

/** The visitor's language from the address ("/es/…"), else English. */
function localeOf(target) {
  const first = /^\/(en|es|ja)(?:[/?#]|$)/.exec(target)?.[1];
  return first ?? "en";
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[character]);

/**
 * The answer to a request the tracker refuses before reading it.
 * @param {{ target: string; status: 400 | 413; https: boolean; limitMegabytes?: number }} refusal
 * @returns {{ status: number; headers: Record<string, string>; body: string }}
 */
export function refusal({ target, status, https, limitMegabytes = 0 }) {
  const kind = status === 400 ? "badRequest" : "tooLarge";
  const headers = {
    ...baseSecurityHeaders(https),
    "Content-Security-Policy": contentSecurityPolicy({ nonce: null, https, development: false }),
    "Cache-Control": "no-store",
  };
  const path = target.split("?", 1)[0] ?? "";
  const forMachines = /^\/api(?:\/|$)|\.(?:xml|ics|csv|json)(?:\/|$)/.test(path);
  if (!forMachines) {
    const locale = localeOf(target);
    const text = messages[locale][kind];
    const body = `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.body.replace("{megabytes}", String(limitMegabytes)))}</p>
<p><a href="/${locale}">${escapeHtml(text.home)}</a></p>
</body></html>
`;
    return { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body };
  }
  const error =
    status === 400
      ? { code: "invalid_parameter", parameter: "path", message: "path: not a readable address (broken percent-encoding or a control character)" }
      : { code: "payload_too_large", parameter: null, message: `The request body is larger than ${limitMegabytes} MB` };
  return { status, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify({ error }) };
}
