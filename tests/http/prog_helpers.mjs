// prog_helpers.mjs - the programme tests' helpers (issue 15): an iCalendar
// validator (RFC 5545: lines end in CRLF and are folded at 75 octets without
// splitting a UTF-8 character; VCALENDAR has VERSION and PRODID; every VEVENT
// has UID, DTSTAMP in UTC, DTSTART, and a DTEND after it; every VTIMEZONE
// has a TZID and observances with DTSTART, TZOFFSETFROM and TZOFFSETTO; every
// TZID used is defined), and the demo's facts.

/** icalCheck - the problems of an iCalendar text (bytes as a Buffer or a
 * string), [] when valid; also returns the unfolded lines. */
export function icalCheck(input) {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const problems = [];
  const text = bytes.toString('utf8');
  if (Buffer.compare(Buffer.from(text, 'utf8'), bytes) !== 0) problems.push('not UTF-8');
  if (!text.endsWith('\r\n')) problems.push('does not end in CRLF');
  const physical = text.split('\r\n');
  physical.pop();
  const lines = [];
  physical.forEach((l, i) => {
    if (/[\r\n]/.test(l)) problems.push(`line ${i + 1}: bare CR or LF`);
    const b = Buffer.from(l, 'utf8');
    if (b.length > 75) problems.push(`line ${i + 1}: ${b.length} octets`);
    if (/^[ \t]/.test(l)) {
      if (!lines.length) problems.push('continuation first');
      else lines[lines.length - 1] += l.slice(1);
    } else lines.push(l);
  });
  // A fold inside a UTF-8 character leaves an invalid sequence at a line's
  // end: the decoder turns it into U+FFFD.
  if (text.includes('\uFFFD')) problems.push('a UTF-8 character split by a fold');
  const stack = [];
  const tzids = new Set();
  let events = 0;
  const prop = (ls, name) => ls.some((l) => l.startsWith(name + ':') || l.startsWith(name + ';'));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.includes(':')) problems.push(`no colon: ${l}`);
    if (l.startsWith('BEGIN:')) stack.push({ name: l.slice(6), from: i });
    else if (l.startsWith('END:')) {
      const top = stack.pop();
      if (!top || top.name !== l.slice(4)) { problems.push(`END without BEGIN: ${l}`); continue; }
      const body = lines.slice(top.from + 1, i);
      const own = []; // the component's own properties, not its children's
      for (let d = 0, k = 0; k < body.length; k++) {
        if (body[k].startsWith('BEGIN:')) d++;
        else if (body[k].startsWith('END:')) d--;
        else if (!d) own.push(body[k]);
      }
      if (top.name === 'VCALENDAR') {
        if (!own.includes('VERSION:2.0')) problems.push('no VERSION:2.0');
        if (!prop(own, 'PRODID')) problems.push('no PRODID');
      } else if (top.name === 'VEVENT') {
        events++;
        for (const p of ['UID', 'DTSTAMP', 'DTSTART']) if (!prop(own, p)) problems.push(`VEVENT without ${p}`);
        const v = (n) => (own.find((x) => x.startsWith(n + ':') || x.startsWith(n + ';')) || '').split(':').pop();
        if (!/Z$/.test(v('DTSTAMP'))) problems.push('DTSTAMP not in UTC');
        if (v('DTEND') && v('DTEND') <= v('DTSTART')) problems.push('DTEND not after DTSTART');
      } else if (top.name === 'STANDARD' || top.name === 'DAYLIGHT') {
        for (const p of ['DTSTART', 'TZOFFSETFROM', 'TZOFFSETTO']) if (!prop(own, p)) problems.push(`${top.name} without ${p}`);
      } else if (top.name === 'VTIMEZONE') {
        const id = own.find((x) => x.startsWith('TZID:'));
        if (!id) problems.push('VTIMEZONE without TZID');
        else tzids.add(id.slice(5));
        if (!body.some((x) => x === 'BEGIN:STANDARD' || x === 'BEGIN:DAYLIGHT')) problems.push('VTIMEZONE without observance');
      }
    } else {
      const m = l.match(/;TZID=([^:;]+)/);
      if (m && !tzids.has(m[1])) problems.push(`TZID ${m[1]} not defined before use`);
    }
  }
  if (stack.length) problems.push('component not ended');
  if (lines[0] !== 'BEGIN:VCALENDAR') problems.push('not a VCALENDAR');
  if (!events) problems.push('no VEVENT');
  return { problems, lines };
}

/** The officials of the opening ceremony, in the announcement's order. */
export const OFFICIALS_FR = [
  'La ministre de la Solidarité',
  'Le wali de la région Fès-Meknès',
  'Le président du Conseil de la Région Fès-Meknès',
  'La représentante de l’Entraide nationale',
  'Mme Khadija Hajoubi',
  'La directrice de la promotion de l’ESS',
];
