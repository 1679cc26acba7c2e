// Failure reasons shown to admins: the same wording for every scheme, never a secret or an expected value.

export function missingHeader(name: string): string {
  return `missing header ${name}`;
}

export function malformedHeader(name: string, detail: string): string {
  return `malformed ${name} header (${detail})`;
}

/** "1 secret", "2 secrets". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
