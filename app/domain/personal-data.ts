import { z } from "zod";
import { t } from "~/i18n";

/**
 * Personal data in public text: email addresses, Dutch phone numbers and a postcode with a
 * house number. Issues, comments and partners' public messages are read by everyone, so the
 * author is asked to take these out before publishing. The rules prefer a missed number over
 * blocking ordinary text: years, amounts, issue numbers, times and dates must pass.
 */
export type PersonalDataKind = "email" | "phone" | "address";
export type PersonalDataMatch = { kind: PersonalDataKind; text: string; index: number };

// Also "naam (at) voorbeeld.nl" and "naam [at] voorbeeld.nl", a common way to hide an address.
const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|\s?[([]at[)\]]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

/**
 * Something that starts like a Dutch phone number: +31 or 0031 (optionally with "(0)"), or a 0
 * (optionally in brackets, "(077) 123 45 67"), followed by digits with single spaces, dashes,
 * dots or brackets between them. Whether it is one is decided by counting digits (below).
 */
const PHONE_START = /(?<![\p{L}\p{N}#€$@/.,+-])(?<!\p{N}:)(?:(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?|\(?0(?=\d))/gu;
const PHONE_BODY = /^(?:[\s.-]?\)?[\s.-]?\d)+/u;
/** dd-mm-yyyy, d/m/yy, 01.02.2024: a date, also when a time follows. */
const DATE_START = /^\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d|[-/.]\d)/u;

/**
 * A postcode (1234 AB) with a house number after it ("5912 AB 12", "5912AB 12a"), or a house
 * number before it ("Kerkstraat 12, 5912 AB"). Letters written apart in lower case must not be
 * a common word, so "2024 op 12 maart" is no address.
 */
const POSTCODE_THEN_NUMBER =
  /(?<![\p{L}\p{N}.,€-])([1-9]\d{3})(\s?)([a-z]{2})(?![\p{L}\p{N}])[\s,]*(?:nr\.?\s*|nummer\s+)?\d{1,5}(?:\s?[a-z](?![\p{L}\p{N}])|-\d{1,4})?(?![\p{N}:.,]\d|\p{N})/giu;
const NUMBER_THEN_POSTCODE = /(?<=\p{L}\s+)\d{1,5}(?:\s?[a-z])?,?\s+([1-9]\d{3})(\s?)([a-z]{2})(?![\p{L}\p{N}])/giu;
const COMMON_TWO_LETTER_WORDS = new Set(
  "aa af al am as at be bv ca cm da de di dm do en er eu ex ga ha he hm ie ik in is ja je jl kg km la ld ma mi ml mm mn na nl nm no nr nu of oh ok om on op or ox pa pm po ps rd sr st su te to tv uk um up us vo vs wc we wo xl ze zo".split(
    " ",
  ),
);

function looksLikePostcodeLetters(letters: string, separator: string) {
  if (letters === letters.toUpperCase()) return true;
  // "5912ab": written together it is no sentence; written apart it must not be a word.
  return separator === "" || !COMMON_TWO_LETTER_WORDS.has(letters.toLowerCase());
}

function findPhones(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const start of text.matchAll(PHONE_START)) {
    const international = start[0].startsWith("+") || start[0].startsWith("00");
    const from = start.index;
    const rest = text.slice(from + start[0].length);
    if (!international && DATE_START.test(text.slice(from))) continue;
    const body = PHONE_BODY.exec(rest)?.[0] ?? "";
    // Digits after the prefix: 9 after +31 (no leading 0), 9 after the leading 0 of 06/077/0475.
    let digits = 0;
    let end = -1;
    for (let i = 0; i < body.length; i++) {
      if (!/\d/.test(body[i])) continue;
      if (international && digits === 0 && body[i] === "0") break;
      digits += 1;
      if (digits === 9) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) continue;
    // More digits straight after ("06 12345678 9"), or a time or decimal ("... 14:30", "... 12,50"):
    // a longer number than a phone number, or something else.
    if (/^(?:[\s.-]?\d|[:,]\d)/u.test(rest.slice(end))) continue;
    found.push({ kind: "phone", text: text.slice(from, from + start[0].length + end).trim(), index: from });
  }
  return found;
}

function findAddresses(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const pattern of [POSTCODE_THEN_NUMBER, NUMBER_THEN_POSTCODE]) {
    for (const match of text.matchAll(pattern)) {
      if (!looksLikePostcodeLetters(match[3], match[2])) continue;
      found.push({ kind: "address", text: match[0].trim(), index: match.index });
    }
  }
  return found;
}

/** Everything that looks like personal data, in the order it appears in the text. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const emails = [...text.matchAll(EMAIL)].map((match) => ({
    kind: "email" as const,
    text: match[0],
    index: match.index,
  }));
  // Digits inside an email address ("piet0612345678@...") are part of that address.
  const inEmail = (index: number) =>
    emails.some((email) => index >= email.index && index < email.index + email.text.length);
  const others = [...findPhones(text), ...findAddresses(text)].filter((match) => !inEmail(match.index));
  const all = [...emails, ...others].sort((a, b) => a.index - b.index);
  // One finding per place: an address pattern and a phone pattern may overlap.
  return all.filter((match, i) => i === 0 || match.index >= all[i - 1].index + all[i - 1].text.length);
}

const KIND_ORDER: PersonalDataKind[] = ["email", "phone", "address"];
const MAX_EXAMPLES = 3;

/**
 * The Dutch message naming what was found, e.g. "Er staat een telefoonnummer in je tekst:
 * 06-12345678. Haal het weg: iedereen kan dit lezen." Null when nothing was found.
 */
export function personalDataMessage(matches: readonly PersonalDataMatch[]) {
  if (matches.length === 0) return null;
  const names = KIND_ORDER.flatMap((kind) => {
    const count = matches.filter((match) => match.kind === kind).length;
    if (count === 0) return [];
    return [t(count === 1 ? `privacy.personalData.one.${kind}` : `privacy.personalData.many.${kind}`)];
  });
  const what =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} ${t("privacy.personalData.and")} ${names.at(-1)}`;
  const examples = [...new Set(matches.map((match) => match.text))].slice(0, MAX_EXAMPLES).join(", ");
  return t(matches.length === 1 ? "privacy.personalData.foundOne" : "privacy.personalData.foundMany", {
    what,
    examples,
  });
}

/**
 * Adds the check to a public text field. The author's text is kept as typed (the form shows
 * it again with the message), so they only have to take the personal data out.
 */
export function withoutPersonalData<Schema extends z.ZodType<string>>(schema: Schema): Schema {
  return schema.superRefine((value, ctx) => {
    const message = personalDataMessage(findPersonalData(value));
    if (message) ctx.addIssue({ code: "custom", message });
  }) as Schema;
}
