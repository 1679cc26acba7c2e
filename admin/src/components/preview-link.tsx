// "Preview on my site": mints a one-hour preview link for the site and opens it in a new tab. The
// widget on that page shows the site's test events (Send test) besides the live ones, and is not
// counted as a visitor. The link is shown too, to copy into another browser or a phone.
import { useState } from 'preact/hooks';
import { errorText } from '../api.ts';
import { useServices } from '../context.ts';
import { fullTime } from '../format.ts';
import type { PreviewLinkReply } from '../types.ts';
import { CopyField } from './copy-button.tsx';

export function PreviewOnSite({ siteId }: { siteId: number }) {
  const { api, notify } = useServices();
  const [link, setLink] = useState<PreviewLinkReply | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setBusy(true);
    try {
      const reply = await api.post<PreviewLinkReply>(`/api/sites/${siteId}/preview-link`);
      setLink(reply);
      // Still within the click's user activation, so a popup blocker lets the tab open.
      if (reply.url) window.open(reply.url, '_blank', 'noopener');
    } catch (error) {
      notify(`The preview link failed: ${errorText(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="preview-link">
      <button type="button" class="button" onClick={open} disabled={busy}>
        {busy ? 'Making a link…' : 'Preview on my site'}
      </button>
      {link && (
        <div class="preview-link-result" role="status">
          {link.url ? (
            <>
              <p class="hint">
                Opened in a new tab. That page shows your test events (Send test) as well as real conversions, and is
                not counted as a visitor. The link works until {fullTime(link.expiresAt)}:
              </p>
              <CopyField text={link.url} what="preview link" />
            </>
          ) : (
            <>
              <p class="hint">
                This site allows every origin, so its address is unknown: add this to the address of any page of your
                site (it works until {fullTime(link.expiresAt)}):
              </p>
              <CopyField text={link.query} what="preview parameter" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
