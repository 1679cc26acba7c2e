// The checks the page makes before sending, in the same sentences the server would answer with: a
// refused request is logged as an error by the browser, and the answer comes quicker from here.

/** The origin of a typed address, or a sentence saying what is wrong with it. */
export function readOrigin(text: string): { origin: string } | { problem: string } {
  const value = text.trim();
  if (value === '') return { problem: 'Type an origin such as https://shop.example.com.' };
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { origin: url.origin };
  } catch {
    // not an address at all
  }
  return { problem: `The origin "${value}" is not a web address: write it as https://shop.example.com.` };
}

/** Every origin of a list, or the first problem. */
export function readOrigins(texts: string[]): { origins: string[] } | { problem: string } {
  const origins: string[] = [];
  for (const text of texts) {
    const read = readOrigin(text);
    if ('problem' in read) return read;
    origins.push(read.origin);
  }
  return { origins };
}

/** "Give the site a name." when a name is blank. */
export const nameProblem = (name: string, what: 'site' | 'notification') =>
  name.trim() === '' ? `Give the ${what} a name.` : undefined;
