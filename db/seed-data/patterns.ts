/**
 * Product pictures and cooperative logos for the seed, drawn as SVG (so nothing is
 * fetched) and then rasterised and passed through the real image pipeline.
 * Pure and deterministic: the same craft and seed always give the same picture.
 */

/** A small seeded random generator: the same seed, the same sequence. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const f = (n: number) => n.toFixed(1);

/** An eight-pointed star (the zellige khatam) centred on (cx, cy). */
function star(cx: number, cy: number, r: number, inner = 0.62, rotation = 0): string {
  const points: string[] = [];
  for (let i = 0; i < 16; i++) {
    const radius = i % 2 === 0 ? r : r * inner;
    const angle = rotation + (i * Math.PI) / 8;
    points.push(`${f(cx + radius * Math.cos(angle))},${f(cy + radius * Math.sin(angle))}`);
  }
  return `M${points.join("L")}Z`;
}

const PALETTES = {
  zellige: [
    ["#1f4e5f", "#f3ead8", "#2f7d6d", "#c8553d", "#e0a526"],
    ["#234e70", "#fbf8f1", "#3a8fb7", "#1b3a4b", "#d9a441"],
    ["#2e5e4e", "#f6efe2", "#7aa37a", "#b5532f", "#203a43"],
  ],
  carpets: [
    ["#f1e9da", "#2b2522", "#3b312c", "#c7b299", "#8c2f1b"],
    ["#f4ecdf", "#b5332a", "#e08a1e", "#2c5d8a", "#6d2a55"],
    ["#efe4d1", "#1f1b19", "#9a3b2a", "#d7a04a", "#416a59"],
  ],
  pottery: [
    ["#e9e3d8", "#fdfbf7", "#1d4f91", "#2f6db5", "#a7bde0"],
    ["#e7dfd2", "#f6f0e0", "#2f6b3a", "#b88a2f", "#6d4a21"],
    ["#ded6c8", "#fbf6ec", "#1b3d7a", "#d6a437", "#9c2f2f"],
  ],
  embroidery: [
    ["#efe7d6", "#8a1f2b", "#c98a2e", "#2a5a3e", "#d9cdb3"],
    ["#f3eee3", "#1f3c6e", "#6b8fc7", "#a0342f", "#d8cfbf"],
    ["#ece4d4", "#4a2a5e", "#b3367a", "#1f6b5c", "#d6ccb8"],
  ],
  "herbs-oils": [
    ["#eef3ea", "#c98a1b", "#5b7f3a", "#2f4a23", "#ffffff"],
    ["#f4efe6", "#b5651d", "#7a9a5b", "#3b5a2a", "#fff9ef"],
    ["#eaf0f2", "#d1a03a", "#6d8f6d", "#2a4d3a", "#ffffff"],
  ],
  leather: [
    ["#efe6d8", "#c98a2e", "#8a4b1f", "#5a2e12", "#f6d27a"],
    ["#f2e9dc", "#b2362b", "#7a1f19", "#3f1a12", "#e9c46a"],
    ["#ece3d3", "#d9a93e", "#9c6a1c", "#4d3312", "#fff1c9"],
  ],
  weaving: [
    ["#f3ede2", "#7a2330", "#d9a441", "#1f4e5f", "#3b3a36"],
    ["#efe8dc", "#2f5d50", "#e3c58a", "#8a3b26", "#1e2a2f"],
    ["#f5efe5", "#c2562c", "#f0d28c", "#5b3a6b", "#2c2c2c"],
  ],
  woodwork: [
    ["#8a5a34", "#a66e3f", "#6e4426", "#c79a6b", "#3d2714"],
    ["#9b6b3e", "#b98252", "#7a4f2b", "#dcb48a", "#442c17"],
    ["#7d4e2b", "#9a6339", "#5e3a1f", "#c08d5c", "#34210f"],
  ],
  metalwork: [
    ["#1d2024", "#c9a23f", "#e8cf7a", "#8a6a22", "#fff3c4"],
    ["#22201f", "#b8643a", "#e39a6b", "#7a3d1f", "#ffe0c7"],
    ["#1a1f26", "#a8a9ad", "#dcdde0", "#5f6166", "#ffffff"],
  ],
  basketry: [
    ["#efe6d2", "#d8b779", "#b88f4a", "#8a6a30", "#a0342f"],
    ["#f2ead8", "#e0c48c", "#c29c5a", "#937238", "#2f5d8a"],
    ["#ede2cc", "#d2ad6a", "#aa8240", "#7a5a24", "#2f6b3a"],
  ],
} as const;

