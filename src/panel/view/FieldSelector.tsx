import React, { memo, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Checkbox, useStyles2 } from '@grafana/ui';

import { CATALOG_LINES, fieldCatalog } from '../model/fieldCatalog';
import type { LogStore } from '../model/logStore';
import { PODLOGS_TEST_IDS } from '../testIds';

interface Props {
  /** read when the list opens (not as lines arrive: the selector stays still while following) */
  store: LogStore;
  displayed: readonly string[];
  onToggle: (key: string) => void;
  onClear: () => void;
}

/**
 * Grafana's field selector: the fields seen in the newest lines (and the stream labels), each a checkbox that
 * shows it instead of the whole line. The choice is saved with the panel's options.
 */
export const FieldSelector = memo(function FieldSelector({ store, displayed, onToggle, onClear }: Props) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  const anchorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) {
      return;
    }
    // a press anywhere else closes the list, as a menu does
    const onDown = (e: MouseEvent) => {
      if (!anchorRef.current?.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const catalog = useMemo(() => (open ? fieldCatalog(store) : undefined), [open, store]);
  // chosen fields not in the sample (saved earlier, or typed in the options) are listed too
  const names = catalog
    ? {
        fields: [
          ...catalog.fields,
          ...displayed.filter((k) => !catalog.fields.includes(k) && !catalog.labels.includes(k)),
        ],
        labels: catalog.labels,
      }
    : undefined;
  const box = (key: string) => (
    <li key={key}>
      <Checkbox label={key} value={displayed.includes(key)} onChange={() => onToggle(key)} />
    </li>
  );
  return (
    <div
      ref={anchorRef}
      className={styles.anchor}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <Button
        size="sm"
        variant={displayed.length > 0 ? 'primary' : 'secondary'}
        fill="outline"
        icon="columns"
        aria-expanded={open}
        aria-label={displayed.length > 0 ? `Displayed fields (${displayed.length})` : 'Displayed fields'}
        tooltip="Show chosen fields instead of whole lines"
        onClick={() => setOpen(!open)}
        data-testid={PODLOGS_TEST_IDS.fieldSelector}
      >
        Fields{displayed.length > 0 ? ` (${displayed.length})` : ''}
      </Button>
      {open && names && (
        <div className={styles.popover} role="dialog" aria-label="Choose displayed fields">
          <div className={styles.head}>
            <span>Show instead of the line</span>
            <Button size="sm" variant="secondary" fill="text" disabled={displayed.length === 0} onClick={onClear}>
              Whole lines
            </Button>
          </div>
          {names.fields.length > 0 ? (
            <ul className={styles.list} aria-label="Fields">
              {names.fields.map(box)}
            </ul>
          ) : (
            <p className={styles.note}>
              No JSON or logfmt fields in the newest {CATALOG_LINES.toLocaleString('en-US')} lines.
            </p>
          )}
          {names.labels.length > 0 && (
            <>
              <div className={styles.subhead}>Labels</div>
              <ul className={styles.list} aria-label="Labels">
                {names.labels.map(box)}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  anchor: css({ position: 'relative' }),
  popover: css({
    position: 'absolute',
    top: '100%',
    right: 0,
    zIndex: theme.zIndex.dropdown,
    minWidth: 220,
    maxWidth: 360,
    maxHeight: 320,
    overflow: 'auto',
    marginTop: theme.spacing(0.5),
    padding: theme.spacing(1),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  head: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
  }),
  subhead: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  note: css({ color: theme.colors.text.secondary, margin: theme.spacing(0.5, 0) }),
});
