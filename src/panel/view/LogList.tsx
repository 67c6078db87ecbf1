import React, { type ReactNode, useCallback, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { css } from '@emotion/css';
import { useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';

export interface LogListHandle {
  scrollToIndex(index: number): void;
  /** to the newest line: the last row, or the first one when newest lines come first */
  scrollToNewest(): void;
  /** the first and last rows wholly in view (-1 when none) */
  visibleRange(): { first: number; last: number };
}

interface Props {
  count: number;
  /** stable per row (LogStore seq) so measured heights follow rows when older ones are dropped */
  itemKey: (index: number) => number;
  estimateSize: (index: number) => number;
  /** the size the list gets from the panel, used until (and where) the browser can measure it */
  width: number;
  height: number;
  wrap: boolean;
  following: boolean;
  /** rows run newest first: the newest line, which following keeps in view, is at the top */
  newestFirst: boolean;
  /** changes whenever the rows do; while following, each change scrolls to the newest line */
  dataVersion: number;
  /** changes when row heights may all have changed (wrap, prettify, font) */
  layoutVersion: string;
  /** the reader scrolled: away from the newest line's end of the list, or back to it */
  onUserScroll: (atNewest: boolean) => void;
  renderRow: (index: number) => ReactNode;
  handleRef?: React.Ref<LogListHandle>;
}

/** A scroll event this soon after a wheel, key, touch or pointer press is the reader's, not ours. */
const USER_INTENT_MS = 1000;
/** Within this many pixels of the newest line's end counts as "at the newest line". */
const END_SLACK_PX = 8;
/** Rows rendered beyond the viewport: keeps fast scrolling free of blank flashes and gives tests some rows. */
const OVERSCAN = 12;

/**
 * Browsers scroll elements with scrollTo and report it in a later task. Where elements cannot scrollTo (jsdom),
 * the list sets scrollTop and reports at once, which must not flushSync from inside React's commit.
 */
const NATIVE_SCROLL = typeof HTMLElement !== 'undefined' && typeof HTMLElement.prototype.scrollTo === 'function';

function scrollElementTo(offset: number, behavior: ScrollBehavior | undefined, el: Element) {
  if (typeof el.scrollTo === 'function') {
    el.scrollTo({ top: offset, behavior });
  } else {
    // environments without scrollTo (jsdom): move and tell the listeners, as a browser would
    el.scrollTop = offset;
    el.dispatchEvent(new Event('scroll'));
  }
}

/** Browsers measure rows with a ResizeObserver; without one (jsdom) rows are measured when they attach. */
const MEASURED_AFTER_LAYOUT = typeof ResizeObserver !== 'undefined';

/**
 * A virtualized list (@tanstack/react-virtual) of rows with measured heights: only the rows in view (plus
 * overscan) are in the DOM, so a million lines scroll like a hundred. Sized from the panel's width/height,
 * refined by a ResizeObserver where the browser has one.
 */
export function LogList(props: Props) {
  const { count, itemKey, estimateSize, width, height, wrap, following, newestFirst, dataVersion, layoutVersion } =
    props;
  const styles = useStyles2(getStyles);
  const scrollRef = useRef<HTMLDivElement>(null);
  const fallback = useRef({ width, height });
  fallback.current = { width, height };
  const reportRect = useRef<(() => void) | undefined>(undefined);
  const userIntentAt = useRef(-Infinity);
  const lastTop = useRef(0);
  const estimate = useRef(estimateSize);
  estimate.current = estimateSize;

  const observeElementRect = useCallback((instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) => {
    const el = instance.scrollElement;
    if (!el) {
      return;
    }
    const report = () =>
      cb({
        width: el.clientWidth || fallback.current.width,
        height: el.clientHeight || fallback.current.height,
      });
    reportRect.current = report;
    report();
    if (typeof ResizeObserver === 'undefined') {
      return () => {
        reportRect.current = undefined;
      };
    }
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => {
      observer.disconnect();
      reportRect.current = undefined;
    };
  }, []);

  const measureElement = useCallback(
    (el: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>) => {
      const box = entry?.borderBoxSize?.[0];
      if (box) {
        return Math.round(box.blockSize);
      }
      const index = instance.indexFromElement(el);
      if (MEASURED_AFTER_LAYOUT) {
        // A row just attached: its ResizeObserver reports the real height after layout, before paint. Reading
        // offsetHeight here would force a layout per row in the middle of React's commit (while following, 40
        // times a second); until then the row keeps the height it had or its estimate.
        return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? estimate.current(index);
      }
      const h = (el as HTMLElement).offsetHeight;
      // 0 only where nothing is laid out (jsdom): keep the estimate rather than collapse every row
      return h > 0 ? h : estimate.current(index);
    },
    []
  );

  // The virtualizer is a mutable object by design; this component is not meant for the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey: itemKey,
    overscan: OVERSCAN,
    initialRect: { width, height },
    observeElementRect,
    measureElement,
    scrollToFn: (offset, { adjustments = 0, behavior }, instance) => {
      if (instance.scrollElement) {
        scrollElementTo(offset + adjustments, behavior, instance.scrollElement);
      }
    },
    useFlushSync: NATIVE_SCROLL,
    // keep the row being read in place when older rows are dropped above it
    anchorTo: 'end',
  });

  useLayoutEffect(() => reportRect.current?.(), [width, height]);

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, layoutVersion]);

  const scrollToNewest = useCallback(() => {
    if (count > 0) {
      if (newestFirst) {
        virtualizer.scrollToIndex(0, { align: 'start' });
      } else {
        virtualizer.scrollToIndex(count - 1, { align: 'end' });
      }
    }
  }, [virtualizer, count, newestFirst]);

  useLayoutEffect(() => {
    if (following) {
      scrollToNewest();
    }
  }, [scrollToNewest, following, dataVersion]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      scrollToIndex: (index: number) => virtualizer.scrollToIndex(index, { align: 'center' }),
      scrollToNewest,
      visibleRange: () => {
        const top = virtualizer.scrollOffset ?? 0;
        const bottom = top + (virtualizer.scrollRect?.height ?? fallback.current.height);
        let first = -1;
        let last = -1;
        for (const item of virtualizer.getVirtualItems()) {
          if (item.start >= top - 1 && item.end <= bottom + 1) {
            if (first === -1) {
              first = item.index;
            }
            last = item.index;
          }
        }
        return { first, last };
      },
    }),
    [virtualizer, scrollToNewest]
  );

  const markIntent = () => {
    userIntentAt.current = Date.now();
  };
  const { onUserScroll } = props;
  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    const previous = lastTop.current;
    lastTop.current = top;
    if (Date.now() - userIntentAt.current > USER_INTENT_MS || top === previous) {
      return;
    }
    const viewport = event.currentTarget.clientHeight || fallback.current.height;
    onUserScroll(newestFirst ? top <= END_SLACK_PX : virtualizer.getTotalSize() - (top + viewport) <= END_SLACK_PX);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      onScroll={onScroll}
      onWheel={markIntent}
      onKeyDown={markIntent}
      onPointerDown={markIntent}
      onTouchMove={markIntent}
      tabIndex={0}
      role="log"
      aria-live="off"
      data-testid={PODLOGS_TEST_IDS.list}
    >
      <div className={styles.content} style={{ height: virtualizer.getTotalSize() }}>
        {/* the rows in view flow in one block moved to the first one's offset: when older lines go, one
            transform changes, not one per row */}
        <div
          className={wrap ? styles.windowWrap : styles.windowNoWrap}
          style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
        >
          {items.map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={wrap ? styles.rowWrap : styles.rowNoWrap}
            >
              {props.renderRow(item.index)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

const getStyles = () => ({
  scroller: css({
    flex: '1 1 auto',
    minHeight: 0,
    overflow: 'auto',
    position: 'relative',
    outline: 'none',
    overflowAnchor: 'none',
    // what changes inside the list (rows coming and going while following) is laid out and painted on its own
    contain: 'strict',
  }),
  content: css({
    position: 'relative',
    width: '100%',
  }),
  // wrapped rows take the list's width; unwrapped ones as much as the longest row in view needs
  windowWrap: css({
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
  }),
  windowNoWrap: css({
    position: 'absolute',
    top: 0,
    left: 0,
    minWidth: '100%',
  }),
  rowWrap: css({
    width: '100%',
  }),
  rowNoWrap: css({
    minWidth: '100%',
    width: 'max-content',
  }),
});
