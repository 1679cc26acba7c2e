// The popup as visitors will see it: the real widget in a desktop and a phone frame, fed this
// notification's latest test events and conversions (or a sample) by the server-rendered
// /admin/preview page. "Preview on my site" opens the owner's own site with a preview link.
import { useState } from 'preact/hooks';
import { LanguageSelect } from '../components/design-language.tsx';
import { PreviewOnSite } from '../components/preview-link.tsx';
import { SendTest } from '../components/send-test.tsx';
import type { Notification } from '../types.ts';
import { useResource } from '../use-resource.ts';

export function PreviewTab({ notification }: { notification: Notification }) {
  const [version, setVersion] = useState(0);
  const [lang, setLang] = useState('');
  const latest = useResource<{ conversions: unknown[] }>(
    notification.kind === 'stream' ? `/api/notifications/${notification.id}/conversions?limit=1` : null,
  );
  const reload = () => {
    setVersion((v) => v + 1);
    latest.reload();
  };
  const src = `/admin/preview/${notification.id}?v=${version}${lang ? `&lang=${lang}` : ''}`;
  const noData = notification.kind === 'stream' && latest.data?.conversions.length === 0;

  return (
    <div>
      <div class="toolbar">
        <button type="button" class="button" onClick={reload}>
          Reload preview
        </button>
        {/* Test events show in a stream's preview only: counters count stored conversions. */}
        {notification.kind === 'stream' && <SendTest notificationId={notification.id} onSent={reload} />}
      </div>
      <PreviewOnSite siteId={notification.siteId} />
      <LanguageSelect
        id="preview-lang"
        label="Preview in"
        value={lang}
        emptyLabel="The notification's default language"
        onChange={setLang}
      />
      {notification.status === 'paused' && (
        <p class="note">This notification is paused: visitors see nothing until you resume it.</p>
      )}
      {noData && (
        <p class="note">
          No conversions yet: the popup shows your latest test events, or a sample when there are none. Send a test to
          see your own data.
        </p>
      )}
      {notification.display.mobile === 'hidden' && (
        <p class="note">The display rules hide this popup on phones, so the phone frame stays empty.</p>
      )}
      <p class="hint">Shown at once and on repeat here; on your site the display rules decide when.</p>
      <div class="frames">
        <figure class="frame desktop">
          <iframe key={`d${version}`} src={src} title="Popup preview at desktop width" width="1024" height="520" />
          <figcaption>Desktop</figcaption>
        </figure>
        <figure class="frame phone">
          <iframe key={`p${version}`} src={src} title="Popup preview at phone width" width="375" height="667" />
          <figcaption>Phone (375 px)</figcaption>
        </figure>
      </div>
    </div>
  );
}
