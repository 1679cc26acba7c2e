// Copies text: the async Clipboard API where the page is a secure context, else the old
// execCommand('copy') on a hidden textarea (plain-http installs on a LAN address have no Clipboard API).

export async function copyText(text: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no async clipboard');
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // permission refused or not a secure context: try the fallback
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'offscreen';
  document.body.append(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('Copying was refused: select the text and press Ctrl+C');
  } finally {
    area.remove();
    focused?.focus();
  }
}
