import type { LogFileFormat } from '../model/logFile';

const TYPES: Record<LogFileFormat, string> = {
  log: 'text/plain;charset=utf-8',
  json: 'application/json;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
};

/** Hands text to the browser as a file download. */
export function downloadText(text: string, fileName: string, format: LogFileFormat = 'log'): void {
  const url = URL.createObjectURL(new Blob([text], { type: TYPES[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke after the click has been handled, or some browsers cancel the download
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
