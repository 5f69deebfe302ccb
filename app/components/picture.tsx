import type { PictureData } from "~/models/catalogue.server";
import { mediaUrl } from "~/utils/urls";

type Props = {
  picture: PictureData;
  sizes: string;
  className?: string;
  /** The largest picture above the fold: load it first. */
  priority?: boolean;
  alt?: string;
};

/** A responsive picture: AVIF, then WebP, then JPEG, each in every stored width. */
export function Picture({ picture, sizes, className, priority = false, alt }: Props) {
  const srcset = (format: "avif" | "webp" | "jpeg") =>
    picture.variants
      .filter((v) => v.format === format)
      .map((v) => `${mediaUrl(v.key)} ${v.width}w`)
      .join(", ");
  const jpegs = picture.variants.filter((v) => v.format === "jpeg");
  const fallback = jpegs.find((v) => v.width >= 800) ?? jpegs[jpegs.length - 1];
  return (
    <picture className={className}>
      <source type="image/avif" srcSet={srcset("avif")} sizes={sizes} />
      <source type="image/webp" srcSet={srcset("webp")} sizes={sizes} />
      <img
        src={fallback ? mediaUrl(fallback.key) : undefined}
        srcSet={srcset("jpeg")}
        sizes={sizes}
        width={picture.width}
        height={picture.height}
        alt={alt ?? picture.alt.text}
        lang={picture.alt.fallback ? picture.alt.lang : undefined}
        loading={priority ? "eager" : "lazy"}
        decoding={priority ? "sync" : "async"}
        {...(priority ? { fetchpriority: "high" } : {})}
        style={{ backgroundColor: picture.dominantColor }}
      />
    </picture>
  );
}
