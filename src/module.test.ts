import { AppPlugin } from '@grafana/data';

import { AppConfig } from './components/AppConfig';
import { plugin } from './module';

describe('app module', () => {
  it('exports an AppPlugin whose only page is the setup guide', () => {
    expect(plugin).toBeInstanceOf(AppPlugin);
    expect(plugin.root).toBeUndefined();
    expect(plugin.configPages?.map((p) => p.body)).toEqual([AppConfig]);
  });
});
