// Recognition as a lookup: each profile's keys go into three maps once, and a request looks up
// only its own header names, its first User-Agent word and its top-level body keys, so the cost
// does not grow with the number of profiles.
import type { SenderProfile, SenderRequest } from './sender-profile.ts';

export interface SenderIndex {
  /** The profile that recognises the request, or undefined (detection alone then). */
  recognize(request: SenderRequest): SenderProfile | undefined;
  readonly profiles: readonly SenderProfile[];
}

/** More top-level keys than this are not looked up: a real sender's marker key comes early. */
const MAX_BODY_KEYS_LOOKED_UP = 64;

export function createSenderIndex(profiles: readonly SenderProfile[]): SenderIndex {
  const byHeader = new Map<string, SenderProfile[]>();
  const byBodyKey = new Map<string, SenderProfile[]>();
  const byAgent = new Map<string, SenderProfile[]>();
  const byRelayAgent = new Map<string, SenderProfile[]>();
  const ids = new Set<string>();
  for (const profile of profiles) {
    if (ids.has(profile.id)) throw new Error(`two sender profiles share the id ${profile.id}`);
    ids.add(profile.id);
    for (const header of profile.headers ?? []) add(byHeader, header.toLowerCase(), profile);
    for (const key of profile.bodyKeys ?? []) add(byBodyKey, key, profile);
    const agents = profile.relay ? byRelayAgent : byAgent;
    for (const agent of profile.userAgents ?? []) add(agents, agent.toLowerCase(), profile);
  }

  function recognize(request: SenderRequest): SenderProfile | undefined {
    // Headers first: they are the sender's own signature and the most specific evidence.
    for (const name of Object.keys(request.headers)) {
      const found = confirm(byHeader.get(name), request);
      if (found) return found;
    }
    const agent = request.headers['user-agent'];
    const word = agent
      ? (agent
          .trim()
          .split(/[\s/;]/, 1)[0]
          ?.toLowerCase() ?? '')
      : '';
    const bySender = word && confirm(byAgent.get(word), request);
    if (bySender) return bySender;
    const body = request.body;
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      let looked = 0;
      for (const key in body) {
        if (++looked > MAX_BODY_KEYS_LOOKED_UP) break;
        const found = confirm(byBodyKey.get(key), request);
        if (found) return found;
      }
    }
    // Bodies that are a bare string (a JWT) are recognised through the profiles that declare `$`.
    const byShape = typeof body === 'string' ? confirm(byBodyKey.get('$'), request) : undefined;
    if (byShape) return byShape;
    // Last, the relays: what they forward may be another sender's event, recognised above.
    return word ? confirm(byRelayAgent.get(word), request) : undefined;
  }

  return { recognize, profiles };
}

function add(map: Map<string, SenderProfile[]>, key: string, profile: SenderProfile): void {
  const list = map.get(key);
  if (list) list.push(profile);
  else map.set(key, [profile]);
}

function confirm(candidates: SenderProfile[] | undefined, request: SenderRequest): SenderProfile | undefined {
  if (!candidates) return undefined;
  for (const profile of candidates) if (profile.matches(request)) return profile;
  return undefined;
}
