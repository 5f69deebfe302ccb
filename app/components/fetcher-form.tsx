import { useFetcher } from "@remix-run/react";
import type { FormEvent, FormHTMLAttributes, ReactNode } from "react";

type Fetcher = ReturnType<typeof useFetcher>;

/**
 * A form that posts through a fetcher once React runs, and as a plain document post before
 * (or without JavaScript), where the action answers with a redirect.
 *
 * The action tells the two apart by `_fetcher=1`, added to the form's data when it is
 * submitted rather than rendered as an input once hydrated: rendering it made the markup
 * change right after hydration, and React re-rendered every such form (a heart on each
 * product card) in one synchronous task, the longest of a craft page's load (decision 024).
 * A plain `<form>` also spares `fetcher.Form`'s action resolution on every render.
 */
export function FetcherForm({
  fetcher,
  action,
  onSubmit,
  children,
  ...props
}: {
  fetcher: Fetcher;
  action: string;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method">) {
  return (
    <form
      {...props}
      method="post"
      action={action}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        onSubmit?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        data.set("_fetcher", "1");
        fetcher.submit(data, { method: "post", action });
      }}
    >
      {children}
    </form>
  );
}
