// facts.test.mjs - the home page shows every fact of the announcement
// (shared/domain/fair-2024.md), in Arabic and in French.
//
// Fact values come from the database and the formatters, not from the .po
// files, so these checks hold whatever the translators write around them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, get, textOf, decode } from './server.mjs';

let srv;
const page = {};
before(async () => {
  srv = await startServer();
  for (const l of ['ar', 'fr']) page[l] = await get(srv.base, `/?lang=${l}`);
});
after(async () => { await srv.stop(); });

const FACTS = {
  ar: {
    name: 'معرض التعاونيات المبدعة في الاقتصاد الاجتماعي والتضامني لجهة فاس مكناس',
    edition: 'الدورة الأولى',
    dates: 'من 20 إلى 24 فبراير 2024',
    weekday: 'الثلاثاء',
    city: 'فاس',
    region: 'فاس مكناس',
    area: /\b1500\b/,
    slogan: 'التعاونيات المبدعات: رائدات التميز في الاقتصاد الاجتماعي والتضامني',
    spaces: ['قطب العارضين', 'فضاء AGORA', 'قطب الشركاء', 'فضاء التنشيط'],
    standsLine: 'حوالي 40 رواقا (80 عارضة وعارضا)، منهم 5 من خارج الجهة',
    categories: ['الصناعة التقليدية', 'المنتوجات المجالية', 'الحلويات'],
    organiser: 'مجلس جهة فاس مكناس',
    partners: [
      'وزارة السياحة والصناعة التقليدية والاقتصاد الاجتماعي والتضامني',
      'ولاية جهة فاس مكناس',
      'التعاون الوطني',
      'مكتب تنمية التعاون',
      'غرفة الصناعة التقليدية لجهة فاس مكناس',
      'الغرفة الفلاحية لجهة فاس مكناس',
    ],
    chair: 'نائبة رئيس مجلس جهة فاس مكناس المكلفة بإنعاش الاقتصاد الاجتماعي والتضامني، السيدة خديجة حجوبي',
    coaching: 'النسخة الثانية للقاء التواصلي والتأطيري الموجه للفاعلين في قطاع الاقتصاد الاجتماعي والتضامني والنساء الحرفيات من أجل التمكين الاقتصادي لهن',
  },
  fr: {
    // French typography of docs/glossary.md: ’ and U+202F (issue 19)
    name: 'Salon des coopératives créatives de l’économie sociale et solidaire de la région Fès-Meknès',
    edition: '1re édition',
    dates: '20–24 février 2024',
    weekday: 'mardi',
    city: 'Fès',
    region: 'Fès-Meknès',
    area: /\b1[\u202f\u00a0 ]?500\b/,
    slogan: 'Coopératives créatives\u202f: pionnières de l’excellence dans l’économie sociale et solidaire',
    spaces: ['Pôle des exposants', 'Agora', 'Pôle des partenaires', 'Espace d’animation'],
    standsLine: 'Environ 40 stands (80 exposantes et exposants), dont 5 venus d’autres régions',
    categories: ['Artisanat', 'Produits du terroir', 'Pâtisserie'],
    organiser: 'Conseil de la Région Fès-Meknès',
    partners: [
      'Ministère du Tourisme, de l’Artisanat et de l’Économie sociale et solidaire',
      'Wilaya de la région Fès-Meknès',
      'Entraide Nationale',
      'Office du Développement de la Coopération (ODCO)',
      'Chambre d’Artisanat de la région Fès-Meknès',
      'Chambre d’Agriculture de la région Fès-Meknès',
    ],
    chair: 'la vice-présidente du Conseil de la Région Fès-Meknès chargée de la promotion de l’ESS, Mme Khadija Hajoubi',
    coaching: '2e rencontre de sensibilisation et d’accompagnement des acteurs de l’ESS et des femmes artisanes, pour leur autonomisation économique',
  },
};

