// What every page needs from the app: the API client, the session, and the announcer for short
// messages ("Copied", "Paused"), passed down by context rather than held in module globals.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.ts';
import type { SessionInfo } from './types.ts';

export interface AppServices {
  api: Api;
  session: SessionInfo;
  /** Shows and announces (role="status") a short message. */
  notify(message: string, tone?: 'info' | 'error'): void;
  logout(): Promise<void>;
  /** The server's clock (epoch ms), which webhook times are on. */
  now(): number;
  refreshSession(): Promise<void>;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside the app');
  return services;
}
