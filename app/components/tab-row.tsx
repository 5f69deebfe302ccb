import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A back office's tabs. On a phone they are one row that scrolls sideways (app.css), so the
 * active tab may sit past the screen's edge: CSS brings it into view at first paint where the
 * browser supports `scroll-initial-target` (no JavaScript needed), and this effect does it
 * everywhere else, and after each navigation. It scrolls the row only: `scrollIntoView` would
 * also scroll the page to the row when the reader is further down.
 */
export function TabRow({ label, children }: { label: string; children: ReactNode }) {
  const row = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const nav = row.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const box = nav.getBoundingClientRect();
    const tab = active.getBoundingClientRect();
    // The row's padding (the same on both sides) is the margin kept beside the tab.
    const pad = parseFloat(getComputedStyle(nav).paddingInlineStart) || 0;
    // Viewport coordinates: the delta has the same sign in right-to-left rows, as scrollBy's.
    const delta =
      tab.left < box.left + pad
        ? tab.left - box.left - pad
        : tab.right > box.right - pad
          ? tab.right - box.right + pad
          : 0;
    if (delta !== 0) nav.scrollBy(delta, 0);
  }, [pathname]);
  return (
    <nav ref={row} aria-label={label} className="tabs">
      {children}
    </nav>
  );
}