type Palette = readonly string[];

function zelligeTiles(w: number, h: number, p: Palette, rng: Rng): string {
  const size = pick(rng, [110, 140, 170]);
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[1]}"/>`];
  for (let y = 0; y <= h + size; y += size) {
    for (let x = 0; x <= w + size; x += size) {
      const colour = (x / size + y / size) % 2 === 0 ? p[0] : p[2];
      parts.push(`<path d="${star(x, y, size * 0.48)}" fill="${colour}"/>`);
      parts.push(
        `<path d="${star(x + size / 2, y + size / 2, size * 0.2, 0.5, Math.PI / 8)}" fill="${p[3]}"/>`,
      );
      parts.push(`<circle cx="${x + size / 2}" cy="${y}" r="${size * 0.07}" fill="${p[4]}"/>`);
    }
  }
  return parts.join("");
}

function carpet(w: number, h: number, p: Palette, rng: Rng, variant: number): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="#d8cfc0"/>`];
  const m = 70;
  const cw = w - 2 * m;
  const ch = h - 2 * m;
  parts.push(`<rect x="${m}" y="${m}" width="${cw}" height="${ch}" fill="${p[0]}"/>`);
  // Fringes at both short ends.
  for (let x = m; x <= w - m; x += 12) {
    parts.push(`<path d="M${x} ${m}v-40M${x} ${h - m}v40" stroke="${p[3]}" stroke-width="4"/>`);
  }
  if (variant % 2 === 0) {
    // Beni Ouarain: a dark lozenge lattice on undyed wool.
    const dx = pick(rng, [120, 150, 180]);
    const dy = dx * 1.3;
    const path: string[] = [];
    for (let x = m - ch; x < w; x += dx)
      path.push(`M${x} ${m}L${x + ch / 1.3} ${h - m}M${x + ch / 1.3} ${m}L${x} ${h - m}`);
    parts.push(`<clipPath id="c"><rect x="${m}" y="${m}" width="${cw}" height="${ch}"/></clipPath>`);
    parts.push(
      `<path clip-path="url(#c)" d="${path.join("")}" stroke="${p[1]}" stroke-width="${pick(rng, [10, 14, 18])}" fill="none"/>`,
    );
    for (let y = m + dy / 2; y < h - m; y += dy) {
      for (let x = m + dx / 2; x < w - m; x += dx) {
        if (rng() < 0.35) parts.push(`<path d="M${x} ${y - 14}l14 14l-14 14l-14-14z" fill="${p[2]}"/>`);
      }
    }
  } else {
    // Azilal: bright, irregular motifs scattered on a light ground.
    parts.push(
      `<rect x="${m + 20}" y="${m + 20}" width="${cw - 40}" height="${ch - 40}" fill="none" stroke="${p[1]}" stroke-width="12"/>`,
    );
    for (let i = 0; i < 28; i++) {
      const x = m + 60 + rng() * (cw - 120);
      const y = m + 60 + rng() * (ch - 120);
      const s = 30 + rng() * 60;
      const c = pick(rng, p.slice(1));
      parts.push(
        rng() < 0.5
          ? `<path d="M${f(x)} ${f(y - s)}l${f(s * 0.6)} ${f(s)}l${f(-s * 0.6)} ${f(s)}l${f(-s * 0.6)} ${f(-s)}z" fill="${c}"/>`
          : `<path d="M${f(x - s)} ${f(y)}h${f(2 * s)}M${f(x)} ${f(y - s)}v${f(2 * s)}" stroke="${c}" stroke-width="10"/>`,
      );
    }
  }
  return parts.join("");
}

function pottery(w: number, h: number, p: Palette, rng: Rng): string {
  const cx = w / 2;
  const cy = h / 2;
  const r = Math.min(w, h) * 0.4;
  const petals = pick(rng, [8, 12, 16]);
  const parts: string[] = [
    `<rect width="${w}" height="${h}" fill="${p[0]}"/>`,
    `<ellipse cx="${cx + 18}" cy="${cy + 26}" rx="${r}" ry="${r * 0.97}" fill="#000" opacity="0.12"/>`,
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${p[1]}" stroke="${p[4]}" stroke-width="6"/>`,
    `<circle cx="${cx}" cy="${cy}" r="${r * 0.93}" fill="none" stroke="${p[2]}" stroke-width="${f(r * 0.035)}"/>`,
  ];
  for (let i = 0; i < petals; i++) {
    const a = (i * 360) / petals;
    parts.push(
      `<ellipse cx="${cx}" cy="${f(cy - r * 0.62)}" rx="${f(r * 0.09)}" ry="${f(r * 0.22)}" fill="${i % 2 ? p[3] : p[2]}" transform="rotate(${f(a)} ${cx} ${cy})"/>`,
    );
  }
  parts.push(
    `<circle cx="${cx}" cy="${cy}" r="${f(r * 0.36)}" fill="none" stroke="${p[2]}" stroke-width="5"/>`,
  );
  parts.push(`<path d="${star(cx, cy, r * 0.3, 0.6, rng() * Math.PI)}" fill="${p[2]}"/>`);
  parts.push(`<circle cx="${cx}" cy="${cy}" r="${f(r * 0.08)}" fill="${p[4]}"/>`);
  return parts.join("");
}

