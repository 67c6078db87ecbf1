// first: chunk URLs (the worker) start from the app's folder, not the panel's
import './engine/publicPath';

import { PanelPlugin } from '@grafana/data';

import { addPodLogsOptions, type PodLogsOptions } from './options';
import { PodLogsPanel } from './PodLogsPanel';

export const plugin = new PanelPlugin<PodLogsOptions>(PodLogsPanel).setPanelOptions(addPodLogsOptions);
