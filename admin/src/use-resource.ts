// Loads JSON for a page and keeps it with its loading and error state; `reload` fetches again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from './context.ts';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): Promise<void>;
  setData(update: T | ((current: T | undefined) => T)): void;
}

export function useResource<T>(url: string | null): Resource<T> {
  const { api } = useServices();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(url !== null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (url === null) return;
    const call = ++latest.current;
    setLoading(true);
    try {
      const value = await api.get<T>(url);
      if (call !== latest.current) return; // an older answer arriving late must not win
      setData(value);
      setError(undefined);
    } catch (caught) {
      if (call === latest.current) setError(caught as Error);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [api, url]);

  useEffect(() => {
    setData(undefined);
    reload();
  }, [reload]);

  return { data, error, loading, reload, setData: setData as Resource<T>['setData'] };
}
