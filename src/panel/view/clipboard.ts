/**
 * Copies text: the async Clipboard API where the page may use it, otherwise a hidden textarea and
 * execCommand('copy'), which still works on plain-HTTP Grafana installs where navigator.clipboard is missing.
 */
export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission denied or not focused: try the old way
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.focus();
  area.select();
  try {
    // deprecated but still the only copy path where the Clipboard API is unavailable
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } finally {
    area.remove();
  }
}