function embroidery(w: number, h: number, p: Palette, rng: Rng): string {
  const cell = pick(rng, [14, 18, 22]);
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  // Linen texture: faint threads.
  const threads: string[] = [];
  for (let y = 0; y < h; y += 6) threads.push(`M0 ${y}H${w}`);
  parts.push(`<path d="${threads.join("")}" stroke="${p[4]}" stroke-width="1" opacity="0.6"/>`);
  const motif = pick(rng, [7, 9, 11]);
  const span = motif * cell * 2;
  const stitches: string[] = [];
  const accents: string[] = [];
  for (let oy = cell * 2; oy < h - span / 2; oy += span) {
    for (let ox = cell * 2; ox < w - span / 2; ox += span) {
      for (let j = -motif; j <= motif; j++) {
        for (let i = -motif; i <= motif; i++) {
          const d = Math.abs(i) + Math.abs(j);
          if (
            d === motif ||
            d === Math.floor(motif / 2) ||
            (i === 0 && Math.abs(j) < 2) ||
            (j === 0 && Math.abs(i) < 2)
          ) {
            const x = ox + span / 2 + i * cell;
            const y = oy + span / 2 + j * cell;
            const target = d === Math.floor(motif / 2) ? accents : stitches;
            target.push(`M${x} ${y}l${cell - 3} ${cell - 3}M${x + cell - 3} ${y}l${-(cell - 3)} ${cell - 3}`);
          }
        }
      }
    }
  }
  parts.push(`<path d="${stitches.join("")}" stroke="${p[1]}" stroke-width="3" stroke-linecap="round"/>`);
  parts.push(`<path d="${accents.join("")}" stroke="${p[2]}" stroke-width="3" stroke-linecap="round"/>`);
  return parts.join("");
}

