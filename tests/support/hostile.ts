/** Strings that have broken readers: control characters, NUL, bare CR, lone surrogates, noncharacters, direction overrides. */
export const hostileStrings = [
  "NUL\u0000inside",
  "bell\u0007and\u001bescape",
  "bare\rCR\rEND:VEVENT\rATTACH:http://evil.example/x",
  "lone \ud800 surrogate",
  "trailing \udfff",
  "non\ufffecharacter\uffff",
  "right-to-left \u202eoverride\u202c",
  "isolate \u2066x\u2069",
  "C1 \u0085 next line",
];
