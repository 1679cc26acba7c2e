// Finds email addresses in any text ("John <JOHN@x.com>", "mailto:…") in linear time and validates them.
import { wordSet } from './key-words.ts';

/** Only the head of a long text is searched: an email in a 1 MB note is not the converter's. */
const MAX_SCAN_CHARS = 20_000;
const MAX_EMAILS_PER_TEXT = 5;
const MAX_AT_SIGNS = 50;
const MAX_LOCAL_CHARS = 64;
const MAX_DOMAIN_CHARS = 253;
/** RFC 5321's limit on a whole address in a mail path. */
const MAX_EMAIL_CHARS = 254;

const LOCAL_PART = /^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** `logo@2x.png` is a file name, not an address. */
const FILE_EXTENSIONS = wordSet('png jpg jpeg gif webp svg bmp ico css js json html htm pdf mp4 mp3');

/** Every valid address in the text, lower-cased, in order, at most a few. */
export function extractEmails(text: string): string[] {
  const scan = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const found: string[] = [];
  let at = scan.indexOf('@');
  for (let seen = 0; at !== -1 && seen < MAX_AT_SIGNS && found.length < MAX_EMAILS_PER_TEXT; seen++) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL_CHARS && isLocalChar(scan.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < scan.length && end - at <= MAX_DOMAIN_CHARS && isDomainChar(scan.charCodeAt(end))) end++;
    const truncated =
      (start > 0 && isLocalChar(scan.charCodeAt(start - 1))) ||
      (end < scan.length && isDomainChar(scan.charCodeAt(end)));
    const local = scan.slice(start, at).replace(/^[.%+-]+/, '');
    const domain = scan.slice(at + 1, end).replace(/[.-]+$/, '');
    const email = truncated ? undefined : validEmail(local, domain);
    if (email && !found.includes(email)) found.push(email);
    at = scan.indexOf('@', at + 1);
  }
  return found;
}

/**
 * `[A-Za-z0-9.-]`: the practical subset real senders use. With `_ % +` it is `[A-Za-z0-9._%+-]`,
 * the local part's; `=`, `'` and `/` are left out so `?email=a@b.co` and quotes are not swallowed.
 */
function isDomainChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 46 ||
    code === 45
  );
}

function isLocalChar(code: number): boolean {
  return isDomainChar(code) || code === 95 || code === 37 || code === 43; // _ % +
}

/** The whole text is this email, give or take `mailto:`, angle brackets, quotes and spaces. */
export function isWholeValue(text: string, email: string): boolean {
  if (text.length > email.length + 12) return false;
  const bare = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^[<"']+|[>"']+$/g, '')
    .trim()
    .toLowerCase();
  return bare === email;
}

function validEmail(localRaw: string, domainRaw: string): string | undefined {
  const local = localRaw.toLowerCase();
  const domain = domainRaw.toLowerCase();
  if (local === '' || local.length > MAX_LOCAL_CHARS || !LOCAL_PART.test(local)) return undefined;
  if (domain.length < 4 || domain.length > MAX_DOMAIN_CHARS) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1] as string;
  if (!TOP_LEVEL_DOMAIN.test(tld) || FILE_EXTENSIONS.has(tld)) return undefined;
  const email = `${local}@${domain}`;
  return email.length <= MAX_EMAIL_CHARS ? email : undefined;
}
