import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentTypeOf, getMediaStorage, isMediaKey } from "~/services/storage.server";
import { cachePolicy } from "~/utils/http.server";

/**
 * Stored image variants; their keys are content hashes, so they never change. From a public
 * bucket (S3_PUBLIC_URL) the browser is sent there; otherwise the file is streamed through.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.key ?? "";
  if (!isMediaKey(key)) return new Response("Not found", { status: 404 });
  const storage = getMediaStorage();
  const direct = storage.publicUrl(key);
  if (direct)
    return new Response(null, {
      status: 301,
      headers: { Location: direct, "Cache-Control": cachePolicy.immutable },
    });
  const media = await storage.get(key);
  if (!media) return new Response("Not found", { status: 404 });
  return new Response(media.body, {
    headers: {
      "Content-Type": contentTypeOf(key),
      "Content-Length": String(media.size),
      "Cache-Control": cachePolicy.immutable,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
