// A copy button that says "Copied" for a moment and announces it; on failure it says how to copy by hand.
import { useEffect, useState } from 'preact/hooks';
import { copyText } from '../clipboard.ts';
import { useServices } from '../context.ts';

export function CopyButton({ text, label, what }: { text: string; label?: string; what: string }) {
  const { notify } = useServices();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await copyText(text);
      setCopied(true);
      notify(`Copied the ${what}`);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Copying failed', 'error');
    }
  };
  return (
    <button type="button" class="button small" onClick={copy} aria-label={`Copy the ${what}`}>
      {copied ? 'Copied' : (label ?? 'Copy')}
    </button>
  );
}

/** A block of text to copy (a URL, a snippet, a curl command), shown as text and never as HTML. */
export function CopyField({ text, what, multiline }: { text: string; what: string; multiline?: boolean }) {
  return (
    <div class={multiline ? 'copy-field multiline' : 'copy-field'}>
      {multiline ? <pre class="code">{text}</pre> : <code class="code">{text}</code>}
      <CopyButton text={text} what={what} />
    </div>
  );
}
