import type { Download } from '../api/client';

/** Hands a downloaded file to the browser's save flow. */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // give the browser a moment to start the download before the URL goes away
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
