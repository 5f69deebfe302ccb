/**
 * The demo fairs (decision 021): the regional fair of the social and solidarity economy, due
 * three weeks after the seed date, and a past crafts week in Meknès, with the cooperatives at
 * each; and the cooperatives' members and women members, as their stories tell them, for the
 * impact page.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { cooperatives, fairStands, fairs } from "../schema";

/** Members and, of them, women, as each story says (women-only cooperatives: all members). */
export const memberFigures: Record<string, { members: number; women: number }> = {
  "tighremt-marmoucha": { members: 32, women: 32 },
  "nissae-tahla": { members: 24, women: 24 },
  "bleu-de-fes": { members: 18, women: 7 },
  "terz-fassi": { members: 27, women: 27 },
  "al-wardia-sefrou": { members: 15, women: 15 },
  "azir-timahdite": { members: 21, women: 21 },
  "al-meknassia": { members: 30, women: 30 },
  "dar-dbagh-fes": { members: 19, women: 3 },
  "tekfit-meknes": { members: 9, women: 0 },
  "doum-moulay-yacoub": { members: 26, women: 26 },
  "ouergha-ghafsai": { members: 17, women: 17 },
  "seffarine-fes": { members: 14, women: 0 },
  "aqqad-bhalil": { members: 12, women: 12 },
};

const DAY = 24 * 3600 * 1000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function seedFairs(
  db: Database,
  input: {
    /** The seed date: the upcoming fair is three weeks after it, the past one two months before. */
    now: Date;
    coopIdBySlug: Map<string, number>;
    staffId: number | null;
    storePoster: (svg: string) => Promise<number>;
  },
) {
  for (const [slug, f] of Object.entries(memberFigures)) {
    const id = input.coopIdBySlug.get(slug);
    if (id)
      await db
        .update(cooperatives)
        .set({ memberCount: f.members, womenMemberCount: f.women })
        .where(eq(cooperatives.id, id));
  }
  const at = (offsetDays: number) => new Date(input.now.getTime() + offsetDays * DAY);
  const demo = [
    {
      slug: "salon-regional-ess-fes-meknes",
      name: {
        ar: "المعرض الجهوي للاقتصاد الاجتماعي والتضامني لجهة فاس-مكناس",
        fr: "Salon régional de l'économie sociale et solidaire de Fès-Meknès",
        en: "Fès-Meknès regional fair of the social and solidarity economy",
      },
      description: {
        ar: "تنظمه غرفة الصناعة التقليدية لجهة فاس-مكناس للتعريف بمنتوجات التعاونيات وتثمينها، ويتخلله عرض وبيع مباشر وندوات حول الاقتصاد الاجتماعي والتضامني بالجهة.",
        fr: "Organisé par la Chambre d'artisanat de la région Fès-Meknès pour faire connaître et valoriser les produits des coopératives : exposition, vente directe et tables rondes sur l'économie sociale et solidaire de la région.",
        en: "Organised by the Chamber of Artisanry of the Fès-Meknès region to show and value the cooperatives' products: exhibition, direct sales and round tables on the region's social and solidarity economy.",
      },
      city: { ar: "فاس", fr: "Fès", en: "Fez" },
      venue: { ar: "ساحة باب المكينة", fr: "Esplanade Bab Makina", en: "Bab Makina esplanade" },
      provinceSlug: "fes",
      mapUrl: "https://www.openstreetmap.org/search?query=Bab%20Makina%20F%C3%A8s",
      startsOn: day(at(21)),
      endsOn: day(at(25)),
      colour: "#1f4e5f",
      stands: [
        { slug: "terz-fassi", number: "3", status: "accepted" as const },
        { slug: "bleu-de-fes", number: "7", status: "accepted" as const },
        { slug: "nissae-tahla", number: "12", status: "accepted" as const },
        { slug: "al-wardia-sefrou", number: "15", status: "accepted" as const },
        { slug: "doum-moulay-yacoub", number: null, status: "pending" as const },
      ],
    },
    {
      slug: "semaine-artisanat-meknes",
      name: {
        ar: "أسبوع الصناعة التقليدية بمكناس",
        fr: "Semaine de l'artisanat de Meknès",
        en: "Meknès crafts week",
      },
      description: {
        ar: "معرض إقليمي للصناعة التقليدية بساحة الهديم، شاركت فيه تعاونيات الطرز والدمشقة والزرابي.",
        fr: "Exposition provinciale de l'artisanat sur la place El Hedim, avec les coopératives de broderie, de damasquinerie et de tapis.",
        en: "Provincial crafts exhibition on El Hedim square, with the embroidery, damascening and carpet cooperatives.",
      },
      city: { ar: "مكناس", fr: "Meknès", en: "Meknes" },
      venue: { ar: "ساحة الهديم", fr: "Place El Hedim", en: "El Hedim square" },
      provinceSlug: "meknes",
      mapUrl: "https://www.openstreetmap.org/search?query=Place%20El%20Hedim%20Mekn%C3%A8s",
      startsOn: day(at(-64)),
      endsOn: day(at(-60)),
      colour: "#9c3f1d",
      stands: [
        { slug: "al-meknassia", number: "1", status: "accepted" as const },
        { slug: "tekfit-meknes", number: "4", status: "accepted" as const },
        { slug: "tighremt-marmoucha", number: "9", status: "accepted" as const },
      ],
    },
  ];
  for (const f of demo) {
    const posterImageId = await input.storePoster(posterSvg(f.name.fr, f.name.ar, f.colour));
    const [row] = await db
      .insert(fairs)
      .values({
        slug: f.slug,
        name: f.name,
        description: f.description,
        city: f.city,
        venue: f.venue,
        provinceSlug: f.provinceSlug,
        mapUrl: f.mapUrl,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        posterImageId,
        publishedAt: input.now,
        createdBy: input.staffId,
      })
      .returning({ id: fairs.id });
    await db.insert(fairStands).values(
      f.stands.flatMap((s) => {
        const cooperativeId = input.coopIdBySlug.get(s.slug);
        if (!cooperativeId) return [];
        return [
          {
            fairId: row.id,
            cooperativeId,
            status: s.status,
            standNumber: s.number,
            decidedBy: s.status === "accepted" ? input.staffId : null,
            decidedAt: s.status === "accepted" ? input.now : null,
          },
        ];
      }),
    );
  }
}

