import React, { useMemo, useState } from 'react';
import { EventBusSrv, type PanelData, type PanelPlugin, getPanelOptionsWithDefaults } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

interface Props {
  plugin: PanelPlugin;
  data: PanelData;
  width: number;
  height: number;
  title: string;
  testId: string;
  /** saved options on top of the panel's defaults (the bench raises maxLines) */
  options?: Record<string, unknown>;
}

/** The panel's saved options with its own defaults, as Grafana computes them for a new panel. */
function defaultOptions(plugin: PanelPlugin): Record<string, unknown> {
  try {
    const { options } = getPanelOptionsWithDefaults({
      plugin,
      currentOptions: {},
      currentFieldConfig: { defaults: {}, overrides: [] },
      isAfterPluginChange: false,
    });
    return options as Record<string, unknown>;
  } catch {
    // without Grafana's standard field-config registry the defaults step can fail; the panel fills its own
    return {};
  }
}

/** A panel plugin's component with the props a dashboard gives it. */
export function HostedPanel({ plugin, data, width, height, title, testId, options: saved }: Props) {
  const [options, setOptions] = useState(() => ({ ...defaultOptions(plugin), ...saved }));
  const [fieldConfig, setFieldConfig] = useState({ defaults: {}, overrides: [] });
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const Panel = plugin.panel;
  if (!Panel) {
    return <div>The panel plugin has no component.</div>;
  }
  return (
    <div data-testid={testId} style={{ width, height }}>
      <Panel
        id={1}
        data={data}
        timeRange={data.timeRange}
        timeZone="utc"
        options={options}
        transparent={false}
        width={width}
        height={height}
        fieldConfig={fieldConfig}
        renderCounter={0}
        title={title}
        eventBus={eventBus}
        onOptionsChange={setOptions}
        onFieldConfigChange={(c) => setFieldConfig({ defaults: c.defaults, overrides: [] })}
        replaceVariables={(value, scopedVars) => getTemplateSrv().replace(value, scopedVars)}
        onChangeTimeRange={() => undefined}
      />
    </div>
  );
}
