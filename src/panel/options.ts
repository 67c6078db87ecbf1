import type { PanelOptionsEditorBuilder } from '@grafana/data';

export interface PodLogsOptions {
  /** a column with each line's time, in the dashboard's time zone */
  showTimestamps: boolean;
  /** wrap long lines instead of scrolling sideways */
  wrapLines: boolean;
}

export const DEFAULT_POD_LOGS_OPTIONS: PodLogsOptions = {
  showTimestamps: true,
  wrapLines: false,
};

/** The panel's options editor; module.ts passes it to setPanelOptions. */
export function addPodLogsOptions(builder: PanelOptionsEditorBuilder<PodLogsOptions>) {
  builder
    .addBooleanSwitch({
      path: 'showTimestamps',
      name: 'Show timestamps',
      description: "Each line's time, in the dashboard's time zone",
      defaultValue: DEFAULT_POD_LOGS_OPTIONS.showTimestamps,
    })
    .addBooleanSwitch({
      path: 'wrapLines',
      name: 'Wrap lines',
      description: 'Wrap long lines instead of scrolling sideways',
      defaultValue: DEFAULT_POD_LOGS_OPTIONS.wrapLines,
    });
}