/* h1, h3 and li texts of a page, decoded */
const items = (html, tag) => [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1]));
/* the <dd> that follows the n-th <dt> of the key facts */
const factValues = (html) => {
  const facts = html.match(/<section class="facts"[\s\S]*?<\/section>/);
  assert.ok(facts, 'no key facts section');
  return [...facts[0].matchAll(/<dd\b[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => textOf(m[1]));
};

for (const l of ['ar', 'fr']) {
  const f = FACTS[l];
  const text = () => textOf(page[l].html);

  test(`${l}: the fair's name is the page's main heading`, () => {
    assert.ok(items(page[l].html, 'h1').includes(f.name), items(page[l].html, 'h1').join(' | '));
    assert.match(page[l].html, /<title>[^<]*<\/title>/);
    assert.ok(textOf(page[l].html.match(/<title>([^<]*)<\/title>/)[1]).startsWith(f.name));
  });

  test(`${l}: it is the 1st edition`, () => {
    assert.ok(text().includes(f.edition));
  });

  test(`${l}: it runs from 20 to 24 February 2024, opening on a Tuesday, for 5 days`, () => {
    assert.ok(text().includes(f.dates), `missing "${f.dates}"`);
    assert.match(page[l].html, /<time datetime="2024-02-20">/);
    assert.ok(text().includes(f.weekday));
    const dates = factValues(page[l].html).find((v) => v.includes(f.dates));
    assert.ok(dates, 'no dates fact');
    assert.match(dates, /\b5\b/);
  });

  test(`${l}: it is held in Fès, region Fès-Meknès`, () => {
    const city = factValues(page[l].html).find((v) => v.startsWith(f.city));
    assert.ok(city, 'no city fact');
    assert.ok(city.includes(f.region));
  });

  test(`${l}: the floor area is 1,500 m²`, () => {
    assert.ok(factValues(page[l].html).some((v) => f.area.test(v)), 'no fact with 1500');
  });

  test(`${l}: the slogan is shown exactly`, () => {
    const q = page[l].html.match(/<q>([\s\S]*?)<\/q>/);
    assert.ok(q, 'no quoted slogan');
    // exactly: the narrow no-break space of French typography included
    assert.equal(decode(q[1]), f.slogan);
  });

  test(`${l}: the four spaces are listed`, () => {
    const h3 = items(page[l].html, 'h3');
    for (const s of f.spaces) assert.ok(h3.includes(s), `missing space ${s}`);
  });

  test(`${l}: about 40 stands shared by 80 exhibitors, 5 from outside the region`, () => {
    assert.ok(text().includes(f.standsLine));
    const v = factValues(page[l].html);
    assert.ok(v.some((x) => /\b40\b/.test(x) && /\b80\b/.test(x)), 'no stands fact with 40 and 80');
    assert.ok(v.includes('5'), 'no fact equal to 5 (outside the region)');
  });

  test(`${l}: the three prize categories with their exact names`, () => {
    const h3 = items(page[l].html, 'h3');
    for (const c of f.categories) assert.ok(h3.includes(c), `missing category ${c}`);
    assert.ok(factValues(page[l].html).includes('3'));
  });

  test(`${l}: the organiser is the Fès-Meknès Regional Council`, () => {
    assert.ok(text().includes(f.organiser));
  });

  test(`${l}: the six partners are listed`, () => {
    const ul = page[l].html.match(/<ul class="partners">([\s\S]*?)<\/ul>/);
    assert.ok(ul, 'no partners list');
    const li = items(ul[1], 'li');
    assert.deepEqual(li, f.partners);
  });

  test(`${l}: the organising committee's chair is named`, () => {
    assert.ok(text().includes(f.chair));
  });

  test(`${l}: the 2nd coaching meeting for women artisans is announced`, () => {
    assert.ok(items(page[l].html, 'h3').includes(f.coaching));
  });

  test(`${l}: the home page links to the exhibitors`, () => {
    assert.match(page[l].html, /<a class="button" href="\/exhibitors">/);
  });
}

test('the Arabic page writes Western digits, as Moroccan publications do', () => {
  assert.doesNotMatch(textOf(page.ar.html), /[\u0660-\u0669]/);
});
