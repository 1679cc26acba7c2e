// "Where do your sales happen?": pick the tool, get a link to its own guide to sending webhooks.
// The list comes from the server's sender profiles (GET /api/senders).
import { useState } from 'preact/hooks';
import type { SenderGuide } from '../types.ts';
import { useResource } from '../use-resource.ts';

export function GuideLink({ guide }: { guide: SenderGuide }) {
  return (
    <a href={guide.docs} target="_blank" rel="noopener noreferrer">
      {guide.name}'s guide to webhooks
    </a>
  );
}

export function SenderGuidePicker({ id }: { id: string }) {
  const senders = useResource<{ senders: SenderGuide[] }>('/api/senders');
  const [chosen, setChosen] = useState('');
  const list = senders.data?.senders ?? [];
  const guide = list.find((s) => s.id === chosen);
  return (
    <div class="guide-picker">
      <label for={id}>Your tool</label>
      <select id={id} value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
        <option value="">Choose where sales or sign-ups happen…</option>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {guide && (
        <span>
          See <GuideLink guide={guide} /> for where to paste the URL.
        </span>
      )}
    </div>
  );
}
