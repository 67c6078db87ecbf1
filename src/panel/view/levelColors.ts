import type { GrafanaTheme2 } from '@grafana/data';

import { LOG_LEVELS, type LogLevel } from '../../common/logLevel';

/** The colours Grafana's own logs view uses for each level. */
const COLOR_NAMES: Record<Exclude<LogLevel, 'unknown'>, string> = {
  critical: 'purple',
  error: 'red',
  warning: 'yellow',
  info: 'green',
  debug: 'blue',
  trace: 'light-blue',
};

/** Colour per level index (LOG_LEVELS order). */
export function levelColors(theme: GrafanaTheme2): string[] {
  return LOG_LEVELS.map((level) =>
    level === 'unknown' ? theme.colors.text.disabled : theme.visualization.getColorByName(COLOR_NAMES[level])
  );
}
