// The display name written before an address in a text ("Ann Lee <ann@x.com>", RFC 5322 name-addr): a name the sender gave.
//
// https://www.rfc-editor.org/rfc/rfc5322#section-3.4: mailbox = name-addr / addr-spec, name-addr =
// [display-name] "<" addr-spec ">"; a group ("New signup: Ann <ann@x.com>") lists mailboxes after
// its own name and a colon, so the phrase starts after the last `:`, `,` or `;`.

/** Only the head of a long text is searched (as extract-emails.ts does). */
const MAX_SCAN_CHARS = 20_000;
const MAX_DISPLAY_NAME_CHARS = 80;
/** "Ann Lee", "Jan van Berg"; a longer phrase is a sentence ("Order by Ann Lee <…>"), not a name. */
const MAX_DISPLAY_NAME_WORDS = 3;

export function findDisplayName(text: string, email: string): string | undefined {
  if (!text.includes('<')) return undefined;
  const scan = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const at = scan.toLowerCase().indexOf(`<${email}>`);
  if (at <= 0) return undefined;
  const before = scan.slice(Math.max(0, at - MAX_DISPLAY_NAME_CHARS), at).trimEnd();
  if (before.endsWith('"')) {
    // A quoted phrase may hold a comma: "Lee, Ann" <ann@x.com>.
    const open = before.lastIndexOf('"', before.length - 2);
    return open < 0 ? undefined : asName(before.slice(open + 1, -1));
  }
  let start = at;
  while (start > 0 && at - start < MAX_DISPLAY_NAME_CHARS && !isPhraseEnd(scan.charCodeAt(start - 1))) start--;
  if (start > 0 && !isPhraseEnd(scan.charCodeAt(start - 1))) return undefined;
  return asName(scan.slice(start, at));
}

function asName(text: string): string | undefined {
  const phrase = text.trim();
  const words = phrase.split(/\s+/);
  if (phrase === '' || words.length > MAX_DISPLAY_NAME_WORDS || (words[0] as string).length < 2) return undefined;
  return phrase;
}

/** `:` `,` `;` `>` and line breaks end the text before a mailbox. */
function isPhraseEnd(code: number): boolean {
  return code === 58 || code === 44 || code === 59 || code === 62 || code === 10 || code === 13;
}