function herbs(w: number, h: number, p: Palette, rng: Rng): string {
  const cx = w / 2;
  const bw = w * pick(rng, [0.2, 0.24, 0.28]);
  const bh = h * 0.5;
  const top = h * 0.3;
  const level = 0.3 + rng() * 0.4;
  const parts: string[] = [
    `<rect width="${w}" height="${h}" fill="${p[0]}"/>`,
    `<ellipse cx="${cx}" cy="${top + bh + 8}" rx="${bw * 0.7}" ry="18" fill="#000" opacity="0.12"/>`,
  ];
  // Sprigs behind the bottle.
  for (let s = 0; s < 3; s++) {
    const sx = cx + (s - 1) * bw * 0.9 + bw * 0.8;
    const leaves: string[] = [
      `<path d="M${f(sx)} ${h * 0.85}Q${f(sx - 40)} ${h * 0.5} ${f(sx + 10)} ${h * 0.18}" stroke="${p[3]}" stroke-width="6" fill="none"/>`,
    ];
    for (let i = 0; i < 9; i++) {
      const t = i / 9;
      const y = h * 0.82 - t * h * 0.6;
      const x = sx - 30 * Math.sin(t * Math.PI) + (i % 2 ? 26 : -26);
      leaves.push(
        `<ellipse cx="${f(x)}" cy="${f(y)}" rx="22" ry="9" fill="${p[2]}" transform="rotate(${i % 2 ? -35 : 35} ${f(x)} ${f(y)})"/>`,
      );
    }
    parts.push(...leaves);
  }
  parts.push(
    `<rect x="${f(cx - bw * 0.18)}" y="${f(top - h * 0.12)}" width="${f(bw * 0.36)}" height="${f(h * 0.14)}" fill="${p[4]}" stroke="#9aa5a0" stroke-width="3"/>`,
    `<rect x="${f(cx - bw * 0.22)}" y="${f(top - h * 0.17)}" width="${f(bw * 0.44)}" height="${f(h * 0.06)}" rx="6" fill="${p[3]}"/>`,
    `<rect x="${f(cx - bw / 2)}" y="${top}" width="${f(bw)}" height="${bh}" rx="${f(bw * 0.18)}" fill="${p[4]}" fill-opacity="0.55" stroke="#9aa5a0" stroke-width="4"/>`,
    `<rect x="${f(cx - bw / 2 + 6)}" y="${f(top + bh * (1 - level))}" width="${f(bw - 12)}" height="${f(bh * level - 6)}" rx="${f(bw * 0.15)}" fill="${p[1]}" fill-opacity="0.85"/>`,
    `<rect x="${f(cx - bw * 0.3)}" y="${f(top + bh * 0.25)}" width="${f(bw * 0.6)}" height="${f(bh * 0.22)}" fill="#fffdf7" stroke="${p[3]}" stroke-width="2"/>`,
    `<path d="${star(cx, top + bh * 0.36, bw * 0.08)}" fill="${p[3]}"/>`,
  );
  return parts.join("");
}

function leather(w: number, h: number, p: Palette, rng: Rng, variant: number): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  if (variant % 2 === 0) {
    // A pair of babouches seen from above.
    for (const [dx, flip] of [
      [-0.17, 1],
      [0.17, -1],
    ] as const) {
      const cx = w / 2 + dx * w;
      const len = h * 0.75;
      const top = (h - len) / 2;
      const half = w * 0.1;
      parts.push(
        `<path d="M${f(cx)} ${f(top)}C${f(cx + half * 1.4)} ${f(top + len * 0.15)} ${f(cx + half * 1.2)} ${f(top + len)} ${f(cx)} ${f(top + len)}C${f(cx - half * 1.2)} ${f(top + len)} ${f(cx - half * 1.4)} ${f(top + len * 0.15)} ${f(cx)} ${f(top)}Z" fill="${p[1]}" stroke="${p[3]}" stroke-width="4"/>`,
        `<path d="M${f(cx - half * 0.95)} ${f(top + len * 0.45)}Q${f(cx)} ${f(top + len * 0.35)} ${f(cx + half * 0.95)} ${f(top + len * 0.45)}" stroke="${p[2]}" stroke-width="6" fill="none"/>`,
        `<path d="M${f(cx)} ${f(top + 16)}V${f(top + len * 0.4)}" stroke="${p[4]}" stroke-width="3" stroke-dasharray="8 7"/>`,
        `<path d="${star(cx, top + len * 0.2, half * 0.35, 0.6, flip * 0.2)}" fill="${p[4]}"/>`,
      );
    }
  } else {
    // A round pouf with stitched segments.
    const cx = w / 2;
    const cy = h / 2;
    const r = Math.min(w, h) * 0.38;
    const segments = pick(rng, [6, 8, 10]);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${p[1]}" stroke="${p[3]}" stroke-width="6"/>`);
    for (let i = 0; i < segments; i++) {
      const a = (i * 2 * Math.PI) / segments;
      parts.push(
        `<path d="M${cx} ${cy}L${f(cx + r * Math.cos(a))} ${f(cy + r * Math.sin(a))}" stroke="${p[2]}" stroke-width="4" stroke-dasharray="10 8"/>`,
      );
    }
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${f(r * 0.3)}" fill="${p[2]}"/>`);
    parts.push(`<path d="${star(cx, cy, r * 0.22)}" fill="${p[4]}"/>`);
  }
  return parts.join("");
}

