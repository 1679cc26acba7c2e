// What a caller tells the normalizer beyond the body. Apart from the result types, so that sender
// profiles (which produce results) and the normalizer (which takes profiles) do not import each other.
import type { SenderIndex } from '../senders/sender-index.ts';
import type { GeoResult } from './types.ts';

export interface NormalizeOptions {
  /** The time the request arrived, epoch ms: the fallback for missing or absurd timestamps. */
  receivedAt: number;
  /** Looks up an IP when the payload has an IP but no location. */
  lookupIp?: (ip: string) => GeoResult | undefined;
  /** The request's headers, lower-case names: how sender profiles recognise their sender. */
  headers?: Readonly<Record<string, string>>;
  /** Sender profiles; without them detection alone reads the body. */
  senders?: SenderIndex;
  /** The notification's field map: the owner's paths win over profiles and detection. */
  /** The notification's field map (see server/senders/field-map.ts): field → path into the body. */
  fieldMap?: Readonly<Record<string, string>> | null;
}
