// prog.test.mjs - the programme over HTTP (issue 15): the demo's sessions,
// the public programme in three languages, iCalendar checked by a validator,
// conflicts while the committee edits, bookings under simultaneous clients,
// the waiting list, the participants' export. On SQLite, and on PostgreSQL
// with COOPFAIR_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sqlite } from './server.mjs';
import { Client } from './prize_helpers.mjs';
import { icalCheck, OFFICIALS_FR } from './prog_helpers.mjs';

let srv;
let committee;
before(async () => {
  srv = await startServer();
  committee = new Client(srv.base);
  await committee.signin('committee@example.org', 'demo-committee-2024');
});
after(async () => { await srv?.stop(); });

const one = (q) => sqlite(srv.db, q).trim();
const agora = () => one("SELECT id FROM space WHERE kind = 'agora' AND edition_id = (SELECT id FROM edition WHERE slug = 'fes-meknes-2024')");

/** newSession - create a session through the back office; its id and page. */
async function newSession(fields) {
  const form = await committee.get('/admin/programme');
  const r = await committee.post('/admin/programme', {
    csrf: Client.csrf(form.html), kind: 'talk', space: '0', capacity: '0',
    title_ar: '', title_fr: '', title_en: '', about_ar: '', about_fr: '', about_en: '', ...fields,
  });
  assert.equal(r.status, 303, `create: ${r.status} ${r.html.slice(0, 300)}`);
  const id = r.headers.get('location').match(/\/admin\/programme\/(\d+)/)[1];
  const page = await committee.get(`/admin/programme/${id}?lang=en`);
  return { id, page };
}

test('the demo carries the opening ceremony of 20 February 2024 with the officials in protocol order', async () => {
  const id = one("SELECT id FROM prog_session WHERE kind = 'ceremony' AND starts_at LIKE '2024-02-20%'");
  assert.ok(id);
  const page = await new Client(srv.base).get(`/programme/${id}?lang=fr`);
  assert.equal(page.status, 200);
  assert.match(page.html, /Cérémonie d’ouverture/);
  assert.match(page.html, /mardi 20 février 2024/);
  let at = -1;
  for (const o of OFFICIALS_FR) {
    const i = page.html.indexOf(o);
    assert.ok(i > at, `${o} after the one before it`);
    at = i;
  }
  assert.match(page.html, /class="sample"/, 'the sample times are labelled');
  // the coaching meeting is a session, the prize ceremony closes the fair
  assert.equal(one("SELECT count(*) FROM prog_session WHERE kind = 'meeting' AND title_ar LIKE 'النسخة الثانية للقاء التواصلي%'"), '1');
  assert.equal(one("SELECT count(*) FROM prog_session WHERE kind = 'ceremony' AND starts_at LIKE '2024-02-24%'"), '1');
  assert.ok(+one("SELECT count(*) FROM prog_session s JOIN space p ON p.id = s.space_id WHERE p.kind = 'agora'") >= 3);
});

test('the public programme by day and by space, in Arabic, French and English', async () => {
  const c = new Client(srv.base);
  const expect = { ar: ['dir="rtl"', 'البرنامج', 'حفل افتتاح'], fr: ['dir="ltr"', 'Programme', 'mardi 20 février 2024'], en: ['dir="ltr"', 'Programme', 'Opening ceremony'] };
  for (const [l, words] of Object.entries(expect)) {
    const p = await c.get(`/programme?lang=${l}`);
    assert.equal(p.status, 200);
    assert.match(p.html, new RegExp(`<html lang="${l}"`));
    for (const w of words) assert.ok(p.html.includes(w), `${l}: ${w}`);
    assert.equal((p.html.match(/<h2>/g) || []).length, 5, `${l}: one heading per day of the fair`);
    assert.doesNotMatch(p.html, /name="csrf"/, 'the programme carries no form: it may be cached');
  }
  const bySpace = await c.get('/programme?view=space&lang=fr');
  assert.match(bySpace.html, /<h2>Agora<\/h2>/);
  assert.match(bySpace.html, /<h2>Pôle des partenaires<\/h2>/);
  const day = await c.get('/programme?day=2024-02-21&lang=fr');
  assert.match(day.html, /Atelier/);
  assert.doesNotMatch(day.html, /Cérémonie d’ouverture/);
  assert.match(day.html, /<meta name="viewport"/, 'made for a phone');
});

