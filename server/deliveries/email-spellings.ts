// How an email address stands in a stored request's raw text. Erasure must find every spelling a
// sender uses: as typed (JSON, text, headers), and percent-encoded as form bodies and query strings
// carry it (`jane.doe%40example.com`, `jane%2Bnews%40example.com`). Both in lower case: stored text
// is matched after ASCII lower-casing, which also folds the hex digits of an escape (%2B, %2b).
// https://url.spec.whatwg.org/#application/x-www-form-urlencoded

/** The address as a form body or query string carries it; the same as `email` when nothing needs escaping. */
export function percentEncodedEmail(email: string): string {
  return encodeURIComponent(email).toLowerCase();
}
