/**
 * The text every policy page starts with, until chamber admins edit it (decision 019). Content,
 * not interface strings: it is edited per locale on /chamber/policies and stored in
 * `policy_pages`. Format: paragraphs separated by a blank line, `## ` starts a heading, `- ` a
 * list item (components/policy-text.tsx).
 */
import type { Localized } from "#db/schema";

export const policySlugs = ["returns", "delivery", "terms", "privacy", "legal", "contact"] as const;
export type PolicySlug = (typeof policySlugs)[number];

export function isPolicySlug(value: unknown): value is PolicySlug {
  return typeof value === "string" && (policySlugs as readonly string[]).includes(value);
}

export const policyDefaults: Record<PolicySlug, { title: Localized; body: Localized }> = {
  returns: {
    title: { fr: "Retours et remboursements", ar: "الإرجاع والاسترداد", en: "Returns and refunds" },
    body: {
      fr: `Chaque pièce est faite à la main par une coopérative de la région Fès-Meknès. Si elle ne vous convient pas, vous pouvez la retourner.

## Délai
- Vous disposez de 7 jours après la livraison pour demander un retour (article 36 de la loi 31-08 sur la protection du consommateur).
- Les pièces faites sur mesure ou personnalisées à votre demande ne sont ni reprises ni échangées, sauf défaut.

## Comment faire
- Écrivez à la coopérative ou à contact@hirfa.ma en indiquant la référence de votre commande (H-2026-000123).
- Renvoyez la pièce dans son état d'origine, bien emballée. Les frais de retour sont à votre charge, sauf si la pièce est abîmée ou ne correspond pas à sa description.

## Remboursement
- Paiement par carte : le remboursement est fait sur la même carte dans les 14 jours suivant la réception du retour.
- Paiement à la livraison : le remboursement est fait par virement bancaire dans le même délai.
- Une commande annulée par la coopérative avant l'expédition est remboursée automatiquement.`,
      ar: `كل قطعة مصنوعة يدويًا من طرف تعاونية من جهة فاس مكناس. إذا لم تناسبك، يمكنك إرجاعها.

## الأجل
- لديك 7 أيام بعد التسليم لطلب الإرجاع (المادة 36 من القانون 31-08 المتعلق بحماية المستهلك).
- القطع المصنوعة حسب الطلب أو المخصصة لك لا تُسترجع ولا تُستبدل إلا في حالة وجود عيب.

## الطريقة
- راسل التعاونية أو contact@hirfa.ma مع ذكر مرجع طلبك (H-2026-000123).
- أعد القطعة بحالتها الأصلية ومغلفة جيدًا. مصاريف الإرجاع على عاتقك، إلا إذا كانت القطعة تالفة أو لا تطابق وصفها.

## الاسترداد
- الدفع بالبطاقة: يُرد المبلغ إلى نفس البطاقة داخل 14 يومًا من استلام القطعة المُرجعة.
- الدفع عند التسليم: يُرد المبلغ بتحويل بنكي في نفس الأجل.
- الطلب الذي تلغيه التعاونية قبل الشحن يُسترد مبلغه تلقائيًا.`,
      en: `Every piece is handmade by a cooperative of the Fès-Meknès region. If it does not suit you, you may return it.

## Time limit
- You have 7 days after delivery to ask for a return (article 36 of Moroccan law 31-08 on consumer protection).
- Pieces made to measure or personalised at your request are neither taken back nor exchanged, unless faulty.

## How
- Write to the cooperative or to contact@hirfa.ma with your order reference (H-2026-000123).
- Send the piece back as you received it, well packed. Return shipping is yours to pay, unless the piece is damaged or does not match its description.

## Refund
- Card payment: refunded to the same card within 14 days of receiving the return.
- Cash on delivery: refunded by bank transfer within the same time.
- An order a cooperative cancels before shipping is refunded automatically.`,
    },
  },
  delivery: {
    title: { fr: "Livraison", ar: "التوصيل", en: "Delivery" },
    body: {
      fr: `Chaque coopérative prépare et expédie elle-même sa part de votre commande : une commande passée dans plusieurs boutiques arrive en plusieurs colis.

## Délais
- Préparation : le délai de la coopérative est affiché sur chaque fiche produit (souvent 3 à 7 jours, davantage pour une pièce faite à la commande).
- Transport : 1 à 3 jours ouvrables dans la région Fès-Meknès, 2 à 5 jours dans le reste du Maroc, 7 à 15 jours à l'étranger.

## Frais
- Les frais de port de chaque coopérative sont indiqués dans le panier avant le paiement, pour le Maroc et pour l'étranger.
- Les envois à l'étranger peuvent être soumis à des droits de douane payés par le destinataire.

## Suivi
- Dès l'expédition, vous recevez par e-mail le transporteur et le numéro de suivi ; ils figurent aussi sur la page de votre commande.
- Vous avez perdu le lien de votre commande ? Utilisez « Retrouver ma commande ».`,
      ar: `كل تعاونية تُحضّر وتشحن بنفسها الجزء الخاص بها من طلبك: الطلب من عدة متاجر يصل في عدة طرود.

## الآجال
- التحضير: أجل التعاونية معروض في صفحة كل منتج (غالبًا من 3 إلى 7 أيام، وأكثر للقطع المصنوعة حسب الطلب).
- النقل: من 1 إلى 3 أيام عمل داخل جهة فاس مكناس، ومن 2 إلى 5 أيام في باقي المغرب، ومن 7 إلى 15 يومًا خارج المغرب.

## المصاريف
- مصاريف الشحن لكل تعاونية معروضة في السلة قبل الدفع، داخل المغرب وخارجه.
- قد تخضع الشحنات إلى الخارج لرسوم جمركية يؤديها المستلم.

## التتبع
- عند الشحن، تتوصل برسالة إلكترونية فيها اسم الناقل ورقم التتبع، وتجدهما أيضًا في صفحة طلبك.
- أضعت رابط طلبك؟ استعمل «استرجاع طلبي».`,
      en: `Each cooperative prepares and ships its own part of your order: an order from several shops arrives in several parcels.

## Times
- Preparation: each product page shows the cooperative's time (often 3 to 7 days, more for a piece made to order).
- Transit: 1 to 3 working days within Fès-Meknès, 2 to 5 days elsewhere in Morocco, 7 to 15 days abroad.

## Costs
- Each cooperative's shipping fee is shown in the cart before you pay, for Morocco and abroad.
- Parcels sent abroad may be subject to customs duties paid by the recipient.

## Tracking
- Once shipped, you receive the carrier and tracking number by e-mail; they are also on your order's page.
- Lost the link to your order? Use "Find my order".`,
    },
  },
  terms: {
    title: { fr: "Conditions générales de vente", ar: "الشروط العامة للبيع", en: "Terms of sale" },
    body: {
      fr: `Hirfa est la place de marché des coopératives artisanales de la région Fès-Meknès, opérée par la Chambre d'Artisanat de la Région Fès-Meknès. Chaque coopérative est le vendeur des pièces qu'elle propose.

## Commande
- La commande est conclue quand vous la validez sur la page de paiement ; un e-mail la confirme avec sa référence et un lien privé vers sa page.
- Les prix sont en dirhams (MAD), toutes taxes comprises ; les frais de port sont affichés avant la validation.

## Paiement
- Par carte bancaire (Stripe) : la carte est débitée au moment de la commande.
- À la livraison (Maroc uniquement, selon les coopératives) : vous payez le livreur à la réception.

## Exécution
- Chaque coopérative confirme, expédie et livre sa part de la commande ; elle peut l'annuler (rupture, pièce abîmée) et vous êtes alors remboursé.
- Les pièces sont faites à la main : de légères différences de couleur ou de dimensions avec les photos font leur caractère.

## Rétractation, garanties et litiges
- Voir la page « Retours et remboursements ».
- En cas de litige, écrivez d'abord à contact@hirfa.ma : la Chambre cherche une solution amiable avec la coopérative. À défaut, les tribunaux compétents du Maroc sont saisis, selon la loi marocaine.`,
      ar: `حرفة هي السوق الإلكترونية للتعاونيات الحرفية بجهة فاس مكناس، تديرها غرفة الصناعة التقليدية لجهة فاس مكناس. كل تعاونية هي بائعة القطع التي تعرضها.

## الطلب
- يُبرم الطلب عند تأكيده في صفحة الدفع، وتؤكده رسالة إلكترونية تتضمن مرجعه ورابطًا خاصًا إلى صفحته.
- الأثمنة بالدرهم المغربي شاملة لجميع الرسوم، ومصاريف الشحن معروضة قبل التأكيد.

## الدفع
- بالبطاقة البنكية (Stripe): تُقتطع القيمة عند الطلب.
- عند التسليم (داخل المغرب فقط، حسب التعاونيات): تؤدي المبلغ لعامل التوصيل عند الاستلام.

## التنفيذ
- كل تعاونية تؤكد وتشحن وتسلم الجزء الخاص بها من الطلب، ويمكنها إلغاؤه (نفاد المخزون، قطعة تالفة) وحينها يُرد إليك المبلغ.
- القطع مصنوعة يدويًا: الفروق الطفيفة في اللون أو المقاسات مقارنة بالصور جزء من طابعها.

## التراجع والضمانات والنزاعات
- انظر صفحة «الإرجاع والاسترداد».
- في حالة نزاع، راسل أولًا contact@hirfa.ma: تبحث الغرفة عن حل ودي مع التعاونية. وإلا تُرفع القضية إلى المحاكم المختصة بالمغرب وفق القانون المغربي.`,
      en: `Hirfa is the marketplace of the artisan cooperatives of the Fès-Meknès region, run by the Chamber of Artisanry of the Fès-Meknès Region. Each cooperative is the seller of the pieces it lists.

## Order
- The order is made when you confirm it on the checkout page; an e-mail confirms it with its reference and a private link to its page.
- Prices are in Moroccan dirhams (MAD), all taxes included; shipping is shown before you confirm.

## Payment
- By card (Stripe): charged when you order.
- Cash on delivery (Morocco only, depending on the cooperative): you pay the courier on receipt.

## Fulfilment
- Each cooperative confirms, ships and delivers its part of the order; it may cancel it (out of stock, damaged piece), and you are then refunded.
- Pieces are handmade: slight differences in colour or size from the photos are part of their character.

## Withdrawal, guarantees and disputes
- See the "Returns and refunds" page.
- In a dispute, first write to contact@hirfa.ma: the Chamber looks for an amicable solution with the cooperative. Failing that, the competent courts of Morocco decide, under Moroccan law.`,
    },
  },
  privacy: {
    title: { fr: "Données personnelles", ar: "المعطيات الشخصية", en: "Privacy" },
    body: {
      fr: `Hirfa traite vos données personnelles conformément à la loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel. Le responsable du traitement est la Chambre d'Artisanat de la Région Fès-Meknès.

## Ce que le site garde
- Commande : nom, e-mail, téléphone, adresse de livraison, pièces achetées et montants, pour livrer la commande et tenir la comptabilité (10 ans, comme l'exige la loi).
- Compte (si vous en créez un) : nom, e-mail, langue préférée et une empreinte du mot de passe (jamais le mot de passe lui-même).
- Avis : la note, le texte et votre prénom suivi d'une initiale ; votre adresse e-mail n'est jamais publiée.
- Cookies : langue, panier, session de connexion et devise d'affichage. Aucun cookie publicitaire ni de mesure d'audience tierce.
- Sécurité : l'adresse IP des tentatives de connexion et de certaines demandes, effacée après 24 heures.
- Les numéros de carte sont traités par Stripe ; Hirfa ne les voit ni ne les conserve.

## Qui les reçoit
- La coopérative qui prépare votre part de commande reçoit le nom, le téléphone et l'adresse de livraison.
- La Chambre (modération, service aux acheteurs) et nos sous-traitants techniques (hébergement, envoi d'e-mails, Stripe pour la carte).

## Vos droits
- Vous avez le droit d'accès, de rectification et d'opposition (articles 7 à 9 de la loi 09-08), et pouvez demander l'effacement de votre compte.
- Pour exercer ces droits ou demander la suppression de vos données, écrivez à privacy@hirfa.ma depuis l'adresse concernée. Nous répondons sous 30 jours ; les données qu'une loi nous oblige à garder (factures) sont conservées pour la durée légale, puis effacées.
- Vous pouvez aussi saisir la Commission nationale de contrôle de la protection des données à caractère personnel (CNDP), www.cndp.ma.`,
      ar: `تعالج حرفة معطياتك الشخصية طبقًا للقانون رقم 09-08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي. المسؤول عن المعالجة هو غرفة الصناعة التقليدية لجهة فاس مكناس.

## ما يحتفظ به الموقع
- الطلب: الاسم والبريد الإلكتروني والهاتف وعنوان التسليم والقطع المشتراة والمبالغ، من أجل التسليم ومسك المحاسبة (10 سنوات كما يفرض القانون).
- الحساب (إن أنشأته): الاسم والبريد الإلكتروني واللغة المفضلة وبصمة لكلمة المرور (وليس كلمة المرور نفسها).
- الآراء: التقييم والنص واسمك الأول متبوعًا بالحرف الأول من اسم العائلة، ولا يُنشر بريدك الإلكتروني أبدًا.
- ملفات تعريف الارتباط: اللغة والسلة وجلسة الدخول وعملة العرض. لا توجد ملفات إشهارية ولا أدوات قياس جمهور لطرف ثالث.
- الأمان: عنوان IP لمحاولات الدخول وبعض الطلبات، ويُحذف بعد 24 ساعة.
- أرقام البطاقات تعالجها Stripe، ولا تطلع عليها حرفة ولا تحتفظ بها.

## من يتلقاها
- التعاونية التي تحضّر جزءك من الطلب تتلقى الاسم والهاتف وعنوان التسليم.
- الغرفة (المراقبة وخدمة المشترين) ومتعاقدونا التقنيون (الاستضافة، إرسال البريد، Stripe للبطاقة).

## حقوقك
- لك حق الولوج والتصحيح والتعرض (المواد 7 إلى 9 من القانون 09-08)، ويمكنك طلب حذف حسابك.
- لممارسة هذه الحقوق أو طلب حذف معطياتك، راسل privacy@hirfa.ma من العنوان المعني. نجيب داخل 30 يومًا؛ والمعطيات التي يلزمنا القانون بحفظها (الفواتير) تُحفظ طوال المدة القانونية ثم تُحذف.
- يمكنك أيضًا اللجوء إلى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (CNDP)، www.cndp.ma.`,
      en: `Hirfa processes your personal data under Moroccan law 09-08 on the protection of individuals with regard to the processing of personal data. The controller is the Chamber of Artisanry of the Fès-Meknès Region.

## What the site keeps
- Orders: name, e-mail, phone, delivery address, pieces bought and amounts, to deliver the order and keep the accounts (10 years, as the law requires).
- Account (if you make one): name, e-mail, preferred language and a hash of the password (never the password itself).
- Reviews: the rating, the text and your first name with an initial; your e-mail address is never published.
- Cookies: language, cart, sign-in session and display currency. No advertising cookies, no third-party analytics.
- Security: the IP address of sign-in attempts and some requests, deleted after 24 hours.
- Card numbers are handled by Stripe; Hirfa never sees nor keeps them.

## Who receives them
- The cooperative preparing your part of the order receives the name, phone and delivery address.
- The Chamber (moderation, buyer service) and our technical processors (hosting, e-mail delivery, Stripe for cards).

## Your rights
- You have the rights of access, rectification and objection (articles 7 to 9 of law 09-08), and may ask for your account to be deleted.
- To use these rights or ask for your data to be deleted, write to privacy@hirfa.ma from the address concerned. We answer within 30 days; data a law obliges us to keep (invoices) is kept for the legal time, then deleted.
- You may also refer to the national commission for the protection of personal data (CNDP), www.cndp.ma.`,
    },
  },
  legal: {
    title: { fr: "Mentions légales", ar: "الإشعار القانوني", en: "Legal notice" },
    body: {
      fr: `## Éditeur
Chambre d'Artisanat de la Région Fès-Meknès (غرفة الصناعة التقليدية لجهة فاس مكناس), établissement public, Fès, Maroc.
Contact : contact@hirfa.ma

## Vendeurs
Les pièces sont vendues par les coopératives artisanales dont le nom, la province et le numéro d'immatriculation figurent sur leur page.

## Hébergement
Les coordonnées de l'hébergeur sont communiquées par la Chambre sur simple demande à contact@hirfa.ma.

## Données personnelles
Voir la page « Données personnelles » (loi 09-08).

## Propriété intellectuelle
Les photos et textes des pièces appartiennent aux coopératives qui les ont publiés ; toute reproduction demande leur accord.`,
      ar: `## الناشر
غرفة الصناعة التقليدية لجهة فاس مكناس، مؤسسة عمومية، فاس، المغرب.
الاتصال: contact@hirfa.ma

## البائعون
تبيع القطعَ التعاونياتُ الحرفية التي يظهر اسمها وإقليمها ورقم تسجيلها في صفحتها.

## الاستضافة
تُقدّم الغرفة معلومات المستضيف عند الطلب عبر contact@hirfa.ma.

## المعطيات الشخصية
انظر صفحة «المعطيات الشخصية» (القانون 09-08).

## الملكية الفكرية
صور القطع ونصوصها ملك للتعاونيات التي نشرتها، وكل نسخ لها يتطلب موافقتها.`,
      en: `## Publisher
Chamber of Artisanry of the Fès-Meknès Region (غرفة الصناعة التقليدية لجهة فاس مكناس), public body, Fès, Morocco.
Contact: contact@hirfa.ma

## Sellers
Pieces are sold by the artisan cooperatives whose name, province and registration number appear on their page.

## Hosting
The Chamber gives the host's details on request at contact@hirfa.ma.

## Personal data
See the "Privacy" page (law 09-08).

## Intellectual property
Photos and texts of the pieces belong to the cooperatives that published them; reproducing them needs their consent.`,
    },
  },
  contact: {
    title: { fr: "Contact", ar: "اتصل بنا", en: "Contact" },
    body: {
      fr: `## Une question sur une commande ?
Écrivez à contact@hirfa.ma avec la référence de votre commande (H-2026-000123). Vous avez perdu le lien de votre commande ? Utilisez « Retrouver ma commande ».

## Une question sur une pièce ?
Écrivez à contact@hirfa.ma en nommant la pièce : nous transmettons votre question à la coopérative.

## Données personnelles
privacy@hirfa.ma

## Vous êtes une coopérative ?
Demandez à ouvrir votre boutique avec le lien « Rejoindre Hirfa » en bas de chaque page.

Nous répondons du lundi au vendredi, en arabe et en français.`,
      ar: `## سؤال حول طلب؟
راسل contact@hirfa.ma مع ذكر مرجع طلبك (H-2026-000123). أضعت رابط طلبك؟ استعمل «استرجاع طلبي».

## سؤال حول قطعة؟
راسل contact@hirfa.ma مع ذكر اسم القطعة: ننقل سؤالك إلى التعاونية.

## المعطيات الشخصية
privacy@hirfa.ma

## أنتم تعاونية؟
اطلبوا فتح متجركم عبر رابط «انضموا إلى حرفة» أسفل كل صفحة.

نجيب من الاثنين إلى الجمعة، بالعربية والفرنسية.`,
      en: `## A question about an order?
Write to contact@hirfa.ma with your order reference (H-2026-000123). Lost the link to your order? Use "Find my order".

## A question about a piece?
Write to contact@hirfa.ma naming the piece: we pass your question on to the cooperative.

## Personal data
privacy@hirfa.ma

## Are you a cooperative?
Ask to open your shop with the "Join Hirfa" link at the foot of every page.

We answer Monday to Friday, in Arabic and French.`,
    },
  },
};