test('now and next for the screens at the venue', async () => {
  const p = await new Client(srv.base).get('/programme/now?lang=fr&at=2024-02-20T10:30');
  assert.equal(p.status, 200);
  const now = p.html.slice(p.html.indexOf('class="now"'), p.html.indexOf('class="next"'));
  const next = p.html.slice(p.html.indexOf('class="next"'));
  assert.match(now, /Cérémonie d’ouverture/);
  assert.match(next, /La créativité, pilier/);
  assert.doesNotMatch(next, /Cérémonie d’ouverture/);
  assert.equal(p.headers.get('refresh'), '60');
});

test('iCalendar of the whole programme, of a day and of a session passes the validator', async () => {
  for (const path of ['/programme.ics?lang=fr', '/programme.ics?lang=ar&day=2024-02-20', `/programme/${one("SELECT id FROM prog_session WHERE kind = 'meeting'")}/calendar.ics?lang=ar`]) {
    const r = await fetch(srv.base + path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^text\/calendar; charset=utf-8/);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="[a-z0-9-]+\.ics"/);
    const bytes = Buffer.from(await r.arrayBuffer());
    const { problems, lines } = icalCheck(bytes);
    assert.deepEqual(problems, [], `${path}: ${problems.join('; ')}`);
    assert.ok(lines.includes('TZID:Africa/Casablanca'), 'the VTIMEZONE');
    assert.ok(lines.some((l) => /^DTSTART;TZID=Africa\/Casablanca:202402\d\dT\d{6}$/.test(l)), 'times in that zone');
  }
  const all = icalCheck(Buffer.from(await (await fetch(srv.base + '/programme.ics?lang=fr')).arrayBuffer()));
  assert.equal(all.lines.filter((l) => l === 'BEGIN:VEVENT').length, +one('SELECT count(*) FROM prog_session'));
  assert.ok(all.lines.some((l) => l.startsWith('SUMMARY:Cérémonie d’ouverture de la 1re édition')), 'the unfolded title');
  // the validator is not a rubber stamp
  assert.notDeepEqual(icalCheck('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n').problems, []);
  assert.notDeepEqual(icalCheck(`BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:${'x'.repeat(80)}\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`).problems, []);
  assert.equal((await fetch(srv.base + '/programme/999999/calendar.ics')).status, 404);
});

