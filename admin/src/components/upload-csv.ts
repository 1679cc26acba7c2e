// Sends a CSV file to the import route as the request body itself (the JSON client cannot), with
// the session's CSRF token, and reads the answer or the server's { error } like the JSON client.
import { ApiError } from '../api.ts';
import type { ImportMapping, ImportSummary } from '../types.ts';

export async function uploadCsv(
  notificationId: number,
  file: File,
  options: { dryRun: boolean; mapping: ImportMapping; csrfToken: string },
): Promise<ImportSummary> {
  const params = new URLSearchParams();
  if (options.dryRun) params.set('dryRun', '1');
  if (Object.keys(options.mapping).length > 0) params.set('map', JSON.stringify(options.mapping));
  const query = params.toString() === '' ? '' : `?${params}`;
  const res = await fetch(`/api/notifications/${notificationId}/import${query}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'text/csv', 'X-CSRF-Token': options.csrfToken },
    body: file,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const data = (await res.json().catch(() => null)) as
    | (ImportSummary & { error?: undefined })
    | { error?: { code?: string; message?: string } }
    | null;
  if (!res.ok || !data || data.error) {
    const error = data?.error;
    throw new ApiError(res.status, error?.code ?? 'http-error', error?.message ?? `The server answered ${res.status}`);
  }
  return data as ImportSummary;
}
