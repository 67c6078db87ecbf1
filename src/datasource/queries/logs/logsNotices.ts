/** Frame notices of the logs query: what was left out or cut, said once and briefly. */
import { QueryResultMetaNotice } from '@grafana/data';

/** At most this many notices on a frame; the rest are counted in the last one. */
export const MAX_NOTICES = 10;

export function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n >= MiB && n % MiB === 0) {
    return `${n / MiB} MiB`;
  }
  if (n >= 1024 && n % 1024 === 0) {
    return `${n / 1024} KiB`;
  }
  return `${n} bytes`;
}

/** The notice for streams cut at limitBytes, naming them (`ns/pod/container`). */
export function cappedNotice(keys: string[], limitBytes: number): QueryResultMetaNotice {
  const names = keys.length > 5 ? `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more` : keys.join(', ');
  return {
    severity: 'warning',
    text:
      `Cut at ${formatBytes(limitBytes)} per container for ${names}: the log goes on after the last line shown. ` +
      'Narrow the time range, use Tail lines, or raise the byte limit.',
  };
}

/** Notices with duplicates merged, at most MAX_NOTICES. */
export function noticeList(notices: QueryResultMetaNotice[]): QueryResultMetaNotice[] {
  const seen = new Set<string>();
  const unique = notices.filter((n) => {
    if (seen.has(n.text)) {
      return false;
    }
    seen.add(n.text);
    return true;
  });
  if (unique.length <= MAX_NOTICES) {
    return unique;
  }
  const rest = unique.length - (MAX_NOTICES - 1);
  return [...unique.slice(0, MAX_NOTICES - 1), { severity: 'warning', text: `${rest} more problems not shown.` }];
}
