import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMediaStorage, isMediaKey } from "~/services/storage.server";
import { cachePolicy } from "~/utils/http.server";

const CONTENT_TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };

/** Stored image variants; their keys are content hashes, so they never change. */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  if (!isMediaKey(key)) return new Response("Not found", { status: 404 });
  const media = await getMediaStorage().get(key);
  if (!media) return new Response("Not found", { status: 404 });
  const ext = key.slice(key.lastIndexOf(".") + 1);
  return new Response(media.body, {
    headers: {
      "Content-Type": CONTENT_TYPES[ext] ?? "application/octet-stream",
      "Content-Length": String(media.size),
      "Cache-Control": cachePolicy.immutable,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