function weaving(w: number, h: number, p: Palette, rng: Rng): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  let y = 0;
  while (y < h) {
    const band = pick(rng, [16, 28, 44, 70]);
    const colour = pick(rng, p);
    parts.push(`<rect y="${y}" width="${w}" height="${band}" fill="${colour}"/>`);
    if (band >= 44) {
      const tri: string[] = [];
      for (let x = 0; x < w; x += band)
        tri.push(`M${x} ${y + band}l${band / 2} ${-band * 0.8}l${band / 2} ${band * 0.8}z`);
      parts.push(`<path d="${tri.join("")}" fill="${pick(rng, p)}" opacity="0.9"/>`);
    }
    y += band;
  }
  return parts.join("");
}

function woodwork(w: number, h: number, p: Palette, rng: Rng): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  const grain: string[] = [];
  for (let y = -20; y < h + 20; y += 14 + rng() * 10) {
    const amp = 8 + rng() * 20;
    grain.push(`M0 ${f(y)}C${w / 3} ${f(y - amp)} ${(2 * w) / 3} ${f(y + amp)} ${w} ${f(y)}`);
  }
  parts.push(`<path d="${grain.join("")}" stroke="${p[2]}" stroke-width="3" fill="none" opacity="0.6"/>`);
  const cx = w / 2;
  const cy = h / 2;
  const r = Math.min(w, h) * pick(rng, [0.3, 0.36]);
  parts.push(`<path d="${star(cx, cy, r * 1.05, 0.62)}" fill="${p[4]}" opacity="0.35"/>`);
  parts.push(`<path d="${star(cx, cy, r, 0.62)}" fill="${p[1]}" stroke="${p[4]}" stroke-width="6"/>`);
  parts.push(
    `<path d="${star(cx, cy, r * 0.6, 0.62, Math.PI / 8)}" fill="${p[3]}" stroke="${p[4]}" stroke-width="4"/>`,
  );
  parts.push(`<circle cx="${cx}" cy="${cy}" r="${f(r * 0.18)}" fill="${p[2]}"/>`);
  return parts.join("");
}

function metalwork(w: number, h: number, p: Palette, rng: Rng, variant: number): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  const cx = w / 2;
  if (variant % 2 === 0) {
    // A tray with a chiselled star.
    const cy = h / 2;
    const r = Math.min(w, h) * 0.42;
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${p[1]}" stroke="${p[3]}" stroke-width="10"/>`);
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${f(r * 0.9)}" fill="none" stroke="${p[2]}" stroke-width="3" stroke-dasharray="4 6"/>`,
    );
    parts.push(`<path d="${star(cx, cy, r * 0.7, 0.6)}" fill="none" stroke="${p[3]}" stroke-width="5"/>`);
    parts.push(`<path d="${star(cx, cy, r * 0.4, 0.6, Math.PI / 8)}" fill="${p[2]}" opacity="0.7"/>`);
  } else {
    // A lantern with star-shaped perforations glowing.
    const top = h * 0.12;
    const lw = w * 0.26;
    const lh = h * 0.72;
    parts.push(
      `<path d="M${f(cx - lw * 0.3)} ${f(top)}h${f(lw * 0.6)}l${f(lw * 0.2)} ${f(lh * 0.15)}h${f(-lw)}z" fill="${p[3]}"/>`,
    );
    parts.push(
      `<rect x="${f(cx - lw / 2)}" y="${f(top + lh * 0.15)}" width="${f(lw)}" height="${f(lh * 0.7)}" rx="12" fill="${p[1]}"/>`,
    );
    parts.push(
      `<path d="M${f(cx - lw * 0.55)} ${f(top + lh * 0.85)}h${f(lw * 1.1)}l${f(-lw * 0.2)} ${f(lh * 0.15)}h${f(-lw * 0.7)}z" fill="${p[3]}"/>`,
    );
    for (let y = top + lh * 0.22; y < top + lh * 0.8; y += 46) {
      for (let x = cx - lw / 2 + 30; x < cx + lw / 2 - 10; x += 46) {
        parts.push(`<path d="${star(x, y, 13, 0.55, rng() * 0.4)}" fill="${p[4]}"/>`);
      }
    }
  }
  return parts.join("");
}

