import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PictureData } from "~/models/catalogue.server";
import { mediaUrl } from "~/utils/urls";
import { Picture } from "./picture";

const MAIN_SIZES = "(min-width: 900px) 560px, 100vw";
const THUMB_SIZES = "72px";

/** The largest stored variant: what zoom shows (JPEG, which every browser opens). */
export function largestUrl(picture: PictureData): string | undefined {
  const pick = (format: string) =>
    picture.variants.filter((v) => v.format === format).sort((a, b) => b.width - a.width)[0];
  const variant = pick("jpeg") ?? pick("webp") ?? picture.variants[0];
  return variant ? mediaUrl(variant.key) : undefined;
}

/**
 * A listing's photos (decision 020). Without JavaScript: a strip that scrolls and snaps one
 * photo at a time (a swipe on phones), thumbnails that are links to each photo, and each photo
 * a link to its largest variant, where the browser zooms. With JavaScript: thumbnails scroll
 * the strip without moving the page, and a photo opens in a dialog that zooms on click.
 */
export function ProductGallery({ pictures }: { pictures: PictureData[] }) {
  const { t } = useTranslation();
  const strip = useRef<HTMLUListElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [active, setActive] = useState(0);
  const [zoom, setZoom] = useState<{ index: number; big: boolean } | null>(null);
  const count = pictures.length;

  if (count === 0) {
    return (
      <div className="gallery" data-testid="gallery">
        <span className="product__cover product-card__image--empty" aria-hidden="true" />
      </div>
    );
  }

  function show(index: number) {
    const slide = strip.current?.children[index] as HTMLElement | undefined;
    if (!strip.current || !slide) return;
    // Scrolls the strip only (scrollIntoView would move the whole page to it). Screen
    // coordinates are physical in both directions, and so is scrollBy's offset.
    const delta = slide.getBoundingClientRect().x - strip.current.getBoundingClientRect().x;
    strip.current.scrollBy({ left: delta, behavior: "smooth" }); // lint-allow-physical: a scroll offset
    setActive(index);
  }

  function onScroll() {
    const el = strip.current;
    if (!el || el.clientWidth === 0) return;
    // Negative in right-to-left pages: the distance counts either way.
    setActive(Math.min(count - 1, Math.round(Math.abs(el.scrollLeft) / el.clientWidth)));
  }

  function openZoom(event: React.MouseEvent, index: number) {
    if (!dialog.current?.showModal) return; // No dialog support: follow the link.
    event.preventDefault();
    setZoom({ index, big: false });
    dialog.current.showModal();
  }

  const zoomed = zoom ? pictures[zoom.index] : null;
  return (
    <div className="gallery" data-testid="gallery" role="group" aria-label={t("trust:gallery.label")}>
      <ul className="gallery__strip" ref={strip} onScroll={onScroll} tabIndex={-1}>
        {pictures.map((p, i) => (
          <li key={i} id={`photo-${i + 1}`} className="gallery__slide" data-testid="gallery-slide">
            <a
              href={largestUrl(p)}
              className="gallery__zoom"
              data-testid="gallery-zoom"
              onClick={(event) => openZoom(event, i)}
            >
              <Picture
                picture={p}
                sizes={MAIN_SIZES}
                priority={i === 0}
                className={i === 0 ? "product__cover gallery__picture" : "gallery__picture"}
              />
              <span className="visually-hidden">
                {t("trust:gallery.zoom")} · {t("trust:gallery.photo", { number: i + 1, count })}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {count > 1 ? (
        <ul className="gallery__thumbs" data-testid="gallery-thumbs">
          {pictures.map((p, i) => (
            <li key={i}>
              <a
                href={`#photo-${i + 1}`}
                aria-label={t("trust:gallery.show", { number: i + 1 })}
                aria-current={active === i ? "true" : undefined}
                data-testid="gallery-thumb"
                onClick={(event) => {
                  event.preventDefault();
                  show(i);
                }}
              >
                <Picture picture={p} sizes={THUMB_SIZES} alt="" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <dialog
        ref={dialog}
        className="zoom"
        data-testid="zoom-dialog"
        aria-label={t("trust:gallery.zoom")}
        onClose={() => setZoom(null)}
      >
        {zoomed ? (
          <>
            <form method="dialog" className="zoom__bar">
              <button type="submit" className="button button--secondary" data-testid="zoom-close">
                {t("trust:gallery.close")}
              </button>
            </form>
            <div className={`zoom__frame${zoom?.big ? " zoom__frame--big" : ""}`}>
              <button
                type="button"
                className="zoom__toggle"
                aria-pressed={zoom?.big ?? false}
                onClick={() => setZoom((z) => (z ? { ...z, big: !z.big } : z))}
                data-testid="zoom-toggle"
              >
                <img
                  src={largestUrl(zoomed)}
                  alt={zoomed.alt.text}
                  width={zoomed.width}
                  height={zoomed.height}
                  style={{ backgroundColor: zoomed.dominantColor }}
                  data-testid="zoom-image"
                />
                <span className="visually-hidden">
                  {zoom?.big ? t("trust:gallery.zoomOut") : t("trust:gallery.zoomIn")}
                </span>
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </div>
  );
}
