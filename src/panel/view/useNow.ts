import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active` (relative timestamps), still otherwise. */
export function useNow(active: boolean, intervalMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) {
      return;
    }
    const tick = () => setNow(Date.now());
    // catch up at once when switched on, then keep ticking
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
