// Only built (for its client bundle), never served: the smallest server entry Remix accepts.
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
) {
  headers.set("Content-Type", "text/html");
  return new Response(
    `<!DOCTYPE html>${renderToString(<RemixServer context={context} url={request.url} />)}`,
    { status, headers },
  );
}
