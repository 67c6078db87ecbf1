import type { PanelOptionsEditorBuilder } from '@grafana/data';

import {
  addPodLogsOptions,
  DEFAULT_POD_LOGS_OPTIONS,
  MAX_LINES_LIMIT,
  type PodLogsOptions,
  withDefaults,
} from './options';

interface Added {
  kind: string;
  path: string;
  defaultValue?: unknown;
  settings?: { options?: Array<{ value: string }> };
}

/** The real builder needs Grafana's editor registry, which only a running Grafana fills; record the calls. */
function collect(): Added[] {
  const added: Added[] = [];
  const record = (kind: string) => (config: Omit<Added, 'kind'>) => {
    added.push({ kind, ...config });
    return builder;
  };
  const builder = {
    addBooleanSwitch: record('switch'),
    addRadio: record('radio'),
    addTextInput: record('text'),
    addNumberInput: record('number'),
    addStringArray: record('strings'),
  };
  addPodLogsOptions(builder as unknown as PanelOptionsEditorBuilder<PodLogsOptions>);
  return added;
}

describe('addPodLogsOptions', () => {
  it('adds one editor per option, defaulting to the panel defaults', () => {
    const added = collect();
    expect(added.map((a) => a.path).sort()).toEqual(Object.keys(DEFAULT_POD_LOGS_OPTIONS).sort());
    for (const a of added) {
      expect(a.defaultValue).toEqual(DEFAULT_POD_LOGS_OPTIONS[a.path as keyof PodLogsOptions]);
    }
  });

  it('offers the three timestamp modes', () => {
    const radio = collect().find((a) => a.path === 'timestamps')!;
    expect(radio.kind).toBe('radio');
    expect(radio.settings?.options?.map((o) => o.value)).toEqual(['off', 'absolute', 'relative']);
  });

  it('offers the dedup modes and the two orders, defaulting to none and oldest first', () => {
    const added = collect();
    expect(added.find((a) => a.path === 'dedup')?.settings?.options?.map((o) => o.value)).toEqual([
      'none',
      'exact',
      'numbers',
      'signature',
    ]);
    expect(added.find((a) => a.path === 'sortOrder')?.settings?.options?.map((o) => o.value)).toEqual([
      'oldestFirst',
      'newestFirst',
    ]);
    expect(DEFAULT_POD_LOGS_OPTIONS.dedup).toBe('none');
    expect(DEFAULT_POD_LOGS_OPTIONS.sortOrder).toBe('oldestFirst');
  });
});

describe('withDefaults', () => {
  it('fills missing options', () => {
    expect(withDefaults(undefined)).toEqual(DEFAULT_POD_LOGS_OPTIONS);
    expect(withDefaults({ wrapLines: true }).wrapLines).toBe(true);
  });

  it('brings the line cap and the timestamp mode into range', () => {
    expect(withDefaults({ maxLines: 0 }).maxLines).toBe(DEFAULT_POD_LOGS_OPTIONS.maxLines);
    expect(withDefaults({ maxLines: 1e9 }).maxLines).toBe(MAX_LINES_LIMIT);
    expect(withDefaults({ maxLines: 12.7 }).maxLines).toBe(12);
    expect(withDefaults({ timestamps: 'sideways' as PodLogsOptions['timestamps'] }).timestamps).toBe('absolute');
    expect(withDefaults({ dedup: 'fuzzy' as PodLogsOptions['dedup'] }).dedup).toBe('none');
    expect(withDefaults({ sortOrder: 'random' as PodLogsOptions['sortOrder'] }).sortOrder).toBe('oldestFirst');
    // saved with the dashboard: a saved choice is kept
    expect(withDefaults({ dedup: 'numbers', sortOrder: 'newestFirst' })).toMatchObject({
      dedup: 'numbers',
      sortOrder: 'newestFirst',
    });
  });
});

describe('displayed fields', () => {
  it('default to none (the whole line), with an editor in the Display category', () => {
    expect(DEFAULT_POD_LOGS_OPTIONS.displayedFields).toEqual([]);
    const editor = collect().find((a) => a.path === 'displayedFields')!;
    expect(editor.kind).toBe('strings');
    expect(editor.defaultValue).toEqual([]);
  });

  it('keep a saved choice in order, dropping blanks, repeats and values that are not names', () => {
    expect(withDefaults({ displayedFields: ['msg', 'http.status'] }).displayedFields).toEqual(['msg', 'http.status']);
    const messy = ['msg', '', 'msg', 3, '  ', 'user'] as unknown as string[];
    expect(withDefaults({ displayedFields: messy }).displayedFields).toEqual(['msg', 'user']);
    expect(withDefaults({ displayedFields: 'msg' as unknown as string[] }).displayedFields).toEqual([]);
  });
});
