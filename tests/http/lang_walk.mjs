// lang_walk.mjs - crawl the demo's pages as each role in one language, for
// the language tests (lang_walk.test.mjs): start from every GET route
// without a parameter, follow the links of each page that match a GET
// route of the table, and hand every page reached to a checker.
import { routes } from './accounts_helpers.mjs';
import { decode } from './server.mjs';

// Routes whose answer is not a page to read (files, images, health, exports,
// APIs): by their place, or by the kind of file their address names.
const NOT_PAGES = /^\/(static|logos|healthz|api|admin\/prize\/certificates|admin\/registry\/export)(\/|$)|\/photos\/|\.(pdf|svg|ics|csv|xlsx|zip|json|png|jpe?g)$/;

// patternRe - a route pattern as a regular expression on a path.
function patternRe(p) {
  const esc = p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('\\{id\\}', '[0-9]+').replaceAll('\\{id\\}', '[0-9]+');
  return new RegExp('^' + esc.replace(/\*$/, '.+') + '$');
}

/** pageRoutes - the GET routes a role may open, with their patterns as regexes. */
export function pageRoutes(role) {
  return routes().filter((r) => r.method === 'GET' && !NOT_PAGES.test(r.pattern) &&
    (role === 'anonymous' ? !r.roles : r.roles && r.roles.includes(role)))
    .map((r) => ({ ...r, re: patternRe(r.pattern) }));
}

/**
 * walk - crawl as client (signed in as role) with Accept-Language lang;
 * calls check(path, html) on every page with status 200. At most perRoute
 * pages per route pattern (distinct query strings count as pages). Returns
 * {visited: Map pattern -> count, pages: number}.
 */
export async function walk(client, role, lang, check, perRoute = 6, seeds = []) {
  const table = pageRoutes(role);
  const visited = new Map();
  const seen = new Set();
  const queue = [...table.filter((r) => !/[{*]/.test(r.pattern)).map((r) => r.pattern), ...seeds];
  let pages = 0;
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const route = table.find((r) => r.re.test(path.split('?')[0]));
    if (!route) continue;
    const n = visited.get(route.pattern) || 0;
    if (n >= perRoute) continue;
    const r = await client.get(path, { lang });
    if (r.status !== 200 || !/text\/html/.test(r.headers.get('content-type') || '')) continue;
    visited.set(route.pattern, n + 1);
    pages++;
    await check(path, r.text);
    for (const m of r.text.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = decode(m[1]).replace(/([?&])lang=[a-z]+&?/, '$1').replace(/[?&]$/, '');
      if (!seen.has(href)) queue.push(href);
    }
  }
  return { visited, pages, table };
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * ownText - the visible text of a page in its own language: tags, scripts
 * and styles removed, and every element marked as another language
 * (lang="fr" inside an Arabic page: a cooperative's French name, the French
 * field of a form, the language switcher) left out with its content.
 * Entities are decoded; whitespace is collapsed.
 */
export function ownText(html, lang) {
  // Left out with their content: another language's element, a textarea (a
  // value being edited, like an input's), a <code> (an identifier shown as one).
  const body = html.replace(/<!.*?>/g, ' ').replace(/<(script|style|title|head|textarea|code)\b[\s\S]*?<\/\1>/gi, ' ');
  let out = '';
  let skipDepth = 0; // > 0 while inside an element of another language
  const stack = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|([^<]+)/g;
  for (const m of body.matchAll(re)) {
    if (m[4] !== undefined) {
      if (!skipDepth) out += m[4];
      continue;
    }
    const name = m[2].toLowerCase();
    if (m[1]) {
      // closing tag: pop to the matching opening tag
      const i = stack.lastIndexOf(name);
      if (i < 0) continue;
      while (stack.length > i) {
        stack.pop();
        if (skipDepth > stack.length) skipDepth = 0;
      }
      out += ' ';
      continue;
    }
    const lm = m[3].match(/\blang="([a-z]+)/);
    const other = lm && lm[1] !== lang;
    if (VOID.has(name) || m[3].endsWith('/')) continue;
    stack.push(name);
    if (other && !skipDepth) skipDepth = stack.length;
    out += ' ';
  }
  return decode(out).replace(/[ \t\r\n]+/g, ' ').trim();
}