test('conflicts are named as the committee edits: the space, a speaker, the dates, the hours, the free time', async () => {
  const space = agora();
  // the AGORA holds the opening ceremony 10:00-11:30 on 20 February
  const clash = await newSession({ space, title_fr: 'Séance en conflit', starts_at: '2024-02-20T10:30', ends_at: '2024-02-20T11:00' });
  assert.match(clash.page.html, /role="alert"/);
  assert.match(clash.page.html, /The space is already used at this time by “Opening ceremony of the 1st Creative Cooperatives Fair”\./);
  // a speaker of the ceremony, elsewhere at the same time
  const speaker = await newSession({
    title_fr: 'Ailleurs', starts_at: '2024-02-20T11:00', ends_at: '2024-02-20T12:00',
    speaker_1_name: 'السيدة خديجة حجوبي — Mme Khadija Hajoubi',
  });
  assert.match(speaker.page.html, /Mrs Khadija Hajoubi|Mme Khadija Hajoubi/);
  assert.match(speaker.page.html, /is speaking at the same time in “Opening ceremony/);
  const dates = await newSession({ title_fr: 'Trop tard', starts_at: '2024-02-26T10:00', ends_at: '2024-02-26T11:00' });
  assert.match(dates.page.html, /outside the fair&#39;s dates/);
  const hours = await newSession({ title_fr: 'De nuit', starts_at: '2024-02-21T21:00', ends_at: '2024-02-21T22:00' });
  assert.match(hours.page.html, /outside the opening hours \(10:00–20:00\)/);
  // 13:00 in the AGORA on the 20th: free until the panel at 15:00
  const long = await newSession({ space, title_fr: 'Trop long', starts_at: '2024-02-20T13:00', ends_at: '2024-02-20T15:30' });
  assert.match(long.page.html, /longer than the space&#39;s free time: it is free from 11:30 until 15:00, when “Creativity as a pillar of the SSE” starts/);
  // a free slot: no conflict
  const fine = await newSession({ space, title_fr: 'Bien placée', starts_at: '2024-02-20T12:00', ends_at: '2024-02-20T12:45' });
  assert.match(fine.page.html, /No conflict/);
  // the list shows the count; a malformed time is refused with the input kept
  const form = await committee.get('/admin/programme');
  const bad = await committee.post('/admin/programme', { csrf: Client.csrf(form.html), kind: 'talk', title_fr: 'Gardé', starts_at: '20/02/2024', ends_at: '' });
  assert.equal(bad.status, 400);
  assert.match(bad.html, /value="Gardé"/);
  // Arabic-Indic digits are accepted
  const arabic = await newSession({ title_ar: 'جلسة', starts_at: '٢٠٢٤-٠٢-٢٢ ١٤:٠٠', ends_at: '٢٠٢٤-٠٢-٢٢ ١٥:٠٠' });
  assert.equal(one(`SELECT starts_at FROM prog_session WHERE id = ${arabic.id}`), '2024-02-22T14:00');
  for (const s of [clash, speaker, dates, hours, long, fine, arabic]) {
    const p = await committee.get(`/admin/programme/${s.id}`);
    await committee.post(`/admin/programme/${s.id}/delete`, { csrf: Client.csrf(p.html) });
  }
  assert.equal(one("SELECT count(*) FROM prog_session WHERE title_fr IN ('Séance en conflit', 'Bien placée')"), '0');
});

test('many clients book the last place at once: exactly one gets it, the others wait in order', async () => {
  const s = await newSession({ kind: 'workshop', space: agora(), title_fr: 'Atelier à une place', starts_at: '2024-02-22T14:00', ends_at: '2024-02-22T15:00', capacity: '1', booking: '1' });
  const N = 16;
  const clients = [];
  for (let i = 0; i < N; i++) {
    const c = new Client(srv.base);
    const form = await c.get(`/programme/${s.id}?lang=fr`);
    assert.equal(form.status, 200);
    clients.push({ c, csrf: Client.csrf(form.html) });
  }
  const answers = await Promise.all(clients.map(({ c, csrf }, i) =>
    c.post(`/programme/${s.id}/book`, { csrf, name: `Visiteuse ${i}`, email: `v${i}@example.org`, phone: '' })));
  for (const a of answers) assert.equal(a.status, 303, a.html.slice(0, 200));
  const pages = await Promise.all(answers.map((a, i) => clients[i].c.get(a.headers.get('location') + '?lang=en')));
  const booked = pages.filter((p) => /Your place is booked\./.test(p.html));
  const waiting = pages.filter((p) => /You are on the waiting list, number \d+\./.test(p.html));
  assert.equal(booked.length, 1, 'exactly one place given');
  assert.equal(waiting.length, N - 1);
  const numbers = waiting.map((p) => +p.html.match(/number (\d+)\./)[1]).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: N - 1 }, (_, i) => i + 1), 'each waits at its own number');
  assert.equal(one(`SELECT booked FROM prog_session WHERE id = ${s.id}`), '1');
  assert.equal(one(`SELECT count(*) FROM prog_booking WHERE session_id = ${s.id} AND status = 'booked'`), '1');

  // the one with the place cancels: the first on the waiting list moves up
  const holder = answers[pages.indexOf(booked[0])].headers.get('location');
  const first = one(`SELECT name FROM prog_booking WHERE session_id = ${s.id} AND status = 'waiting' ORDER BY id LIMIT 1`);
  const hc = clients[pages.indexOf(booked[0])].c;
  const mine = await hc.get(holder + '?lang=en');
  const cancel = await hc.post(holder, { csrf: Client.csrf(mine.html) });
  assert.equal(cancel.status, 303);
  assert.match((await hc.get(holder + '?lang=en')).html, /This booking is cancelled\./);
  assert.equal(one(`SELECT status FROM prog_booking WHERE session_id = ${s.id} AND name = '${first}'`), 'booked');
  assert.equal(one(`SELECT booked FROM prog_session WHERE id = ${s.id}`), '1');
  const second = pages.find((p) => /number 2\./.test(p.html));
  assert.ok(second);
  // the organiser's list and its export
  const list = await committee.get(`/admin/programme/${s.id}?lang=en`);
  assert.match(list.html, new RegExp(`${first}`));
  assert.match(list.html, /Waiting list, number 1/);
  const csv = await committee.get(`/admin/programme/${s.id}/participants.csv?lang=en`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const rows = csv.html.trim().split('\n');
  assert.equal(rows.length, N + 1);
  assert.ok(rows[1].includes(first) && rows[1].includes('booked'), rows[1]);
  assert.ok(csv.html.includes('v0@example.org'));
  assert.equal((await new Client(srv.base).get(`/admin/programme/${s.id}/participants.csv`)).status, 303, 'anonymous: sent to sign in');
  // two more places: the next two on the waiting list move up, in order
  const edit = await committee.get(`/admin/programme/${s.id}`);
  const waitingNames = one(`SELECT name FROM prog_booking WHERE session_id = ${s.id} AND status = 'waiting' ORDER BY id LIMIT 2`).split('\n');
  const raised = await committee.post(`/admin/programme/${s.id}`, {
    csrf: Client.csrf(edit.html), kind: 'workshop', space: agora(), title_fr: 'Atelier à une place',
    starts_at: '2024-02-22T14:00', ends_at: '2024-02-22T15:00', capacity: '3', booking: '1',
  });
  assert.equal(raised.status, 303);
  assert.equal(one(`SELECT booked FROM prog_session WHERE id = ${s.id}`), '3');
  for (const n of waitingNames) assert.equal(one(`SELECT status FROM prog_booking WHERE session_id = ${s.id} AND name = '${n}'`), 'booked');
  assert.equal(one(`SELECT count(*) FROM prog_booking WHERE session_id = ${s.id} AND status = 'waiting'`), String(N - 4)); // one cancelled, three booked
  // booking errors: no name; a session without booking
  const c = new Client(srv.base);
  const f = await c.get(`/programme/${s.id}`);
  assert.equal((await c.post(`/programme/${s.id}/book`, { csrf: Client.csrf(f.html), name: '', email: 'x@example.org' })).status, 400);
  const ceremony = one("SELECT id FROM prog_session WHERE kind = 'ceremony' ORDER BY id LIMIT 1");
  assert.equal((await c.post(`/programme/${ceremony}/book`, { csrf: Client.csrf(f.html), name: 'A', email: 'a@example.org' })).status, 409);
  const p = await committee.get(`/admin/programme/${s.id}`);
  await committee.post(`/admin/programme/${s.id}/delete`, { csrf: Client.csrf(p.html) });
});

test('attendance is marked by the organiser and counted per session', async () => {
  const meeting = one("SELECT id FROM prog_session WHERE kind = 'meeting'");
  const b = one(`SELECT id FROM prog_booking WHERE session_id = ${meeting} AND attended = 0 AND status = 'booked' ORDER BY id LIMIT 1`);
  const before = +one(`SELECT count(*) FROM prog_booking WHERE session_id = ${meeting} AND attended = 1`);
  const page = await committee.get(`/admin/programme/${meeting}`);
  const r = await committee.post(`/admin/programme/${meeting}/attended`, { csrf: Client.csrf(page.html), booking: b, present: '1' });
  assert.equal(r.status, 303);
  assert.equal(+one(`SELECT count(*) FROM prog_booking WHERE session_id = ${meeting} AND attended = 1`), before + 1);
  // another session's booking through this session's address: refused
  const other = one(`SELECT id FROM prog_booking WHERE session_id <> ${meeting} ORDER BY id LIMIT 1`);
  assert.equal((await committee.post(`/admin/programme/${meeting}/attended`, { csrf: Client.csrf(page.html), booking: other, present: '1' })).status, 404);
});
