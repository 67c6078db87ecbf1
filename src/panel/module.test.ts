import { PanelPlugin } from '@grafana/data';

import { plugin } from './module';
import { addPodLogsOptions } from './options';

describe('pod-logs panel module', () => {
  it('exports a PanelPlugin with the panel options', () => {
    expect(plugin).toBeInstanceOf(PanelPlugin);
    expect(plugin.getPanelOptionsSupplier()).toBe(addPodLogsOptions);
  });
});
