import { lazy, memo, Suspense, useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
// Empty in the browser (a `.server` module): what is found in it tells the server from the browser.
import * as renderedOnServer from "./later.server";

type Deferred = keyof typeof renderedOnServer;

/** Opens when the part of the page comes near the screen; until then hydration waits on it. */
type Gate = { open: boolean; opened: Promise<void>; release: () => void };

function createGate(open: boolean): Gate {
  let release = () => {};
  const opened = new Promise<void>((resolve) => {
    release = () => {
      gate.open = true;
      resolve();
    };
  });
  const gate: Gate = { open, opened, release: () => release() };
  return gate;
}

/** Suspends (by React's protocol for lazy code) until the gate opens. */
function Wait({ gate, children }: { gate: Gate; children: ReactNode }) {
  if (!gate.open) throw gate.opened;
  return <>{children}</>;
}

/**
 * A part of a page the server renders in full but the browser hydrates only once it comes
 * near the screen, loading its code then (decision 024). Until that moment the part is the
 * server's HTML: readable, its links and forms working as without JavaScript; React leaves
 * it as it is (a Suspense boundary that has not hydrated) and hydrates the rest of the page
 * without it. Below-the-fold parts of a phone's first screen (reviews, "more from this
 * shop", the product's facts) thus cost neither initial JavaScript nor hydration work at load.
 *
 * On a client-side navigation there is no server HTML: the part renders as soon as its code
 * has loaded. New props (a revalidation after an action) hydrate a waiting part at once, its
 * code loaded then: give it props that keep their identity while the data does not change.
 */
export function hydrateLater<Name extends Deferred>(
  name: Name,
  load: () => Promise<{ default: (typeof renderedOnServer)[Name] }>,
): (typeof renderedOnServer)[Name] {
  type Props = Parameters<(typeof renderedOnServer)[Name]>[0];
  const OnServer = renderedOnServer[name] as ComponentType<Props> | undefined;
  const InBrowser = OnServer ? null : (lazy(load) as unknown as ComponentType<Props>);

  function Later(props: Props) {
    const anchor = useRef<HTMLDivElement>(null);
    // Open at once on the server and after a client-side navigation (the page is hydrated).
    const [gate] = useState(() =>
      createGate(!InBrowser || document.documentElement.dataset.hydrated === "true"),
    );
    // New props (the route's data revalidated after an action) reach a part still waiting:
    // React cannot apply them to HTML it has not hydrated, and holds the whole update (a
    // fetcher's answer included) until the part hydrates. Hydrate it now, then. `memo` below
    // keeps a re-render with the same props from getting here.
    const [first] = useState(props);
    if (first !== props && !gate.open) gate.release();
    useEffect(() => {
      if (gate.open) return;
      // The wrapper has no box (`display: contents`): watch what the server drew inside it.
      const element = anchor.current?.firstElementChild;
      if (!element || !("IntersectionObserver" in window)) return gate.release();
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          observer.disconnect();
          gate.release();
        },
        { rootMargin: "300px 0px" },
      );
      observer.observe(element);
      return () => observer.disconnect();
    }, [gate]);
    const Component = (OnServer ?? InBrowser)!;
    return (
      <div ref={anchor} className="later">
        <Suspense fallback={null}>
          <Wait gate={gate}>
            <Component {...props} />
          </Wait>
        </Suspense>
      </div>
    );
  }
  Later.displayName = `Later(${name})`;
  return memo(Later) as unknown as (typeof renderedOnServer)[Name];
}
