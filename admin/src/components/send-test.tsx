// "Send test": a sample conversion in a chosen sender's format, fired through the real webhook URL as a
// test event: shown in the Preview tab and on preview links, never to visitors, never counted.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { SAMPLE_FORMAT_LABELS, SAMPLE_FORMATS, type TestReply } from '../../../shared/sample-purchase.ts';

export function SendTest({ notificationId, onSent }: { notificationId: number; onSent?(): void }) {
  const { api, notify } = useServices();
  const [format, setFormat] = useState<string>('proofhook');
  const [busy, setBusy] = useState(false);
  const id = `test-format-${notificationId}`;

  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.post<TestReply>(`/api/notifications/${notificationId}/test`, { format });
      const outcome = result.reply.status ?? result.reply.error?.message ?? 'no answer';
      notify(
        outcome === 'test'
          ? 'Test sent: see it in the Preview tab or on your site through "Preview on my site"; visitors never see it'
          : `Test sent: ${result.status} ${outcome}`,
      );
      onSent?.();
    } catch (error) {
      notify(`The test failed: ${errorText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline-form" onSubmit={send} aria-label="Send a test webhook">
      <label for={id}>Sample format</label>
      <select id={id} value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
        {SAMPLE_FORMATS.map((value) => (
          <option key={value} value={value}>
            {SAMPLE_FORMAT_LABELS[value]}
          </option>
        ))}
      </select>
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Sending…' : 'Send test'}
      </button>
    </form>
  );
}
