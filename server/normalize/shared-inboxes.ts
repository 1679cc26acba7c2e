// Local parts of addresses that belong to a business or a machine (info@, sales@, no-reply@), not to a person.
import { wordSet } from './key-words.ts';

/** Addresses nobody reads: never the converter, even at the top level. */
const NO_REPLY =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?|notifications?|alerts?)(?:[+._-].*)?$/;
/** Shared inboxes: usually the business, so a personal address beats them. */
const ROLE_LOCAL_PARTS: ReadonlySet<string> = wordSet(`
  info support sales admin administrator hello contact office team billing help accounts accounting
  orders order shop store webmaster marketing service enquiries inquiries mail email hr jobs careers
  press media legal privacy abuse security feedback newsletter news customerservice customercare hi
  care
`);

export function isNoReplyLocal(local: string): boolean {
  return NO_REPLY.test(local);
}

/** A shared or no-reply inbox (`info`, `sales`, `no-reply`…): not a person, so no name is guessed from it. */
export function isSharedInboxLocal(local: string): boolean {
  return NO_REPLY.test(local) || ROLE_LOCAL_PARTS.has(local.replace(/[^a-z]/g, ''));
}