function basketry(w: number, h: number, p: Palette, rng: Rng): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${p[0]}"/>`];
  const band = pick(rng, [36, 48, 60]);
  for (let y = 0; y < h; y += band) {
    for (let x = 0; x < w; x += band) {
      const across = ((x + y) / band) % 2 === 0;
      const c = across ? p[1] : p[2];
      parts.push(
        across
          ? `<rect x="${x + 2}" y="${y + 6}" width="${band - 4}" height="${band - 12}" rx="8" fill="${c}" stroke="${p[3]}" stroke-width="2"/>`
          : `<rect x="${x + 6}" y="${y + 2}" width="${band - 12}" height="${band - 4}" rx="8" fill="${c}" stroke="${p[3]}" stroke-width="2"/>`,
      );
    }
  }
  // A coloured band of leather or wool, as in Meknès baskets.
  const by = h * (0.3 + rng() * 0.4);
  parts.push(`<rect y="${f(by)}" width="${w}" height="${band}" fill="${p[4]}" opacity="0.85"/>`);
  return parts.join("");
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

export function productPatternSvg(craft: string, seed: number, width = 1600, height = 1200): string {
  const rng = mulberry32(seed * 7919 + craft.length * 104729 + craft.charCodeAt(0));
  const palettes = (PALETTES as Record<string, readonly Palette[]>)[craft] ?? PALETTES.zellige;
  const palette = palettes[seed % palettes.length];
  const variant = Math.floor(seed / palettes.length) + seed;
  let body: string;
  switch (craft) {
    case "carpets":
      body = carpet(width, height, palette, rng, variant);
      break;
    case "pottery":
      body = pottery(width, height, palette, rng);
      break;
    case "embroidery":
      body = embroidery(width, height, palette, rng);
      break;
    case "herbs-oils":
      body = herbs(width, height, palette, rng);
      break;
    case "leather":
      body = leather(width, height, palette, rng, variant);
      break;
    case "weaving":
      body = weaving(width, height, palette, rng);
      break;
    case "woodwork":
      body = woodwork(width, height, palette, rng);
      break;
    case "metalwork":
      body = metalwork(width, height, palette, rng, variant);
      break;
    case "basketry":
      body = basketry(width, height, palette, rng);
      break;
    default:
      body = zelligeTiles(width, height, palette, rng);
  }
  return svg(width, height, body);
}

export function cooperativeLogoSvg(seed: number, initials: string, size = 512): string {
  const rng = mulberry32(seed * 31337);
  const palette = pick(rng, [...PALETTES.zellige, ...PALETTES.embroidery]);
  const c = size / 2;
  const body = [
    `<rect width="${size}" height="${size}" fill="${palette[1]}"/>`,
    `<circle cx="${c}" cy="${c}" r="${size * 0.47}" fill="${palette[0]}"/>`,
    `<path d="${star(c, c, size * 0.42, 0.7, rng() * Math.PI)}" fill="${palette[2]}" opacity="0.55"/>`,
    `<circle cx="${c}" cy="${c}" r="${size * 0.27}" fill="#fffdf8"/>`,
    `<text x="${c}" y="${c}" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-weight="700" font-size="${size * 0.2}" fill="#1d2327">${initials.replace(/[^A-Za-z]/g, "").slice(0, 2)}</text>`,
  ].join("");
  return svg(size, size, body);
}