/** A plain poster: the fair's name in both languages on a coloured ground with a tile pattern. */
function posterSvg(fr: string, ar: string, colour: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&apos;");
  const wrap = (text: string, width: number) => {
    const lines: string[] = [];
    for (const w of text.split(" ")) {
      const last = lines[lines.length - 1];
      if (last && (last + " " + w).length <= width) lines[lines.length - 1] = `${last} ${w}`;
      else lines.push(w);
    }
    return lines;
  };
  const lines = wrap(fr, 22);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000" viewBox="0 0 800 1000">
  <defs><pattern id="p" width="80" height="80" patternUnits="userSpaceOnUse">
    <path d="M40 0 L80 40 L40 80 L0 40 Z" fill="none" stroke="#ffffff" stroke-opacity="0.18" stroke-width="4"/>
  </pattern></defs>
  <rect width="800" height="1000" fill="${colour}"/>
  <rect width="800" height="1000" fill="url(#p)"/>
  <rect x="60" y="560" width="680" height="380" rx="24" fill="#fbf8f3"/>
  ${lines
    .slice(0, 4)
    .map(
      (l, i) =>
        `<text x="400" y="${640 + i * 62}" font-family="DejaVu Sans, sans-serif" font-size="46" font-weight="bold" fill="#1d2327" text-anchor="middle">${escape(l)}</text>`,
    )
    .join("\n  ")}
  ${wrap(ar, 26)
    .slice(0, 4)
    .map(
      (l, i) =>
        `<text x="400" y="${200 + i * 60}" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#ffffff" text-anchor="middle" direction="rtl">${escape(l)}</text>`,
    )
    .join("\n  ")}
</svg>`;
}
