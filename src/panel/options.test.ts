import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { addPodLogsOptions, DEFAULT_POD_LOGS_OPTIONS, type PodLogsOptions } from './options';

describe('addPodLogsOptions', () => {
  it('adds a switch for each option, defaulting to the panel defaults', () => {
    // the real builder needs Grafana's editor registry, which only a running Grafana fills
    const switches: Array<{ path: string; defaultValue?: boolean }> = [];
    const builder = {
      addBooleanSwitch(config: { path: string; defaultValue?: boolean }) {
        switches.push(config);
        return builder;
      },
    };
    addPodLogsOptions(builder as unknown as PanelOptionsEditorBuilder<PodLogsOptions>);

    expect(switches.map(({ path, defaultValue }) => ({ path, defaultValue }))).toEqual(
      (Object.keys(DEFAULT_POD_LOGS_OPTIONS) as Array<keyof PodLogsOptions>).map((path) => ({
        path,
        defaultValue: DEFAULT_POD_LOGS_OPTIONS[path],
      }))
    );
  });
});
