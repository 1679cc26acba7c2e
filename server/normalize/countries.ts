// Country name ↔ ISO 3166-1 alpha-2, with aliases (USA, U.S., UK, England…), via i18n-iso-countries and Intl.DisplayNames.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { foldText } from './key-words.ts';

// Node's entry registers every locale; registering English again is a no-op that keeps this
// module working if a bundler resolves the browser entry, which registers none. require(), not a
// JSON import: the server bundle keeps packages external and Node 20 wants the import attribute kept.
countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));

/** Common names the library does not list, folded (see foldText). */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['uk', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['northernireland', 'GB'],
  ['britain', 'GB'],
  ['greatbritain', 'GB'],
  ['unitedkingdomofgreatbritainandnorthernireland', 'GB'],
  ['america', 'US'],
  ['unitedstatesamerica', 'US'],
  ['holland', 'NL'],
  ['burma', 'MM'],
  ['swaziland', 'SZ'],
  ['macedonia', 'MK'],
  ['turkey', 'TR'],
  ['vatican', 'VA'],
  ['korea', 'KR'],
]);
/** Other languages whose names are accepted (English wins on a clash), when the library has them registered. */
const OTHER_LANGUAGES = [
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'cs',
  'tr',
  'ru',
  'uk',
  'ja',
  'zh',
  'ko',
];
const MAX_COUNTRY_CHARS = 64;

let namesToCodes: ReadonlyMap<string, string> | undefined;
let codesToNames: ReadonlyMap<string, string> | undefined;

/** ISO alpha-2 for a code (alpha-2, alpha-3) or a name in English or a major language; undefined when unknown. */
export function toCountryCode(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_COUNTRY_CHARS) return undefined;
  const text = value.trim();
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase();
    if (code === 'UK') return 'GB';
    return countries.isValid(code) ? code : undefined;
  }
  if (/^[A-Za-z]{3}$/.test(text)) {
    const code = countries.alpha3ToAlpha2(text.toUpperCase());
    if (code) return code;
  }
  const folded = foldText(text);
  if (folded === '') return undefined;
  namesToCodes ??= buildNameTable();
  return namesToCodes.get(folded);
}

/** The English short name for an alpha-2 code ("United States", "United Kingdom"). */
export function countryName(code: string): string | undefined {
  codesToNames ??= buildCodeTable();
  return codesToNames.get(code);
}

/** Intl's short names read best ("United States"); the library's official name is the fallback. */
function buildCodeTable(): ReadonlyMap<string, string> {
  let display: Intl.DisplayNames | undefined;
  try {
    display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    display = undefined;
  }
  const table = new Map<string, string>();
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    const name = display?.of(code) ?? countries.getName(code, 'en');
    if (name) table.set(code, name);
  }
  return table;
}

function buildNameTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  const add = (name: string, code: string): void => {
    const folded = foldText(name);
    if (folded !== '' && !table.has(folded)) table.set(folded, code);
  };
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) add(name, code);
  }
  for (const [alias, code] of ALIASES) if (!table.has(alias)) table.set(alias, code);
  const registered = new Set(countries.langs());
  for (const language of OTHER_LANGUAGES) {
    if (!registered.has(language)) continue;
    for (const [code, names] of Object.entries(countries.getNames(language, { select: 'all' }))) {
      for (const name of names) add(name, code);
    }
  }
  return table;
}
