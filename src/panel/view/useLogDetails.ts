import { useCallback, useState } from 'react';

import { rowOfSeq } from '../model/contextRows';
import { type FieldFilter, withFieldFilter, withoutFieldFilter } from '../model/fieldFilters';
import { levelsHiddenBy, type RowLabel, type SourceKey, sourcesHiddenBy } from '../model/labelFilters';
import { levelIndexOf } from '../model/levels';
import type { PodLogsOptions } from '../options';
import type { PodLogsSession } from './usePodLogsSession';

/** What a details row's filter buttons act on: a field of the line, or one of its labels. */
export type DetailsTarget = { kind: 'field'; key: string; value: string } | RowLabel;

/** A line held open (details or context), by seq and where it was, so it is found again as lines come and go. */
interface HeldLine {
  seq: number;
  abs: number;
}

/**
 * The log details and context of one line at a time, the filters their buttons add, and the displayed fields
 * (saved in the panel's options through onOptionsChange, so the choice is kept with the dashboard).
 */
export function useLogDetails(
  session: PodLogsSession,
  options: PodLogsOptions,
  onOptionsChange: (options: PodLogsOptions) => void
) {
  const { store, setFieldFilters, setLabelFilters, setHiddenLevels, setHiddenSources } = session;
  const [details, setDetails] = useState<HeldLine>();
  const [context, setContext] = useState<HeldLine>();
  const hold = useCallback((row: number): HeldLine => ({ seq: store.seqs[row], abs: store.dropped + row }), [store]);
  // stable: the list's rows get it through their memoized context
  const toggleDetails = useCallback(
    (row: number) => setDetails((d) => (d && d.seq === store.seqs[row] ? undefined : hold(row))),
    [store, hold]
  );
  // a line dropped from the buffer (the line cap) closes what showed it
  const detailsRow = details ? rowOfSeq(store, details.seq, details.abs) : -1;
  const contextRow = context ? rowOfSeq(store, context.seq, context.abs) : -1;

  const filter = useCallback(
    (target: DetailsTarget, negate: boolean) => {
      const f: FieldFilter = { key: target.key, value: target.value, negate };
      switch (target.kind) {
        case 'field':
          setFieldFilters((list) => withFieldFilter(list, f));
          break;
        case 'label':
          setLabelFilters((list) => withFieldFilter(list, f));
          break;
        case 'level':
          setHiddenLevels((hidden) => levelsHiddenBy(hidden, levelIndexOf(target.value), negate));
          break;
        case 'source':
          setHiddenSources((hidden) =>
            sourcesHiddenBy(store.sourceTable.list, hidden, target.key as SourceKey, target.value, negate)
          );
          break;
      }
    },
    [store, setFieldFilters, setLabelFilters, setHiddenLevels, setHiddenSources]
  );

  const displayed = options.displayedFields;
  const toggleField = (key: string) =>
    onOptionsChange({
      ...options,
      displayedFields: displayed.includes(key) ? displayed.filter((k) => k !== key) : [...displayed, key],
    });
  const setDisplayedFields = (displayedFields: string[]) => onOptionsChange({ ...options, displayedFields });

  return {
    detailsRow,
    /** opens the details of a row, or closes them when they show that row already */
    toggleDetails,
    closeDetails: () => setDetails(undefined),
    contextRow,
    showContext: (row: number) => setContext(hold(row)),
    closeContext: () => setContext(undefined),
    filter,
    removeFieldFilter: (f: FieldFilter) => setFieldFilters((list) => withoutFieldFilter(list, f)),
    removeLabelFilter: (f: FieldFilter) => setLabelFilters((list) => withoutFieldFilter(list, f)),
    toggleField,
    setDisplayedFields,
  };
}

export type LogDetailsState = ReturnType<typeof useLogDetails>;
