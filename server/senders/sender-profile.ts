// A sender profile: exact knowledge of one popular sender's webhooks, written from its own
// documentation. Detection (server/normalize) still runs for every body and fills what a
// profile leaves empty, so a profile maps only what it knows for sure.
import type { FieldSources, NormalizedConversion } from '../normalize/types.ts';

/** What a profile sees of a request: lower-case header names and the parsed body. */
export interface SenderRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The fields a profile may decide; `nameDerived`, `sender` and `timestamp` fallbacks stay detection's. */
export type SenderFields = Partial<Omit<NormalizedConversion, 'nameDerived' | 'sender'>>;

export interface SenderReading {
  fields: SenderFields;
  /** Where each field came from (the inspector shows it), as a path into `body` or `header:<name>`. */
  sources: FieldSources;
  /** What detection should read instead of the request body (Wix's decoded JWT, Jotform's rawRequest). */
  body?: unknown;
  /**
   * The sender sends no event time: the receipt time stands, and detection must not take a date
   * the visitor typed into a form ("Preferred date") for the moment of the conversion.
   */
  noTime?: true;
}

export interface SenderProfile {
  /** Stable id shown in the inspector and accepted by docs/senders.md: `shopify`, `paypal-ipn`. */
  readonly id: string;
  /** The sender's own product name. */
  readonly name: string;
  /** The sender's documentation page the mapping was written from. */
  readonly docs: string;
  /**
   * Recognition keys, each looked up in one map (never a scan of every profile): header names
   * (lower case) the sender sends, top-level body keys it always sends, User-Agent prefixes
   * (lower case, matched on the first word of the header).
   */
  readonly headers?: readonly string[];
  readonly bodyKeys?: readonly string[];
  readonly userAgents?: readonly string[];
  /**
   * An automation tool that forwards other senders' data (Zapier, Make, n8n): recognised by its
   * User-Agent only when no other profile recognises the request, so a Stripe event relayed by a
   * Zap is still read as Stripe.
   */
  readonly relay?: boolean;
  /** Confirms a candidate found through its keys. Cheap: a few property reads. */
  matches(request: SenderRequest): boolean;
  /** The sender's fields, exactly. Must not throw on odd bodies: return fewer fields instead. */
  read(request: SenderRequest): SenderReading;
}
