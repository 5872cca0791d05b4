import { useLayoutEffect, useState, type RefObject } from 'react';

/** Rows of a fixed height in a scrolled box that follows its newest row unless scrolled up (logs). */
export interface TailWindow {
  /** Height of every row together, in pixels. */
  total: number;
  /** The scroll offset at which the newest row is in view. */
  maxTop: number;
  /** The first row to draw (overscan included). */
  first: number;
  /** One past the last row to draw. */
  last: number;
}

export interface TailWindowInput {
  count: number;
  rowHeight: number;
  overscanRows: number;
  /** Where the user scrolled to; ignored while following the tail. */
  scrollTop: number;
  viewHeight: number;
  atBottom: boolean;
}

/** Which rows are on screen: at the tail while following it, else where the user scrolled to (clamped). */
export function tailWindow({ count, rowHeight, overscanRows, scrollTop, viewHeight, atBottom }: TailWindowInput): TailWindow {
  const total = count * rowHeight;
  const maxTop = Math.max(0, total - viewHeight);
  const top = atBottom ? maxTop : Math.min(scrollTop, maxTop);
  return {
    total,
    maxTop,
    first: Math.max(0, Math.floor(top / rowHeight) - overscanRows),
    last: Math.min(count, Math.ceil((top + viewHeight) / rowHeight) + overscanRows),
  };
}

/** The element's client height, followed as it is resized. */
export function useClientHeight(ref: RefObject<HTMLElement | null>, initial: number): number {
  const [height, setHeight] = useState(initial);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
