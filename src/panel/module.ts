import { PanelPlugin } from '@grafana/data';

import { addPodLogsOptions, type PodLogsOptions } from './options';
import { PodLogsPanel } from './PodLogsPanel';

export const plugin = new PanelPlugin<PodLogsOptions>(PodLogsPanel).setPanelOptions(addPodLogsOptions);
