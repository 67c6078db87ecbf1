import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';

import { DEFAULT_LOG_LIMIT_BYTES, type LogsQuery } from '../../types';
import { formatByteSize, parseByteSize } from './byteSize';
import { type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { FlagField } from '../../editors/FlagField';
import { NameField } from '../../editors/NameField';
import { NumberField } from '../../editors/NumberField';
import { withField } from '../../editors/queryModel';
import { LabelSelectorField } from '../../editors/SelectorFields';

type Flag = 'includeInit' | 'previous' | 'events' | 'live';

/** Container logs of one pod, or of every pod a label selector matches. */
export function LogsQueryEditor({ query, onCommit, options }: SubEditorProps<LogsQuery>) {
  const picker = { query, onCommit, options };
  const flag = (field: Flag, label: string, tooltip: string, testId: string) => (
    <FlagField query={query} onCommit={onCommit} field={field} label={label} tooltip={tooltip} testId={testId} />
  );

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="namespace" tooltip="The pod's namespace; several are allowed" />
        <NameField
          {...picker}
          field="podName"
          tooltip="One or more pods by name; or leave empty and use a label selector"
          placeholder="by label selector"
          lookup={{ namespace: query.namespace, labelSelector: query.labelSelector }}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <LabelSelectorField
          value={query.labelSelector}
          tooltip="The logs of every pod matching this selector, merged in time order, e.g. app=web"
          onCommit={(labelSelector) => onCommit(withField(query, 'labelSelector', labelSelector))}
        />
        <NameField
          {...picker}
          field="container"
          tooltip="One container; empty for every app container and sidecar"
          lookup={{
            namespace: query.namespace,
            pod: query.podName,
            labelSelector: query.podName ? undefined : query.labelSelector,
          }}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        {flag(
          'includeInit',
          'Init containers',
          'Also read the init containers that run to completion (sidecars are read like app containers)',
          EDITOR_TEST_IDS.includeInit
        )}
        {flag(
          'previous',
          'Previous',
          'The previous instance of each container (after a crash or restart)',
          EDITOR_TEST_IDS.previous
        )}
        {flag(
          'events',
          'Events',
          "The pods' events (scheduled, pulled, killed, back-off) among the lines; needs list on events",
          EDITOR_TEST_IDS.events
        )}
        {flag('live', 'Live', 'Keep following new lines while the panel is open', EDITOR_TEST_IDS.live)}
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          label="Tail lines"
          tooltip="The last N lines of each container instead of the panel's time range"
          data-testid={EDITOR_TEST_IDS.tailLines}
          placeholder="time range"
          value={query.tailLines}
          onCommit={(tailLines) => onCommit(withField(query, 'tailLines', tailLines))}
        />
        <NumberField
          label="Byte cap"
          tooltip="At most this much of each container's log, e.g. 512 KiB or 10 MiB"
          data-testid={EDITOR_TEST_IDS.limitBytes}
          placeholder={formatByteSize(DEFAULT_LOG_LIMIT_BYTES)}
          parse={parseByteSize}
          format={formatByteSize}
          hint="a size such as 512 KiB, 2 MiB or a number of bytes"
          value={query.limitBytes}
          onCommit={(limitBytes) => onCommit(withField(query, 'limitBytes', limitBytes))}
        />
      </InlineFieldRow>
    </Stack>
  );
}
