// US states, DC and territories: USPS code ↔ name (i18n-iso-countries has no subdivisions; the list is fixed by law, not by a library).
import { foldText } from './key-words.ts';

const STATES: readonly (readonly [string, string])[] = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
  ['DC', 'District of Columbia'],
  ['PR', 'Puerto Rico'],
  ['GU', 'Guam'],
  ['VI', 'U.S. Virgin Islands'],
  ['AS', 'American Samoa'],
  ['MP', 'Northern Mariana Islands'],
  ['AA', 'Armed Forces Americas'],
  ['AE', 'Armed Forces Europe'],
  ['AP', 'Armed Forces Pacific'],
];
const EXTRA_NAMES: readonly (readonly [string, string])[] = [
  ['Washington DC', 'DC'],
  ['Washington D.C.', 'DC'],
  ['Virgin Islands', 'VI'],
  ['US Virgin Islands', 'VI'],
];

let byCode: ReadonlyMap<string, string> | undefined;
let byName: ReadonlyMap<string, string> | undefined;

/** `{code, name}` for a USPS code ("fl", "US-FL") or a state name ("florida"); undefined otherwise. */
export function findUsState(value: unknown): { code: string; name: string } | undefined {
  if (typeof value !== 'string' || value.length > 48) return undefined;
  byCode ??= new Map(STATES);
  byName ??= new Map([
    ...STATES.map(([code, name]) => [foldText(name), code] as const),
    ...EXTRA_NAMES.map(([name, code]) => [foldText(name), code] as const),
  ]);
  const text = value.trim().replace(/^US-/i, '');
  const code = /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : byName.get(foldText(text));
  const name = code === undefined ? undefined : byCode.get(code);
  return code !== undefined && name !== undefined ? { code, name } : undefined;
}
