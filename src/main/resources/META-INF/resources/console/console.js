// The web console: one page, one screen per role, talking only to the public REST API (/api/...), as any other
// frontend would. Every text from the server is inserted as text (never as HTML), so a complaint's title cannot
// inject markup into an officer's screen.
import { t, tIn, language, setLanguage, other } from './i18n.js';

const SESSION_KEY = 'ledger.console.session';
const CLOSURE_OUTCOMES = ['RESOLVED', 'PARTIALLY_RESOLVED', 'NOT_RESOLVED'];
const ARCHIVE_REASONS = ['OUT_OF_SCOPE', 'UNINTELLIGIBLE', 'INCOMPLETE', 'NOT_PUBLIC_SERVICE', 'OTHER'];
const FORMS = ['UNDUE_DELAY', 'FAILURE_TO_SERVE', 'INCOMPETENCE', 'ABUSE_OF_AUTHORITY', 'PROCEDURAL_DEVIATION',
  'REQUESTING_PAYMENT', 'IMPROPRIETY', 'PARTIALITY', 'DISCRIMINATION', 'CONFLICT_OF_INTEREST'];
const QUEUE_STATUSES = ['DISPATCHED', 'IN_PROGRESS', 'AWAITING_REDISPATCH', 'RESPONDED'];
// The operator's queue: what awaits verification, an answer to the operator's question, or a new agency
const OPERATOR_STATUSES = ['SUBMITTED', 'ON_HOLD', 'AWAITING_REDISPATCH'];
// As the domain's Status.isOpen and isTerminal: which steps to offer. The server decides; this only hides the
// buttons that would certainly be refused.
const OPEN = ['SUBMITTED', 'ON_HOLD', 'DISPATCHED', 'IN_PROGRESS', 'AWAITING_REDISPATCH', 'RESPONDED'];
const TERMINAL = ['ARCHIVED', 'COMPLETED', 'WITHDRAWN', 'REVIEWED'];
// The console's path segment per role: "agency-officer" is the JWT group, "officer" reads better in an address.
const HOME = { citizen: 'citizen', operator: 'operator', 'agency-officer': 'officer', ombudsman: 'ombudsman', auditor: 'auditor',
  admin: 'admin' };

// ---------- session: the bearer token lives in sessionStorage, so it dies with the tab and is never in a cookie

function session() {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? JSON.parse(raw) : null;
}

function signIn(token, claims) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token, ...claims }));
}

function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Reads the claims of a pasted token to choose the screens; the server still verifies every request. */
function claimsOf(token) {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const json = JSON.parse(new TextDecoder().decode(
    Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0))));
  const role = (json.groups || []).find(g => g in HOME);
  if (!role) throw new Error('no console role in groups');
  return { role, subject: json.preferred_username || json.sub, agency: json.agency || null, unit: json.unit || null };
}

/**
 * The access token of the session made by signing in through the identity provider (the authorization code flow,
 * run by the server on /console/signin): null when there is no such session. X-Requested-With makes the server answer
 * 499 rather than redirect a fetch to a login page it could not show.
 */
async function providerToken() {
  const response = await fetch('/console/session', { headers: { Accept: 'application/json', 'X-Requested-With': 'JavaScript' } });
  if (!response.ok) return null;
  return (await response.json()).token;
}

// ---------- the API

/** Why the last session ended, said once on the sign-in screen it leads to. */
let signInNotice = null;

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body, headers = {}, auth = true, raw = false } = {}, retried = false) {
  const sent = { Accept: 'application/json', ...headers };
  const s = session();
  if (auth && s) sent.Authorization = `Bearer ${s.token}`;
  if (body !== undefined && !raw) sent['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers: sent, body: body === undefined || raw ? body : JSON.stringify(body) });
  if (response.status === 401 && auth && s && s.provider && !retried) {
    // the provider's access token is short-lived: the server's session refreshes it, once, before giving up
    const fresh = await providerToken().catch(() => null);
    if (fresh && fresh !== s.token) {
      signIn(fresh, { ...claimsOf(fresh), provider: true });
      return api(path, { method, body, headers, auth, raw }, true);
    }
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not problem+json: keep the status alone */ }
    if (response.status === 401 && auth && s) {
      signOut();
      signInNotice = t('signin.expired');
      location.hash = '#/signin';
    }
    throw new ApiError(response.status, problem);
  }
  // application/json and problem+json are parsed; anything else (the export's NDJSON) is handed over as text
  const type = (response.headers.get('Content-Type') || '').split(';')[0].trim();
  return type === 'application/json' || type.endsWith('+json') ? response.json() : response.text();
}

/**
 * A command on the complaint as the user saw it: If-Match makes the server refuse (412) when someone else moved it
 * on meanwhile, and the form's Idempotency-Key makes a resubmission after a lost answer append nothing twice.
 */
async function command(view, step, body, idempotencyKey, method = 'POST') {
  const result = await api(`/api/complaints/${encodeURIComponent(view.id)}/${step}`, {
    method, body,
    headers: { 'If-Match': `"${view.version}"`, 'Idempotency-Key': idempotencyKey }
  });
  if (result && result.id && result.version) rememberStep(result);
  return result;
}

// ---------- what this tab just did, until the read side has caught up with it

// The queues are read models, a moment behind the ledger: a complaint just acknowledged, declined or dispatched may
// still be listed as it was. The answer to each command says the complaint's new version, status and agency; the
// queue screens wait (briefly) until they list it at that version, and otherwise show it as the answer said.
const ACTED_KEY = 'ledger.console.acted';
const ACTED_FOR_MS = 5 * 60 * 1000;
const acted = () => JSON.parse(sessionStorage.getItem(ACTED_KEY) || '[]').filter(a => Date.now() - a.at < ACTED_FOR_MS);
function rememberStep(view) {
  const kept = acted().filter(a => a.id !== view.id).slice(0, 49);
  sessionStorage.setItem(ACTED_KEY, JSON.stringify([
    { id: view.id, version: view.version, status: view.status, agencyId: view.agencyId || null, at: Date.now() }, ...kept]));
}

/**
 * Loads a queue's first page until it lists no complaint older than this tab's own last step on it (at most a few
 * seconds), then takes out what that step moved off this queue and shows the rest at the status the step left.
 */
async function settledQueue(load, stillHere) {
  const known = new Map(acted().map(a => [a.id, a]));
  const stale = page => page.items.some(item => known.has(item.id) && item.version < known.get(item.id).version);
  let page = await load(null);
  for (let tries = 0; tries < 12 && stale(page); tries++) {
    await new Promise(resolve => setTimeout(resolve, 400));
    page = await load(null);
  }
  const items = page.items.flatMap(item => {
    const mine = known.get(item.id);
    if (!mine || item.version >= mine.version) return [item];
    return stillHere(mine) ? [{ ...item, status: mine.status, version: mine.version }] : [];
  });
  return { ...page, items };
}

// ---------- reference lists from the API: the categories and agencies an admin keeps, never a copy in the console

/** The categories (with their names and default agency), read once per page load. */
let categoryList = null;
let categoryCache = [];
function categories() {
  categoryList = categoryList || api('/api/categories', { auth: false })
    .then(list => { categoryCache = list; return list; })
    .catch(() => { categoryList = null; return []; });
  return categoryList;
}

/** The report types with their names, read once per page load: the API's list, never a copy in the console. */
let reportTypeList = null;
let reportTypeCache = [];
function reportTypes() {
  reportTypeList = reportTypeList || api('/api/report-types', { auth: false })
    .then(list => { reportTypeCache = list; return list; })
    .catch(() => { reportTypeList = null; return []; });
  return reportTypeList;
}

/** A report type's name in the console's language, else its code. */
function reportTypeName(code) {
  if (!code) return '—';
  const known = reportTypeCache.find(r => r.code === code);
  return (known && known.name && (known.name[language()] || known.name.id || known.name.en)) || code;
}

const reportTypeOptions = () => reportTypeCache.map(r => [r.code, reportTypeName(r.code)]);

/** A category's name in the console's language: the admin's name for it, else the console's, else its code. */
function categoryName(code) {
  if (!code) return '—';
  const known = categoryCache.find(c => c.code === code);
  const named = known && known.name && (known.name[language()] || known.name.id || known.name.en);
  if (named) return named;
  return t(`category.${code}`) === `category.${code}` ? code : t(`category.${code}`);
}

/** The options of a category select: every category still open for filing, and the one given even if retired. */
const categoryOptions = keep => categoryCache.filter(c => !c.retired || c.code === keep).map(c => [c.code, categoryName(c.code)]);

// ---------- DOM helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    // through the CSSOM, which the console's CSP (style-src 'self') allows, unlike a style attribute
    else if (k === 'style') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

let uid = 0;
const nextId = prefix => `${prefix}-${++uid}`;

/**
 * A labelled control with its hint, its error (filled by showFieldErrors) and, where the text has a limit, a
 * counter. The "(required)" mark follows the control's required attribute, which may change (Nama unless anonymous).
 */
function field(labelText, control, hint) {
  const id = control.id || (control.id = nextId('f'));
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  const required = h('span', { class: 'required', hidden: !control.hasAttribute('required') }, ` (${t('required')})`);
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  let counter = null;
  const max = control.getAttribute('maxlength');
  if (max && control.matches('input[type=text], textarea')) {
    counter = h('p', { class: 'hint counter', id: `${id}-count` });
    const count = () => { counter.textContent = t('counter', { n: control.value.length, max }); };
    control.addEventListener('input', count);
    count();
  }
  return h('div', { class: 'field' }, h('label', { for: id }, labelText, required), hintNode, error, control, counter);
}

/** Marks a control required or not, with the mark beside its label. */
function setRequired(control, required) {
  control.required = required;
  const mark = control.closest('.field')?.querySelector('.required');
  if (mark) mark.hidden = !required;
}

// The server's formats (complaint/web/ComplaintRequests), checked before sending so that the answer comes at once
const PHONE = '\\+?(?:[0-9][ \\-]?){5,14}[0-9]';
const EMAIL = '[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)+';

/** Says, in the user's language, what is wrong with a control the browser's own checks refuse. */
function clientMessage(control) {
  const v = control.validity;
  if (v.valueMissing) return t('invalid.required');
  if (v.tooLong) return t('invalid.tooLong', { max: control.maxLength });
  if (v.typeMismatch || v.patternMismatch) return t(`invalid.${control.name}`) !== `invalid.${control.name}` ? t(`invalid.${control.name}`) : t('invalid.format');
  return control.validationMessage;
}

/** The server's field path ("complainant.phone", "location.village") named as the form's control ("phone"). */
// The server's names where the form's differ: a named complaint without a complainant lacks the name
const FIELD_ALIASES = { complainant: 'name', originalId: 'original' };

function controlFor(form, path) {
  if (!path) return null;
  const segments = path.split('.').map(x => FIELD_ALIASES[x] || x);
  for (let i = segments.length - 1; i >= 0; i--) {
    const found = form.querySelector(`[name="${CSS.escape(segments[i])}"]`);
    if (found) return found;
  }
  return null;
}

/** A refusal from the server as the user's language says it: by field where the field is known, by code otherwise. */
function serverMessage(control, error) {
  const key = `invalid.${control.name}`;
  if (t(key) !== key) return t(key);
  if (/at most|size must be between/i.test(error.message || '')) return t('invalid.tooLong', { max: control.maxLength > 0 ? control.maxLength : '' });
  if (/must not be (blank|null|empty)/i.test(error.message || '')) return t('invalid.required');
  return t('invalid.format');
}

function clearFieldErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const error = document.getElementById(`${control.id}-error`);
    if (error) { error.hidden = true; error.textContent = ''; }
    const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(x => x && x !== `${control.id}-error`);
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' ')); else control.removeAttribute('aria-describedby');
  }
}

/** Writes each message beside its control, marks the control invalid, and brings the first one into view and focus. */
function showFieldErrors(form, found) {
  let first = null;
  for (const [control, message] of found) {
    if (control.getAttribute('aria-invalid') === 'true') continue;
    control.setAttribute('aria-invalid', 'true');
    const error = document.getElementById(`${control.id}-error`);
    if (error) {
      error.textContent = message;
      error.hidden = false;
      const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      control.setAttribute('aria-describedby', [`${error.id}`, ...ids].join(' '));
    }
    first = first || control;
  }
  if (first) {
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }
  return first;
}

function checkbox(name, labelText, hint, checked, value) {
  const id = nextId('c');
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  return h('div', { class: 'check' },
    h('input', { type: 'checkbox', id, name, value, checked, 'aria-describedby': hintNode ? `${id}-hint` : null }),
    h('label', { for: id }, labelText), hintNode);
}

function select(name, options, { required, selected, empty } = {}) {
  return h('select', { name, required },
    empty ? h('option', { value: '' }, empty) : null,
    options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

const text = (name, attrs = {}) => h('input', { type: 'text', name, ...attrs });
const area = (name, attrs = {}) => h('textarea', { name, rows: 4, ...attrs });

function formatTime(instant) {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(language() === 'id' ? 'id-ID' : 'en-GB',
    { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(instant));
}

const statusText = s => t(`status.${s}`);

function slaBadge(state) {
  if (!state) return h('span', { class: 'badge' }, '—');
  // the state is spelled out and marked with a symbol, so it does not rest on colour alone
  const mark = { ON_TIME: '✓', DUE_SOON: '!', OVERDUE: '✕' }[state];
  return h('span', { class: `badge sla-${state.toLowerCase()}` }, h('span', { 'aria-hidden': 'true' }, mark, ' '), t(`sla.${state}`));
}

/**
 * The server's refusal in the user's language: by the problem's stable code where the console knows it, the server's
 * own words otherwise; field errors are said beside their fields (showFieldErrors), and counted here.
 */
function problemBox(error, fieldErrors = 0) {
  const problem = error.problem || {};
  const known = problem.code && t(`problem.${problem.code}`) !== `problem.${problem.code}` ? t(`problem.${problem.code}`) : null;
  const why = error.status === 412 ? t('error.moved-on')
    : fieldErrors ? t('error.fields', { n: fieldErrors })
      : known || problem.detail || problem.title || error.message;
  return h('div', { class: 'alert', role: 'alert' },
    h('p', {}, h('strong', {}, t('error.title')), ' ', why),
    problem.code ? h('p', { class: 'hint' }, `${t('error.code')}: ${problem.code}`) : null);
}

function announce(message) {
  document.getElementById('announcer').textContent = message;
}

/** What the last action did, said on the screen it leads to (a redraw replaces the form that did it). */
let flash = null;
function takeFlash() {
  const message = flash;
  flash = null;
  return message ? h('p', { class: 'notice', role: 'status', 'data-notice': '' }, h('span', { 'aria-hidden': 'true' }, '✓ '), message) : null;
}

/** Puts a screen in place and moves focus to its heading, so that a screen-reader user hears where they are. */
function render(title, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.flat(Infinity).filter(Boolean));
  document.title = `${title} · Complaint Ledger`;
  heading.focus();
}

/**
 * A form that runs one request. Errors appear beside it; success announces itself and redraws the screen, which
 * reloads what it shows from the server. The Idempotency-Key is made once per form drawn, so a double submit or a
 * retry after a lost answer is answered with the first result; a refusal takes a fresh key, for a corrected retry.
 */
function actionForm({ title, hint, fields, submitLabel, run, done, cls, confirm, doneMessage, inline }) {
  let key = crypto.randomUUID();
  const errors = h('div', { class: 'form-errors' });
  const danger = Boolean(confirm);
  const button = h('button', { type: 'submit', class: danger ? 'danger' : null }, submitLabel);
  const confirmation = h('div', { class: 'confirm', hidden: true, 'data-confirm': '' });
  const headingId = nextId('h');
  // novalidate: the console says what is wrong beside each field, in the user's language, not in a browser bubble
  const form = h('form', { 'aria-labelledby': headingId, novalidate: true }, fields, button, confirmation);
  const send = async () => {
    errors.replaceChildren();
    button.disabled = true;
    try {
      const result = await run(new FormData(form), key, form);
      // said on the next screen drawn; a form that stays on its screen (inline) says it beside itself
      flash = inline ? null : doneMessage || t('done');
      await done(result);
      if (inline) errors.replaceChildren(h('p', { class: 'notice', 'data-notice': '' }, h('span', { 'aria-hidden': 'true' }, '✓ '), doneMessage || t('done')));
      announce(doneMessage || t('done'));
    } catch (error) {
      flash = null;
      key = crypto.randomUUID();
      const found = (error.problem?.errors || []).map(e => [controlFor(form, e.field), e]).filter(([c]) => c)
        .map(([c, e]) => [c, serverMessage(c, e)]);
      errors.replaceChildren(problemBox(error, found.length));
      if (!showFieldErrors(form, found)) {
        errors.scrollIntoView({ block: 'center' });
      }
    }
    button.disabled = false;
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    errors.replaceChildren();
    clearFieldErrors(form);
    const invalid = [...form.elements].filter(c => c.willValidate && !c.checkValidity()).map(c => [c, clientMessage(c)]);
    if (invalid.length) {
      errors.replaceChildren(problemBox({ problem: {} }, invalid.length));
      showFieldErrors(form, invalid);
      return;
    }
    if (!danger) {
      send();
      return;
    }
    // a final or destructive step is said once more in words and confirmed by a second, different button
    const yes = h('button', { type: 'button', class: 'danger', 'data-confirm-yes': '' }, t('confirm.yes'));
    const no = h('button', { type: 'button', class: 'secondary', 'data-confirm-no': '' }, t('confirm.no'));
    yes.addEventListener('click', () => { confirmation.hidden = true; button.hidden = false; send(); });
    no.addEventListener('click', () => { confirmation.hidden = true; button.hidden = false; button.focus(); });
    confirmation.replaceChildren(h('p', { role: 'alert' }, h('strong', {}, confirm)), yes, ' ', no);
    confirmation.hidden = false;
    button.hidden = true;
    yes.focus();
  });
  return h('section', { class: `panel ${cls || ''} ${danger ? 'danger-zone' : ''}` }, h('h2', { id: headingId }, title),
    hint ? h('p', { class: 'hint' }, hint) : null, errors, form);
}

// Counts routings: a screen still loading when the user has moved on must not draw over the newer one.
let generation = 0;

async function screen(title, load) {
  const mine = generation;
  const hash = location.hash;
  const notice = takeFlash();
  render(title, h('p', { class: 'loading' }, t('loading')));
  let content;
  try {
    content = await load();
  } catch (error) {
    const s = session();
    content = [problemBox(error), h('p', {}, h('a', { href: s ? `#/${HOME[s.role]}` : '#/' }, t('back')))];
  }
  // a 401 moves to #/signin itself, before its hashchange event has routed anywhere: the hash says so already
  if (mine === generation && hash === location.hash) render(title, notice, content);
}

// ---------- shared parts of a complaint

/** The agencies' names, read once per page load: the public list, so that no screen shows "dishub" for a name. */
let agencyList = null;
function agencies() {
  agencyList = agencyList || api('/api/agencies', { auth: false }).catch(() => { agencyList = null; return []; });
  return agencyList;
}
const agencyName = (list, id) => (list.find(a => a.id === id) || {}).name || id;

/** "Rabu, 9 Desember" (or "Wednesday 9 December"), in the regency's time zone. */
function dayInWords(instant) {
  return new Intl.DateTimeFormat(language() === 'id' ? 'id-ID' : 'en-GB',
    { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(instant));
}

// Who has the complaint in each state, and which of its deadlines they work to
const NEXT = {
  SUBMITTED: ['operator', 'VERIFICATION'], ON_HOLD: ['citizen', 'CLARIFICATION'], DISPATCHED: ['agency', 'FOLLOW_UP'],
  IN_PROGRESS: ['agency', 'FOLLOW_UP'], AWAITING_REDISPATCH: ['operator', 'REDISPATCH'],
  RESPONDED: ['citizen', 'COMPLAINANT_RESPONSE'], ESCALATED: ['ombudsman', null], UNDER_REVIEW: ['ombudsman', null]
};

/** The current step in words: what happens next, who does it, and by when. */
function nextStep(view, names) {
  const [who, kind] = NEXT[view.status] || [null, null];
  const deadline = kind && (view.deadlines || []).find(d => d.kind === kind);
  const what = t(`next.${view.status}`, { agency: agencyName(names, view.agencyId) || '—' });
  return h('section', { class: 'panel next-step', 'data-next-step': view.status },
    h('h2', {}, t('next.title')),
    h('p', { class: 'next' }, what, deadline ? [' ', t('next.by', { day: dayInWords(deadline.dueAt) }), ' ', slaBadge(deadline.state)] : null),
    who ? h('p', { class: 'hint', 'data-holder': who }, t('next.who'), ': ',
      who === 'agency' && view.agencyId ? agencyName(names, view.agencyId) : t(`next.who.${who}`)) : null);
}

// The history's events that carry words from one role to the next, and the fields that hold those words
const HANDOFF_FIELDS = ['agencyId', 'note', 'reason', 'suggestedAgencyId', 'question', 'answer', 'cause', 'maladministration',
  'forms', 'recommendation', 'outcome', 'comment', 'rating', 'report'];

/** The hand-offs as a readable timeline: who wrote what to whom, with names for agencies, roles, events and causes. */
function handoffTimeline(history, names) {
  const said = (history.events || []).filter(e => HANDOFF_FIELDS.some(f => e.data && e.data[f] != null)
    && !['complaint.deadline-set', 'complaint.deadline-missed', 'complaint.follow-up-posted'].includes(e.type));
  const item = e => {
    const d = e.data;
    const lines = [];
    const line = (key, value) => value == null || value === '' ? null : lines.push(h('p', { 'data-field': key },
      h('span', { class: 'handoff-label' }, t(`handoff.${key}`), ': '), value));
    line('agencyId', d.agencyId && agencyName(names, d.agencyId));
    line('suggestedAgencyId', d.suggestedAgencyId && agencyName(names, d.suggestedAgencyId));
    line('cause', d.cause && t(`cause.${d.cause}`));
    line('reason', d.reason && (e.type === 'complaint.archived' ? t(`archive.${d.reason}`) : d.reason));
    for (const key of ['note', 'question', 'answer', 'recommendation', 'report', 'comment']) line(key, d[key]);
    line('outcome', d.outcome && (e.type === 'complaint.closed-by-operator' ? t(`closure.${d.outcome}`) : d.outcome));
    if (d.maladministration != null) line('maladministration', d.maladministration ? t('yes') : t('no'));
    if (d.forms && d.forms.length) line('forms', d.forms.map(f => t(`form.${f}`)).join(', '));
    if (d.rating != null) line('rating', `${d.rating} / 5`);
    return h('li', { 'data-event': e.type.replace(/^complaint\./, '') },
      h('p', { class: 'handoff-head' }, h('strong', {}, eventName(e.type)), ' · ',
        e.actor && e.actor.role ? t(`role.${e.actor.role}`) : '—', ' · ', formatTime(e.occurredAt)), onBehalfNote(e), lines);
  };
  return h('section', { class: 'panel handoffs' }, h('h2', {}, t('handoff.title')),
    said.length ? h('ol', { class: 'timeline-notes', 'data-handoffs': '' }, said.map(item)) : h('p', {}, t('handoff.none')));
}

/** A complainant's step the operator recorded for them: said on every timeline, with how the complainant asked. */
const onBehalfNote = e => e.onBehalf
  ? h('p', { class: 'hint', 'data-on-behalf': '' }, t('onbehalf.note', { via: e.onBehalf.via }))
  : null;

const eventName = type => {
  const key = `event.${type.replace(/^complaint\./, '')}`;
  return t(key) === key ? type.replace(/^complaint\./, '') : t(key);
};

/** A link to another complaint, by its tracking number and title: never its id. */
function complaintLink(role, other) {
  return h('a', { href: `#/${HOME[role]}/c/${other.id}`, 'data-complaint-link': other.trackingNumber },
    h('span', { class: 'mono' }, other.trackingNumber), ' ', other.title || t('confidential.title'));
}

// ---------- attachments: evidence on a complaint, fetched with the user's token (an <img src> or a plain link could
// not carry it) and shown from object URLs; the server reads the type from the bytes and strips image metadata

const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf,video/mp4,.jpg,.jpeg,.png,.webp,.heic,.pdf,.mp4';

function fileInput(required = false) {
  return h('input', { type: 'file', name: 'file', accept: ACCEPTED_FILES, required });
}

/** The file chosen in a form, or null when none was. */
function chosenFile(data) {
  const file = data.get('file');
  return file && file.size ? file : null;
}

/** Attaches a file as the signed-in user; audience null lets the server choose (public for the complainant's own). */
async function uploadFile(complaintId, file, { caption, audience } = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  if (caption) form.append('caption', caption);
  if (audience) form.append('audience', audience);
  const s = session();
  const response = await fetch(`/api/complaints/${encodeURIComponent(complaintId)}/attachments`, {
    method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${s.token}` }, body: form });
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* no problem+json: the status alone */ }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}

async function fileUrl(complaintId, attachmentId) {
  const s = session();
  const response = await fetch(`/api/complaints/${encodeURIComponent(complaintId)}/attachments/${encodeURIComponent(attachmentId)}`,
    { headers: s ? { Authorization: `Bearer ${s.token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, {});
  return URL.createObjectURL(await response.blob());
}

function fileSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The files the user may see: images as thumbnails, every file openable, each with its size and its ledger hash. */
async function attachmentsSection(view) {
  let list;
  try {
    list = await api(`/api/complaints/${encodeURIComponent(view.id)}/attachments`);
  } catch {
    return null;
  }
  if (!list.items.length) return null;
  return h('section', { class: 'panel', 'data-attachments': '' }, h('h2', {}, t('attachment.title')),
    h('ul', { class: 'attachments' }, list.items.map(a => {
      const label = a.caption || a.fileName || t('attachment.unnamed');
      const facts = h('p', { class: 'hint' }, `${a.mediaType} · ${fileSize(a.size)} · ${t(`role.${a.uploadedBy.role}`)} · ${formatTime(a.uploadedAt)}`,
        a.audience === 'INTERNAL' ? ` · ${t('attachment.internal')}` : '');
      const hash = h('p', { class: 'hint mono hash', 'data-sha256': a.sha256 }, 'sha256 ', h('abbr', { title: a.sha256 }, `${a.sha256.slice(0, 16)}…`));
      const item = h('li', { 'data-attachment': a.id, 'data-media-type': a.mediaType });
      if (a.redacted) {
        item.append(h('p', {}, label, ' — ', t('attachment.redacted')), hash);
        return item;
      }
      const errors = h('div', { class: 'form-errors' });
      const open = h('button', { type: 'button', class: 'secondary', 'data-open-attachment': '' }, t('attachment.open'));
      open.addEventListener('click', async () => {
        errors.replaceChildren();
        try {
          const url = await fileUrl(view.id, a.id);
          const link = h('a', { href: url, download: a.fileName || `${a.id}` });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } catch (error) {
          errors.replaceChildren(problemBox(error));
        }
      });
      if (a.mediaType.startsWith('image/') && a.mediaType !== 'image/heic') {
        const thumb = h('img', { class: 'thumb', alt: label, 'data-thumbnail': '' });
        fileUrl(view.id, a.id).then(url => { thumb.src = url; }).catch(() => thumb.replaceWith(h('span', { class: 'hint' }, t('attachment.gone'))));
        item.append(thumb);
      }
      item.append(h('p', {}, h('strong', {}, label)), facts, hash, open, errors);
      return item;
    })));
}

/** Attaching a file from the complaint page; staff choose who sees it (internal by default, as the server does). */
function attachForm(view, reload, staff) {
  return actionForm({
    title: t('attachment.add'), hint: t('attachment.hint'), submitLabel: t('attachment.submit'), cls: 'attach',
    fields: [field(t('attachment.file'), fileInput(true)),
      field(t('attachment.caption'), text('caption', { maxlength: 500 })),
      staff ? field(t('attachment.audience'), select('audience', [['internal', t('attachment.audience.internal')],
        ['public', t('attachment.audience.public')]], { required: true, selected: 'internal' })) : null],
    run: data => uploadFile(view.id, chosenFile(data), { caption: value(data, 'caption'), audience: staff ? data.get('audience') : null }),
    done: reload
  });
}

/**
 * Everything a role reads about a complaint before acting: the next step, the facts, and the words the other roles
 * left for it, from the history the server gives each role (the agency's without the complainant's identity).
 */
async function complaintPage(view, role) {
  const names = await agencies();
  await categories();
  const [history, original] = await Promise.all([
    api(`/api/complaints/${encodeURIComponent(view.id)}/history`).catch(() => null),
    view.duplicateOf ? api(`/api/complaints/${encodeURIComponent(view.duplicateOf)}`).catch(() => null) : null]);
  return [nextStep(view, names), complaintDetails(view, names, role, original), await attachmentsSection(view),
    conversationPanel(view, names),
    history ? handoffTimeline(history, names) : null];
}

/**
 * The complaint's conversation as the server gives it to this reader: each note with its audience spelled out
 * (public, or internal to staff), who wrote it by role and agency (never a person), and when. The complainant's view
 * holds public notes only; that is the server's doing, not the console's.
 */
function conversationPanel(view, names) {
  const notes = view.conversation || [];
  const item = n => h('li', { 'data-note': n.kind, 'data-audience': n.audience },
    h('p', { class: 'handoff-head' }, h('strong', {}, t(`note.${n.kind}`)), ' · ',
      h('span', { class: `badge audience-${n.audience}` }, t(`audience.${n.audience}`)), ' · ',
      n.role ? t(`role.${n.role}`) : '—', n.agencyId ? ` (${agencyName(names, n.agencyId)})` : '', ' · ', formatTime(n.at)),
    h('p', {}, n.text));
  return h('section', { class: 'panel conversation' }, h('h2', {}, t('conversation.title')),
    notes.length ? h('ol', { class: 'timeline-notes', 'data-conversation': '' }, notes.map(item)) : h('p', {}, t('conversation.none')));
}

/** A message to the conversation: staff choose its audience (nothing chosen beforehand), the complainant writes to everyone. */
function messageForm(view, staff, reload) {
  return actionForm({
    title: t('message.title'), hint: staff ? t('message.hint.staff') : t('message.hint.citizen'), submitLabel: t('message.submit'),
    cls: 'message', doneMessage: t('message.done'),
    fields: [field(t('message.text'), area('text', { required: true, maxlength: 4000, rows: 3 })),
      staff ? field(t('message.audience'), select('audience', [['public', t('audience.public')], ['internal', t('audience.internal')]],
        { required: true, empty: t('choose.audience') })) : null],
    run: (data, key) => command(view, 'messages', { text: value(data, 'text'), audience: staff ? data.get('audience') : 'public' }, key),
    done: reload
  });
}

/** The extension requests the operator has not answered yet: a request note with no decision note for it. */
const pendingExtensions = view => {
  const notes = view.conversation || [];
  const decided = new Set(notes.filter(n => n.kind === 'EXTENSION_DECISION').map(n => n.ref));
  return notes.filter(n => n.kind === 'EXTENSION_REQUEST' && n.ref && !decided.has(n.ref));
};

/** Whether the agency's last question still waits for the complainant's answer. */
const questionOpen = view => {
  const notes = view.conversation || [];
  const last = notes.map(n => n.kind).filter(k => k === 'QUESTION' || k === 'ANSWER').pop();
  return last === 'QUESTION' && (view.status === 'DISPATCHED' || view.status === 'IN_PROGRESS');
};

/** Finds a complaint from its tracking number for staff; null when no complaint has that number. */
async function findByTracking(number) {
  return api(`/api/complaints/by-tracking/${encodeURIComponent(number)}`).catch(error => {
    if (error && error.status === 404) return null;
    throw error;
  });
}

/** A tracking number as people type it ("lpr 7d3d wnfc meys") as the service writes it ("LPR-7D3D-WNFC-MEYS"). */
function normaliseTracking(typed) {
  const bare = String(typed || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = bare.match(/^LPR([A-Z0-9]{4})([A-Z0-9]{4})([A-Z0-9]{4})$/);
  return m ? `LPR-${m[1]}-${m[2]}-${m[3]}` : String(typed || '').trim().toUpperCase();
}

function complaintDetails(view, names = [], role = null, original = null) {
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  const complainant = view.complainant
    ? [view.complainant.name, view.complainant.phone, view.complainant.email].filter(Boolean).join(' · ')
    : (view.anonymous ? t('complainant.hidden') : t('complainant.none'));
  return h('section', { class: 'panel' },
    h('h2', {}, view.title || t('confidential.title')),
    h('dl', { class: 'facts' },
      row(t('field.tracking'), h('span', { class: 'mono', 'data-tracking': '' }, view.trackingNumber)),
      row(t('field.status'), h('span', { class: 'status', 'data-status': view.status }, statusText(view.status))),
      row(t('field.reportType'), reportTypeName(view.reportType)),
      row(t('field.category'), h('span', { 'data-category': view.category || '' }, categoryName(view.category))),
      row(t('field.agency'), h('span', { 'data-agency': view.agencyId || '' }, view.agencyId ? agencyName(names, view.agencyId) : '—')),
      row(t('field.location'), h('span', { 'data-location': '' }, placeOf(view.location))),
      row(t('field.visibility'), [view.anonymous ? t('visibility.anonymous') : t('visibility.named'), ', ',
        view.confidential ? t('visibility.confidential') : t('visibility.public')]),
      row(t('field.complainant'), h('span', { 'data-complainant': '' }, complainant)),
      row(t('field.submitted'), formatTime(view.submittedAt)),
      view.rating ? row(t('field.rating'), `${view.rating} / 5`) : null,
      view.reopenCount ? row(t('field.reopened'), String(view.reopenCount)) : null,
      view.recommendation ? row(t('field.recommendation'), h('span', { 'data-recommendation': view.recommendation.reportedAt ? 'reported' : 'pending' },
        view.recommendation.text, ' — ', agencyName(names, view.recommendation.agencyId), ', ',
        view.recommendation.reportedAt
          ? t('recommendation.reported', { day: formatTime(view.recommendation.reportedAt) })
          : [t('recommendation.due', { day: dayInWords(view.recommendation.dueAt) }), ' ', slaBadge(view.recommendation.state)])) : null,
      view.closureOutcome ? row(t('field.closureOutcome'), h('span', { 'data-closure': view.closureOutcome }, t(`closure.${view.closureOutcome}`))) : null,
      view.declines ? row(t('field.declines'), h('span', { 'data-declines': view.declines },
        t('declines.count', { declines: view.declines, handOffs: view.handOffs || 0 }),
        view.repeatedlyDeclined ? [' ', h('span', { class: 'badge flag', 'data-flag': 'repeatedly-declined' }, t('flag.repeatedlyDeclined'))] : null)) : null,
      view.duplicateOf ? row(t('field.duplicateOf'), h('span', { 'data-duplicate-of': original ? original.trackingNumber : '' },
        original && role ? complaintLink(role, original) : (original ? original.trackingNumber : t('duplicate.unknown')))) : null),
    view.description ? h('p', { class: 'description' }, view.description) : null,
    view.deadlines && view.deadlines.length ? [h('h3', {}, t('deadlines')), h('ul', {}, view.deadlines.map(d =>
      h('li', {}, t(`deadline.${d.kind}`), ': ', formatTime(d.dueAt), ' ', slaBadge(d.state))))] : null,
    h('h3', {}, t('followUps')),
    view.followUps && view.followUps.length
      ? h('ol', { class: 'follow-ups' }, view.followUps.map(f => h('li', {},
        h('p', {}, f.message), h('p', { class: 'hint' }, `${agencyName(names, f.agencyId)} · ${formatTime(f.postedAt)}`))))
      : h('p', {}, t('followUps.none')));
}

/** Where it happened, as the citizen wrote it, with the coordinates when given. */
function placeOf(location) {
  if (!location) return '—';
  const words = [location.village, location.district, location.regency].filter(Boolean).join(', ');
  const at = location.latitude != null && location.longitude != null
    ? `${Number(location.latitude).toFixed(5)}, ${Number(location.longitude).toFixed(5)}` : null;
  return [words, at && `(${at})`].filter(Boolean).join(' ') || '—';
}

/**
 * A table of a paged list: the first page as loaded, then "Show more" follows the API's opaque nextCursor (keyset
 * paging, stable while rows change) and appends the next page's rows.
 */
function pagedTable(caption, headers, first, row, more) {
  if (!first.items.length) return h('p', { class: 'empty' }, t('queue.empty'));
  const body = h('tbody', {}, first.items.map(row));
  const errors = h('div', { class: 'form-errors' });
  let cursor = first.nextCursor;
  const button = h('button', { type: 'button', class: 'secondary', 'data-more': '', hidden: !cursor }, t('more'));
  button.addEventListener('click', async () => {
    errors.replaceChildren();
    try {
      const page = await more(cursor);
      body.append(...page.items.map(row));
      cursor = page.nextCursor;
      button.hidden = !cursor;
    } catch (error) {
      errors.replaceChildren(problemBox(error));
    }
  });
  return [h('div', scrolling(caption), h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(c => h('th', { scope: 'col' }, c)))), body)), errors, button];
}

/**
 * The attributes of a box that scrolls sideways on a narrow screen: focusable, so that a keyboard can scroll it, and
 * named, so that a screen reader says what the stop is (axe-core: scrollable-region-focusable).
 */
const scrolling = (label, cls = 'table-wrap') => ({ class: cls, tabindex: '0', role: 'region', 'aria-label': label });

function queueTable(caption, first, link, more) {
  return pagedTable(caption, [t('field.tracking'), t('field.title'), t('field.status'), t('field.due'), t('field.sla')],
    first, item => h('tr', { 'data-id': item.id },
      h('td', { class: 'mono' }, h('a', { href: link(item) }, item.trackingNumber)),
      h('td', {}, item.title || t('confidential.title')),
      h('td', {}, statusText(item.status), item.repeatedlyDeclined
        ? [' ', h('span', { class: 'badge flag', 'data-flag': 'repeatedly-declined' }, t('flag.repeatedlyDeclined'))] : null,
        item.awaitsImplementation
          ? [' ', h('span', { class: 'badge flag', 'data-flag': 'awaits-implementation' }, t('flag.awaitsImplementation'))] : null),
      h('td', {}, formatTime(item.dueAt)),
      h('td', {}, slaBadge(item.slaState))), more);
}

function refreshButton() {
  return h('button', { type: 'button', class: 'secondary', 'data-refresh': '', onclick: () => route() }, t('refresh'));
}

const value = (data, name) => {
  const v = data.get(name);
  return v == null || v === '' ? null : String(v).trim() || null;
};

// ---------- screens

/** How this server lets the console sign in; both off when it cannot say (the paste form always works). */
async function signInOptions() {
  return api('/console/sign-in-options', { auth: false }).catch(() => ({ identityProvider: false, demoTokens: true }));
}

async function signInScreen(message) {
  const mine = generation;
  const [agencies, options] = await Promise.all([api('/api/agencies', { auth: false }).catch(() => []), signInOptions()]);
  if (mine !== generation) return;
  const roleSelect = select('role', Object.keys(HOME).map(r => [r, t(`role.${r}`)]), { required: true });
  const agencySelect = select('agency', agencies.map(a => [a.id, a.name]));
  const agencyField = field(t('signin.agency'), agencySelect);
  const syncAgency = () => { agencyField.hidden = roleSelect.value !== 'agency-officer'; };
  roleSelect.addEventListener('change', syncAgency);
  syncAgency();
  render(t('signin.title'),
    message ? h('div', { class: 'alert', role: 'alert' }, message) : null,
    h('p', {}, t('signin.intro')),
    // the authorization code flow runs on the server (Quarkus OIDC, with PKCE): a plain navigation, not a fetch
    options.identityProvider ? h('section', { class: 'panel provider' }, h('h2', {}, t('signin.provider')),
      h('p', { class: 'hint' }, t('signin.provider.hint')),
      h('a', { class: 'button', href: '/console/signin', 'data-provider-signin': '' }, t('signin.provider.submit'))) : null,
    options.demoTokens === false ? null : actionForm({
      title: t('signin.demo'), hint: t('signin.demo.hint'), submitLabel: t('signin.demo.submit'), doneMessage: t('signin.done'),
      fields: [field(t('signin.role'), roleSelect), field(t('signin.subject'), text('subject', { autocomplete: 'username' }),
        t('signin.subject.hint')), agencyField],
      run: async data => {
        const role = data.get('role');
        const query = new URLSearchParams();
        if (value(data, 'subject')) query.set('subject', value(data, 'subject'));
        if (role === 'agency-officer' && data.get('agency')) query.set('agency', data.get('agency'));
        try {
          return await api(`/dev/tokens/${encodeURIComponent(role)}?${query}`, { auth: false });
        } catch (error) {
          if (error.status === 404) throw new ApiError(404, { detail: t('signin.demo.unavailable') });
          throw error;
        }
      },
      done: issued => {
        signIn(issued.token, { role: issued.role, subject: issued.subject, agency: issued.agency });
        location.hash = `#/${HOME[issued.role]}`;
      }
    }),
    actionForm({
      title: t('signin.paste'), hint: t('signin.paste.hint'), submitLabel: t('signin.paste.submit'), doneMessage: t('signin.done'),
      fields: [field(t('signin.token'), area('token', { required: true, rows: 3, spellcheck: 'false', autocomplete: 'off' }))],
      run: async data => {
        const token = String(data.get('token')).trim();
        let claims;
        try { claims = claimsOf(token); } catch { throw new ApiError(400, { detail: t('signin.paste.invalid') }); }
        return { token, claims };
      },
      done: ({ token, claims }) => {
        signIn(token, claims);
        location.hash = `#/${HOME[claims.role]}`;
      }
    }),
    h('p', {}, h('a', { href: '#/track' }, t('track.link'))));
}

/** Back from the identity provider's login: the server's session hands over its access token. */
async function signedInScreen() {
  const mine = generation;
  const token = await providerToken().catch(() => null);
  if (mine !== generation) return;
  let claims = null;
  try { claims = token && claimsOf(token); } catch { claims = null; }
  if (!claims) {
    signInScreen(t(token ? 'signin.provider.norole' : 'signin.provider.failed'));
    return;
  }
  signIn(token, { ...claims, provider: true });
  flash = t('signin.done');
  location.hash = `#/${HOME[claims.role]}`;
}

async function trackScreen(number) {
  const result = h('div', { 'aria-live': 'polite', 'data-track-result': '' });
  const names = await agencies();
  await categories();
  const form = actionForm({
    title: t('track.form'), hint: t('track.hint'), submitLabel: t('track.submit'), doneMessage: t('track.done'), inline: true,
    fields: [field(t('field.tracking'), text('number', { required: true, value: number || '', autocomplete: 'off', placeholder: 'LPR-XXXX-XXXX-XXXX' }))],
    run: data => {
      // a new search says nothing of the old one: its result goes before the answer comes
      result.replaceChildren();
      const wanted = normaliseTracking(data.get('number'));
      form.querySelector('[name=number]').value = wanted;
      if (`#/track/${encodeURIComponent(wanted)}` !== location.hash) history.replaceState(null, '', `#/track/${encodeURIComponent(wanted)}`);
      return api(`/api/track/${encodeURIComponent(wanted)}`, { auth: false });
    },
    done: tracked => {
      result.replaceChildren(h('section', { class: 'panel' }, h('h2', {}, tracked.trackingNumber),
        h('dl', { class: 'facts' },
          h('dt', {}, t('field.status')), h('dd', { 'data-status': tracked.status }, statusText(tracked.status)),
          tracked.category ? [h('dt', {}, t('field.category')), h('dd', {}, categoryName(tracked.category))] : null,
          tracked.agencyId ? [h('dt', {}, t('field.agency')), h('dd', {}, agencyName(names, tracked.agencyId))] : null,
          tracked.submittedAt ? [h('dt', {}, t('field.submitted')), h('dd', {}, formatTime(tracked.submittedAt))] : null,
          tracked.updatedAt ? [h('dt', {}, t('field.updated')), h('dd', {}, formatTime(tracked.updatedAt))] : null),
        h('p', {}, t(`next.${tracked.status}`, { agency: tracked.agencyId ? agencyName(names, tracked.agencyId) : t('next.who.agency') }))));
    }
  });
  render(t('track.title'), form, result);
  // a link to #/track/<number> searches at once
  if (number) form.querySelector('form').requestSubmit();
}

/** The first page anyone sees: what the service is, the two things a citizen comes for, and sign-in after them. */
function landingScreen() {
  render(t('landing.title'),
    h('p', { class: 'lead' }, t('landing.what')),
    h('ol', { class: 'steps' }, ['landing.step1', 'landing.step2', 'landing.step3'].map(k => h('li', {}, t(k)))),
    h('p', { class: 'primary-actions' },
      h('a', { class: 'button', href: '#/citizen', 'data-start': 'file' }, t('landing.file')), ' ',
      h('a', { class: 'button secondary', href: '#/track', 'data-start': 'track' }, t('landing.track'))),
    h('p', {}, t('landing.claim'), ' ', h('a', { href: '#/claim', 'data-claim-link': '' }, t('claim.title'))),
    h('p', {}, t('landing.staff'), ' ', h('a', { href: '#/signin' }, t('signin.title'))));
}

async function citizenHome() {
  const s = session();
  // a claimed session is good for its one complaint only: no list, no filing
  if (s.complaint) {
    location.hash = `#/citizen/c/${s.complaint}`;
    return;
  }
  await screen(t('citizen.title'), async () => {
    // the service's list of the signed-in complainant's own complaints: the same on every device
    const views = (await api('/api/complaints/mine')).items;
    const anonymousBox = checkbox('anonymous', t('file.anonymous'), t('file.anonymous.hint'));
    // the name is required unless the complaint is anonymous, as the server says (a named complaint needs a name)
    const nameInput = text('name', { autocomplete: 'name', maxlength: 200, required: true });
    const anonymousInput = anonymousBox.querySelector('input');
    anonymousInput.addEventListener('change', () => setRequired(nameInput, !anonymousInput.checked));
    const contact = h('fieldset', {}, h('legend', {}, t('file.contact')),
      h('p', { class: 'hint' }, t('file.contact.hint')),
      field(t('file.name'), nameInput),
      field(t('file.phone'), h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', maxlength: 20, pattern: PHONE }), t('file.phone.hint')),
      field(t('file.email'), h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: 254, pattern: EMAIL }), t('file.email.hint')));
    return [
      h('section', { class: 'panel' }, h('h2', {}, t('citizen.mine')),
        views.filter(Boolean).length
          ? h('ul', { class: 'cards', 'data-mine': '' }, views.filter(Boolean).map(v => h('li', {},
            h('a', { href: `#/citizen/c/${v.id}` }, v.title), ' ',
            h('span', { class: 'mono' }, v.trackingNumber), ' · ', h('span', { class: 'status' }, statusText(v.status)))))
          : h('p', {}, t('citizen.mine.none'))),
      actionForm({
        title: t('file.title'), hint: t('file.hint'), submitLabel: t('file.submit'), cls: 'file', doneMessage: t('file.done'),
        fields: [
          field(t('field.title'), text('title', { required: true, maxlength: 200 })),
          field(t('file.description'), area('description', { required: true, maxlength: 4000, rows: 6 })),
          field(t('field.reportType'), select('reportType', reportTypeOptions(), { required: true })),
          field(t('field.category'), select('category', categoryOptions(null), { required: true })),
          h('fieldset', {}, h('legend', {}, t('file.location')),
            field(t('file.regency'), text('regency', { value: 'Bengkalis', maxlength: 100 })),
            field(t('file.district'), text('district', { maxlength: 100 })),
            field(t('file.village'), text('village', { maxlength: 100 })),
            hereButton()),
          field(t('file.photo'), fileInput(), t('file.photo.hint')),
          h('fieldset', {}, h('legend', {}, t('file.privacy')),
            anonymousBox,
            checkbox('confidential', t('file.confidential'), t('file.confidential.hint'))),
          contact],
        run: (data, key) => {
          const anonymous = data.get('anonymous') === 'on';
          const name = value(data, 'name');
          const body = {
            title: value(data, 'title'), description: value(data, 'description'),
            reportType: data.get('reportType'), category: data.get('category'), channel: 'WEB',
            location: { regency: value(data, 'regency'), district: value(data, 'district'), village: value(data, 'village'),
              latitude: value(data, 'latitude') && Number(data.get('latitude')),
              longitude: value(data, 'longitude') && Number(data.get('longitude')) },
            anonymous, confidential: data.get('confidential') === 'on',
            complainant: name || !anonymous
              ? { name, phone: value(data, 'phone'), email: value(data, 'email') } : null
          };
          const photo = chosenFile(data);
          return api('/api/complaints', { method: 'POST', body, headers: { 'Idempotency-Key': key } })
            // filed: a refused photo must not make the citizen file again, so the receipt says it was not attached
            .then(view => photo ? uploadFile(view.id, photo).then(() => view, error => ({ ...view, photoRefused: error })) : view);
        },
        done: view => {
          if (view.photoRefused) flash = t('file.photo.refused', { detail: view.photoRefused.problem?.detail || view.photoRefused.status });
          location.hash = `#/citizen/receipt/${view.id}`;
        }
      })];
  });
}

/**
 * "Use my location": the phone's position, asked only when the citizen presses the button, sent as the complaint's
 * coordinates beside the place they typed; said on screen, so that they know what goes with the complaint.
 */
function hereButton() {
  const latitude = h('input', { type: 'hidden', name: 'latitude' });
  const longitude = h('input', { type: 'hidden', name: 'longitude' });
  const said = h('p', { class: 'hint', 'data-coordinates': '', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary', 'data-locate': '' }, t('file.locate'));
  button.addEventListener('click', () => {
    if (!navigator.geolocation) {
      said.textContent = t('file.locate.unavailable');
      return;
    }
    said.textContent = t('file.locate.asking');
    navigator.geolocation.getCurrentPosition(position => {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
      said.textContent = t('file.locate.done', {
        at: `${position.coords.latitude.toFixed(5)}, ${position.coords.longitude.toFixed(5)}` });
    }, () => {
      latitude.value = '';
      longitude.value = '';
      said.textContent = t('file.locate.refused');
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
  return h('div', { class: 'field' }, button, latitude, longitude, said);
}

/** After filing: the tracking number large, what happens next and by when, and a page that prints as a receipt. */
async function citizenReceipt(id) {
  await screen(t('receipt.title'), async () => {
    const view = await api(`/api/complaints/${encodeURIComponent(id)}`);
    const names = await agencies();
    const print = h('button', { type: 'button', class: 'secondary no-print', 'data-print': '' }, t('receipt.print'));
    print.addEventListener('click', () => window.print());
    return h('section', { class: 'panel receipt', 'data-receipt': '' },
      h('h2', {}, t('receipt.number')),
      h('p', { class: 'tracking-big mono', 'data-tracking': '' }, view.trackingNumber),
      h('p', {}, t('receipt.keep')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.title')), h('dd', {}, view.title),
        h('dt', {}, t('field.submitted')), h('dd', {}, formatTime(view.submittedAt)),
        h('dt', {}, t('field.location')), h('dd', {}, placeOf(view.location)),
        h('dt', {}, t('field.status')), h('dd', { 'data-status': view.status }, statusText(view.status))),
      nextStep(view, names),
      h('p', { class: 'no-print' }, print, ' ', h('a', { href: `#/citizen/c/${view.id}` }, t('receipt.open')), ' · ',
        h('a', { href: '#/citizen' }, t('back'))));
  });
}

async function citizenComplaint(id) {
  await screen(t('complaint.title'), async () => {
    const view = await api(`/api/complaints/${encodeURIComponent(id)}`);
    const reload = () => route();
    const parts = [h('p', {}, h('a', { href: '#/citizen' }, t('back'))), await complaintPage(view, 'citizen')];
    if (view.status === 'ON_HOLD') {
      const history = await api(`/api/complaints/${encodeURIComponent(id)}/history`);
      const asked = history.events.filter(e => e.type === 'complaint.clarification-requested').pop();
      parts.push(actionForm({
        title: t('clarify.title'), hint: asked ? `${t('clarify.question')}: ${asked.data.question}` : null,
        submitLabel: t('clarify.submit'),
        fields: [field(t('clarify.answer'), area('answer', { required: true, maxlength: 4000 })),
          field(t('attachment.file'), fileInput(), t('attachment.optional'))],
        run: async (data, key) => {
          const answered = await command(view, 'clarifications', { answer: value(data, 'answer') }, key);
          const file = chosenFile(data);
          if (file) await uploadFile(view.id, file);
          return answered;
        },
        done: reload
      }));
    }
    if (questionOpen(view)) {
      const asked = (view.conversation || []).filter(n => n.kind === 'QUESTION').pop();
      parts.push(actionForm({
        title: t('answer.title'), hint: `${t('answer.question')}: ${asked.text}`, submitLabel: t('answer.submit'), cls: 'answer',
        fields: [field(t('answer.text'), area('answer', { required: true, maxlength: 4000 }))],
        run: (data, key) => command(view, 'clarifications', { answer: value(data, 'answer') }, key), done: reload
      }));
    }
    if (!TERMINAL.includes(view.status)) parts.push(messageForm(view, false, reload));
    if (view.status === 'RESPONDED') {
      parts.push(actionForm({
        title: t('accept.title'), hint: t('accept.hint'), submitLabel: t('accept.submit'), cls: 'accept',
        fields: [h('fieldset', { class: 'rating' }, h('legend', {}, t('accept.rating')),
          [1, 2, 3, 4, 5].map(n => {
            const rid = nextId('r');
            return h('span', { class: 'radio' }, h('input', { type: 'radio', name: 'rating', value: n, id: rid, required: true }),
              h('label', { for: rid }, `${n} ${t(`accept.stars.${n}`)}`));
          })),
        field(t('accept.comment'), area('comment', { rows: 2 }))],
        run: (data, key) => command(view, 'accept', { rating: Number(data.get('rating')), comment: value(data, 'comment') }, key),
        done: reload
      }));
      parts.push(actionForm({
        title: t('object.title'), hint: t('object.hint'), submitLabel: t('object.submit'),
        fields: [field(t('reason'), area('reason', { required: true, maxlength: 2000 }))],
        run: (data, key) => command(view, 'object', { reason: value(data, 'reason') }, key), done: reload
      }));
    }
    // an appeal is against an outcome (DOMAIN.md): the agency's answer, the completed complaint, or a deadline the
    // agency let pass; minutes after filing there is nothing yet to appeal against
    const missed = (view.deadlines || []).some(d => d.state === 'OVERDUE');
    if (view.status === 'RESPONDED' || view.status === 'COMPLETED' || (OPEN.includes(view.status) && missed)) {
      parts.push(actionForm({
        title: t('appeal.title'), hint: t('appeal.hint'), submitLabel: t('appeal.submit'), confirm: t('appeal.confirm'),
        fields: [field(t('reason'), area('reason', { required: true, rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'appeal', { reason: value(data, 'reason') }, key), done: reload
      }));
    }
    if (!TERMINAL.includes(view.status)) parts.push(attachForm(view, reload, false));
    if (!TERMINAL.includes(view.status)) {
      parts.push(actionForm({
        title: t('withdraw.title'), hint: t('withdraw.hint'), submitLabel: t('withdraw.submit'), confirm: t('withdraw.confirm'),
        fields: [field(t('reason'), area('reason', { required: true, rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'withdraw', { reason: value(data, 'reason') }, key), done: reload
      }));
    }
    return parts;
  });
}

async function officerHome(params) {
  const s = session();
  const status = params.get('status') || '';
  const overdue = params.get('overdue') === 'true';
  await screen(t('officer.title'), async () => {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (overdue) query.set('overdue', 'true');
    const queuePage = cursor => api(`/api/agencies/${encodeURIComponent(s.agency)}/queue?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    // an officer's own last steps show at once: what left the agency's desk is gone, the rest at its new status
    const shown = await settledQueue(queuePage,
      step => step.agencyId === s.agency && OPEN.includes(step.status) && (!status || step.status === status));
    const statusSelect = select('status', QUEUE_STATUSES.map(x => [x, statusText(x)]), { selected: status, empty: t('filter.any') });
    const filters = h('form', { class: 'filters', role: 'search', 'aria-label': t('filter.label') },
      field(t('field.status'), statusSelect), checkbox('overdue', t('filter.overdue'), null, overdue),
      h('button', { type: 'submit' }, t('filter.apply')));
    filters.addEventListener('submit', event => {
      event.preventDefault();
      const data = new FormData(filters);
      const next = new URLSearchParams();
      if (data.get('status')) next.set('status', data.get('status'));
      if (data.get('overdue') === 'on') next.set('overdue', 'true');
      location.hash = `#/officer?${next}`;
    });
    const names = await agencies();
    return [h('p', {}, t('officer.agency'), ': ', h('strong', {}, agencyName(names, s.agency))), filters, refreshButton(),
      queueTable(t('officer.queue'), shown, item => `#/officer/c/${item.id}`, queuePage)];
  });
}

async function officerComplaint(id) {
  await screen(t('complaint.title'), async () => {
    const view = await api(`/api/complaints/${encodeURIComponent(id)}`);
    const reload = () => route();
    const parts = [h('p', {}, h('a', { href: '#/officer' }, t('back'))), await complaintPage(view, 'agency-officer')];
    if (view.status === 'DISPATCHED') {
      parts.push(actionForm({
        title: t('ack.title'), hint: t('ack.hint'), submitLabel: t('ack.submit'), cls: 'acknowledge', fields: [],
        run: (data, key) => command(view, 'acknowledge', {}, key), done: reload
      }));
    }
    if (view.status === 'IN_PROGRESS') {
      parts.push(actionForm({
        title: t('followUp.title'), hint: t('followUp.hint'), submitLabel: t('followUp.submit'), cls: 'follow-up',
        fields: [field(t('followUp.message'), area('message', { required: true, maxlength: 4000 })),
          field(t('followUp.actionTakenOn'), h('input', { type: 'date', name: 'actionTakenOn' })),
          field(t('followUp.letter'), fileInput(), t('followUp.letter.hint'))],
        run: async (data, key) => {
          const posted = await command(view, 'follow-ups',
            { message: value(data, 'message'), actionTakenOn: value(data, 'actionTakenOn') }, key);
          // the agency's signed letter answers the complainant: they see it (public), as they see the follow-up
          const letter = chosenFile(data);
          if (letter) await uploadFile(view.id, letter, { caption: t('followUp.letter.caption'), audience: 'public' });
          return posted;
        },
        done: reload
      }));
    }
    if (view.status === 'IN_PROGRESS') {
      parts.push(actionForm({
        title: t('progress.title'), hint: t('progress.hint'), submitLabel: t('progress.submit'), cls: 'progress',
        fields: [field(t('progress.message'), area('message', { required: true, maxlength: 4000, rows: 3 }))],
        run: (data, key) => command(view, 'progress', { message: value(data, 'message') }, key), done: reload
      }));
    }
    parts.push(attachForm(view, reload, true));
    if (view.status === 'DISPATCHED' || view.status === 'IN_PROGRESS') {
      parts.push(actionForm({
        title: t('question.title'), hint: t('question.hint'), submitLabel: t('question.submit'), cls: 'question',
        fields: [field(t('question.text'), area('question', { required: true, maxlength: 2000, rows: 3 }))],
        run: (data, key) => command(view, 'questions', { question: value(data, 'question') }, key), done: reload
      }));
      if (!pendingExtensions(view).length) {
        parts.push(actionForm({
          title: t('extension.title'), hint: t('extension.hint'), submitLabel: t('extension.submit'), cls: 'extension',
          fields: [field(t('extension.days'), h('input', { type: 'number', name: 'days', min: 1, max: 30, required: true, inputmode: 'numeric' })),
            field(t('reason'), area('reason', { required: true, maxlength: 2000, rows: 2 }))],
          run: (data, key) => command(view, 'extension-requests', { days: Number(data.get('days')), reason: value(data, 'reason') }, key),
          done: reload
        }));
      }
    }
    if (!TERMINAL.includes(view.status)) parts.push(messageForm(view, true, reload));
    if (view.recommendation && !view.recommendation.reportedAt && view.recommendation.agencyId === session().agency) {
      parts.push(actionForm({
        title: t('implementation.title'), hint: `${t('field.recommendation')}: ${view.recommendation.text}`,
        submitLabel: t('implementation.submit'), cls: 'implementation',
        fields: [field(t('implementation.report'), area('report', { required: true, maxlength: 4000, rows: 3 }))],
        run: (data, key) => command(view, 'implementation', { report: value(data, 'report') }, key), done: reload
      }));
    }
    if (view.status === 'DISPATCHED' || view.status === 'IN_PROGRESS') {
      // the units of the officer's agency, from the administration's data (GET /api/agencies/{id}/units)
      const units = flattenUnits(await api(`/api/agencies/${encodeURIComponent(view.agencyId)}/units`, { auth: false }));
      if (units.length) parts.push(actionForm({
        title: t('assign.title'), hint: t('assign.hint'), submitLabel: t('assign.submit'),
        cls: 'assign', doneMessage: t('assign.done'),
        fields: [field(t('assign.unit'), select('unitId', units.map(u => [u.id, u.label]), { required: true, empty: t('choose.unit') })),
          field(t('assign.assignee'), text('assignee', { maxlength: 100, autocomplete: 'off' }), t('assign.assignee.hint')),
          field(t('note'), area('note', { rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'assignment',
          { unitId: value(data, 'unitId'), note: value(data, 'note'), assignee: value(data, 'assignee') }, key),
        done: reload
      }));
      const list = await agencies();
      parts.push(actionForm({
        title: t('decline.title'), hint: t('decline.hint'), submitLabel: t('decline.submit'), confirm: t('decline.confirm'),
        doneMessage: t('decline.done'),
        fields: [field(t('reason'), area('reason', { required: true, maxlength: 2000 })),
          field(t('decline.suggested'), select('suggestedAgencyId',
            list.filter(a => a.id !== view.agencyId).map(a => [a.id, a.name]), { empty: t('decline.noSuggestion') }))],
        run: (data, key) => command(view, 'decline',
          { reason: value(data, 'reason'), suggestedAgencyId: value(data, 'suggestedAgencyId') }, key),
        // declined, the complaint is no longer the agency's to see: back to the queue
        done: () => { location.hash = '#/officer'; }
      }));
    }
    return parts;
  });
}

async function operatorHome() {
  await screen(t('operator.title'), async () => {
    const queuePage = cursor => api(`/api/operator/queue${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    const queue = await settledQueue(queuePage, step => OPERATOR_STATUSES.includes(step.status));
    return [h('p', {}, h('a', { class: 'button secondary', href: '#/operator/desk', 'data-desk': '' }, t('desk.link')), ' ',
      h('a', { class: 'button secondary', href: '#/operator/intake', 'data-intake': '' }, t('intake.link'))),
      refreshButton(), queueTable(t('operator.queue'), queue, item => `#/operator/c/${item.id}`, queuePage)];
  });
}

// ---------- the walk-in, phone and letter desk (issue 16): the operator files for the person in front of them and
// prints a receipt with the tracking number, the claim code and a QR code of the tracking link, in both languages.

const DESK_CHANNELS = ['WALK_IN', 'PHONE', 'LETTER'];
const NOTIFY = ['EMAIL', 'WHATSAPP', 'SMS', 'NONE'];
// The claim code is shown once, on the receipt drawn right after filing: kept in this page's memory only, never
// stored in the browser; a reloaded receipt offers to issue a new code instead.
const issuedCodes = new Map();

async function deskScreen() {
  await screen(t('desk.title'), async () => {
    const anonymousBox = checkbox('anonymous', t('file.anonymous'), t('file.anonymous.hint'));
    const nameInput = text('name', { autocomplete: 'off', maxlength: 200, required: true });
    const anonymousInput = anonymousBox.querySelector('input');
    anonymousInput.addEventListener('change', () => setRequired(nameInput, !anonymousInput.checked));
    return [h('p', {}, h('a', { href: '#/operator' }, t('back'))),
      h('p', { class: 'lead' }, t('desk.intro')),
      actionForm({
        title: t('desk.form'), hint: t('file.hint'), submitLabel: t('desk.submit'), cls: 'desk', doneMessage: t('desk.done'),
        fields: [
          field(t('desk.channel'), select('channel', DESK_CHANNELS.map(c => [c, t(`channel.${c}`)]), { required: true })),
          ...complaintFields(anonymousBox),
          h('fieldset', {}, h('legend', {}, t('desk.person')),
            h('p', { class: 'hint' }, t('file.contact.hint')),
            field(t('file.name'), nameInput),
            field(t('file.phone'), h('input', { type: 'tel', name: 'phone', autocomplete: 'off', maxlength: 20, pattern: PHONE }), t('file.phone.hint')),
            field(t('file.email'), h('input', { type: 'email', name: 'email', autocomplete: 'off', maxlength: 254, pattern: EMAIL }), t('file.email.hint')),
            field(t('desk.address'), area('address', { maxlength: 500, rows: 2 })),
            field(t('desk.notify'), select('notify', NOTIFY.map(n => [n, t(`notify.${n}`)]), { empty: t('desk.notify.default') }), t('desk.notify.hint')),
            field(t('desk.language'), select('language', [['id', 'Bahasa Indonesia'], ['en', 'English']], { required: true })))],
        run: async (data, key) => {
          const anonymous = data.get('anonymous') === 'on';
          const name = value(data, 'name');
          const body = {
            title: value(data, 'title'), description: value(data, 'description'),
            reportType: data.get('reportType'), category: data.get('category'), channel: data.get('channel'),
            location: { regency: value(data, 'regency'), district: value(data, 'district'), village: value(data, 'village') },
            anonymous, confidential: data.get('confidential') === 'on',
            complainant: name || !anonymous
              ? { name, phone: value(data, 'phone'), email: value(data, 'email'), address: value(data, 'address') } : null,
            notify: data.get('notify') || null, language: data.get('language')
          };
          const view = await api('/api/complaints', { method: 'POST', body, headers: { 'Idempotency-Key': key } });
          const issued = await api(`/api/complaints/${encodeURIComponent(view.id)}/claim-code`, { method: 'POST' });
          return { view, issued };
        },
        done: ({ view, issued }) => {
          issuedCodes.set(view.id, { view, issued });
          location.hash = `#/operator/receipt/${view.id}`;
        }
      })];
  });
}

// ---------- the intake inbox (issue 16): WhatsApp and SMS conversations that are not complaints yet. The operator
// reads what the sender wrote (the number masked by the server), then files it on the sender's behalf (the channel
// and the phone are the conversation's, never typed) or dismisses it with a reason.

/** One conversation's messages in order; a file sent in the chat shows as its media type. */
function chatMessages(item) {
  return h('ol', { class: 'timeline-notes chat', 'data-chat': item.id }, item.messages.map(m => h('li', {},
    h('p', { class: 'hint' }, formatTime(m.receivedAt)),
    m.text ? h('p', { class: 'message-body' }, m.text) : null,
    m.mediaType ? h('p', { class: 'hint' }, t('intake.media', { type: m.mediaType })) : null)));
}

async function intakeScreen() {
  await screen(t('intake.title'), async () => {
    const inbox = await api('/api/intake');
    const head = [h('p', {}, h('a', { href: '#/operator' }, t('back'))), h('p', { class: 'lead' }, t('intake.intro')), refreshButton()];
    if (!inbox.items.length) return [...head, h('p', { class: 'empty', 'data-intake-empty': '' }, t('intake.empty'))];
    return [...head, h('ul', { class: 'intake-items' }, inbox.items.map(item => h('li', { class: 'panel', 'data-intake-item': item.id },
      h('h2', {}, t(`channel.${item.channel}`), ' · ', h('span', { class: 'mono', 'data-from': '' }, item.from)),
      h('p', { class: 'hint' }, t('intake.count', { n: item.messages.length })),
      chatMessages(item),
      h('p', {}, h('a', { class: 'button', href: `#/operator/intake/${encodeURIComponent(item.id)}`, 'data-intake-open': '' }, t('intake.open'))))))];
  });
}

/** One conversation: its messages beside the filing form, and dismissal with a reason. */
/**
 * The complaint's own fields, the same on the operator's desk and on the inbox's filing form: what happened, what
 * kind, where, and how private; the title and the description may start filled in (from a chat).
 */
function complaintFields(anonymousBox, { title = '', description = '' } = {}) {
  const story = area('description', { required: true, maxlength: 4000, rows: 6 });
  story.value = description;
  return [
    field(t('field.title'), text('title', { required: true, maxlength: 200, value: title })),
    field(t('file.description'), story),
    field(t('field.reportType'), select('reportType', reportTypeOptions(), { required: true })),
    field(t('field.category'), select('category', categoryOptions(null), { required: true })),
    h('fieldset', {}, h('legend', {}, t('file.location')),
      field(t('file.regency'), text('regency', { value: 'Bengkalis', maxlength: 100 })),
      field(t('file.district'), text('district', { maxlength: 100 })),
      field(t('file.village'), text('village', { maxlength: 100 }))),
    h('fieldset', {}, h('legend', {}, t('file.privacy')),
      anonymousBox,
      checkbox('confidential', t('file.confidential'), t('file.confidential.hint')))];
}

async function intakeConversation(id) {
  await screen(t('intake.conversation'), async () => {
    const item = (await api('/api/intake')).items.find(i => i.id === id);
    const back = h('p', {}, h('a', { href: '#/operator/intake' }, t('intake.back')));
    if (!item) return [back, h('p', { class: 'empty' }, t('intake.gone'))];
    const said = item.messages.map(m => m.text).filter(Boolean).join('\n');
    const firstLine = (said.split('\n')[0] || '').slice(0, 200);
    const anonymousBox = checkbox('anonymous', t('file.anonymous'), t('file.anonymous.hint'));
    return [back,
      h('section', { class: 'panel' }, h('h2', {}, t(`channel.${item.channel}`), ' · ', h('span', { class: 'mono', 'data-from': '' }, item.from)),
        chatMessages(item)),
      actionForm({
        title: t('intake.file'), hint: t('intake.file.hint'), submitLabel: t('intake.file.submit'), cls: 'intake-file', doneMessage: t('intake.filed'),
        fields: [
          ...complaintFields(anonymousBox, { title: firstLine, description: said.slice(0, 4000) }),
          h('fieldset', {}, h('legend', {}, t('desk.person')),
            h('p', { class: 'hint' }, t('intake.person.hint')),
            field(t('file.name'), text('name', { autocomplete: 'off', maxlength: 200 })),
            field(t('file.email'), h('input', { type: 'email', name: 'email', autocomplete: 'off', maxlength: 254, pattern: EMAIL }), t('file.email.hint')),
            field(t('desk.address'), area('address', { maxlength: 500, rows: 2 })),
            field(t('desk.language'), select('language', [['id', 'Bahasa Indonesia'], ['en', 'English']], { required: true })))],
        run: data => {
          const name = value(data, 'name');
          const body = {
            title: value(data, 'title'), description: value(data, 'description'),
            reportType: data.get('reportType'), category: data.get('category'),
            location: { regency: value(data, 'regency'), district: value(data, 'district'), village: value(data, 'village') },
            anonymous: data.get('anonymous') === 'on', confidential: data.get('confidential') === 'on',
            // the phone is the chat's own number, which the server holds: only what the sender told the operator
            complainant: name ? { name, email: value(data, 'email'), address: value(data, 'address') } : null,
            language: data.get('language')
          };
          return api(`/api/intake/${encodeURIComponent(id)}/file`, { method: 'POST', body });
        },
        done: view => { location.hash = `#/operator/c/${view.id}`; }
      }),
      actionForm({
        title: t('intake.dismiss'), hint: t('intake.dismiss.hint'), submitLabel: t('intake.dismiss.submit'), cls: 'intake-dismiss',
        confirm: t('intake.dismiss.confirm'), doneMessage: t('intake.dismissed'),
        fields: [field(t('reason'), area('reason', { required: true, maxlength: 2000, rows: 2 }))],
        run: data => api(`/api/intake/${encodeURIComponent(id)}/dismiss`, { method: 'POST', body: { reason: value(data, 'reason') } }),
        done: () => { location.hash = '#/operator/intake'; }
      })];
  });
}

/** The printable receipt: both languages side by side, whatever the console's own language is. */
async function deskReceipt(id) {
  await screen(t('desk.receipt.title'), async () => {
    const kept = issuedCodes.get(id);
    const view = kept ? kept.view : await api(`/api/complaints/${encodeURIComponent(id)}`);
    if (!kept) {
      return [h('p', {}, h('a', { href: '#/operator/desk' }, t('back'))),
        actionForm({
          title: t('desk.reissue'), hint: t('desk.reissue.hint'), submitLabel: t('desk.reissue.submit'), cls: 'reissue',
          fields: [],
          run: () => api(`/api/complaints/${encodeURIComponent(id)}/claim-code`, { method: 'POST' }),
          done: issued => { issuedCodes.set(id, { view, issued }); route(); }
        })];
    }
    const { issued } = kept;
    const both = (key, params) => ['id', 'en'].map(lang => h('span', { lang, class: `lang-${lang}` }, tIn(lang, key, params)));
    const row = (key, valueNode, attrs = {}) => [h('dt', {}, both(key)), h('dd', attrs, valueNode)];
    const print = h('button', { type: 'button', class: 'no-print', 'data-print': '' }, t('receipt.print'));
    print.addEventListener('click', () => window.print());
    return [
      h('section', { class: 'panel receipt desk-receipt', 'data-desk-receipt': '' },
        h('h2', {}, both('desk.receipt.heading')),
        h('div', { class: 'receipt-body' },
          h('dl', { class: 'facts' },
            row('receipt.number', issued.trackingNumber, { class: 'tracking-big mono', 'data-tracking': '' }),
            row('desk.receipt.code', issued.claimCode, { class: 'tracking-big mono', 'data-claim-code': '' }),
            row('desk.receipt.received', formatTime(issued.issuedAt)),
            row('desk.channel', both(`channel.${view.channel}`)),
            row('field.title', view.title)),
          h('figure', { class: 'qr' },
            h('img', { src: `/api/track/${encodeURIComponent(issued.trackingNumber)}/qr.svg`, alt: tIn(language(), 'desk.receipt.qr.alt'), width: 160, height: 160, 'data-qr': '' }),
            h('figcaption', { class: 'mono' }, issued.trackingLink))),
        ['id', 'en'].map(lang => h('div', { lang, class: 'receipt-instructions' },
          h('p', {}, tIn(lang, 'desk.receipt.track', { link: issued.trackingLink })),
          h('p', {}, tIn(lang, 'desk.receipt.claim', { link: issued.claimLink })),
          h('p', {}, tIn(lang, 'desk.receipt.secret'))))),
      h('p', { class: 'no-print' }, print, ' ', h('a', { href: `#/operator/c/${view.id}` }, t('receipt.open')), ' · ',
        h('a', { href: '#/operator/desk' }, t('desk.another')))];
  });
}

/**
 * A complainant without an account claims their complaint with the receipt's tracking number and claim code; the
 * token they receive is a citizen's, good for that complaint alone, and opens its page.
 */
async function claimScreen() {
  render(t('claim.title'),
    h('p', { class: 'lead' }, t('claim.intro')),
    actionForm({
      title: t('claim.form'), hint: t('claim.hint'), submitLabel: t('claim.submit'), doneMessage: t('claim.done'),
      fields: [field(t('field.tracking'), text('trackingNumber', { required: true, autocomplete: 'off', placeholder: 'LPR-XXXX-XXXX-XXXX' })),
        field(t('desk.receipt.code'), text('code', { required: true, autocomplete: 'off', placeholder: 'XXXXX-XXXXX', maxlength: 32 }))],
      run: async data => {
        const started = await api('/api/claims', { method: 'POST', auth: false, body: { trackingNumber: normaliseTracking(data.get('trackingNumber')) } });
        return api(`/api/claims/${encodeURIComponent(started.id)}/verify`, { method: 'POST', auth: false, body: { code: String(data.get('code')).trim() } });
      },
      done: granted => {
        const claims = claimsOf(granted.token);
        signIn(granted.token, { ...claims, complaint: granted.complaintId });
        location.hash = `#/citizen/c/${granted.complaintId}`;
      }
    }));
}

// What a complainant or an agency would have received: in dev (ledger.notify.sink=dev) every message lands in the dev
// sink instead of going out, and this page shows it as it was rendered, addressed to the masked contact only
async function sentMessagesScreen() {
  await screen(t('sent.title'), async () => {
    const sent = await api('/api/notifications/dev-sink');
    if (!sent.items.length) return [h('p', { class: 'hint' }, t('sent.hint')), refreshButton(), h('p', { class: 'empty' }, t('sent.empty'))];
    return [h('p', { class: 'hint' }, t('sent.hint')), refreshButton(),
      h('ul', { class: 'sent-messages' }, sent.items.map(m => h('li', { 'data-sent-message': m.deliveryId },
        h('p', {}, h('strong', {}, m.subject || '—')),
        h('p', { class: 'hint' }, `${t(`sent.channel.${m.channel}`)} · ${m.maskedAddress} · ${formatTime(m.sentAt)}`),
        h('pre', { class: 'message-body' }, m.body))))];
  });
}

async function operatorComplaint(id) {
  await screen(t('complaint.title'), async () => {
    const view = await api(`/api/complaints/${encodeURIComponent(id)}`);
    const agencyOptions = (await agencies()).map(a => [a.id, a.name]);
    // the category's default agency is offered first, marked as such, and still not chosen for the operator
    const byDefault = (categoryCache.find(c => c.code === view.category) || {}).defaultAgencyId;
    const dispatchOptions = byDefault && agencyOptions.some(([a]) => a === byDefault)
      ? [...agencyOptions.filter(([a]) => a === byDefault).map(([a, n]) => [a, `${n} (${t('dispatch.default')})`]),
        ...agencyOptions.filter(([a]) => a !== byDefault)]
      : agencyOptions;
    const reload = () => route();
    const parts = [h('p', {}, h('a', { href: '#/operator' }, t('back'))), await complaintPage(view, 'operator')];
    parts.push(attachForm(view, reload, true));
    if (view.status === 'SUBMITTED') {
      parts.push(actionForm({
        title: t('dispatch.title'), hint: t('dispatch.hint'), submitLabel: t('dispatch.submit'), cls: 'dispatch',
        // no agency chosen beforehand: the operator picks one, or the form says so
        fields: [field(t('field.agency'), select('agencyId', dispatchOptions, { required: true, empty: t('choose.agency') })),
          field(t('dispatch.category'), select('category', categoryOptions(view.category), { selected: view.category })),
          field(t('note'), area('note', { rows: 2 }))],
        run: (data, key) => command(view, 'dispatch', {
          agencyId: data.get('agencyId'), note: value(data, 'note'),
          category: !data.get('category') || data.get('category') === view.category ? null : data.get('category')
        }, key),
        done: reload
      }));
      parts.push(actionForm({
        title: t('hold.title'), hint: t('hold.hint'), submitLabel: t('hold.submit'),
        fields: [field(t('hold.question'), area('question', { required: true, maxlength: 2000 }))],
        run: (data, key) => command(view, 'clarification-requests', { question: value(data, 'question') }, key), done: reload
      }));
      parts.push(actionForm({
        title: t('archive.title'), submitLabel: t('archive.submit'), confirm: t('archive.confirm'),
        fields: [field(t('reason'), select('reason', ARCHIVE_REASONS.map(r => [r, t(`archive.${r}`)]), { required: true, empty: t('choose.reason') })),
          field(t('note'), area('note', { rows: 2 }))],
        run: (data, key) => command(view, 'archive', { reason: data.get('reason'), note: value(data, 'note') }, key), done: reload
      }));
      parts.push(actionForm({
        title: t('duplicate.title'), hint: t('duplicate.hint'), submitLabel: t('duplicate.submit'), confirm: t('duplicate.confirm'),
        fields: [field(t('duplicate.original'), text('original', { required: true, autocomplete: 'off', placeholder: 'LPR-XXXX-XXXX-XXXX' }))],
        run: async (data, key, form) => {
          const number = normaliseTracking(data.get('original'));
          const original = await findByTracking(number);
          if (!original || original.id === view.id) {
            throw new ApiError(400, { errors: [{ field: 'original', message: 'no such complaint' }] });
          }
          return command(view, 'duplicate-of', { originalId: original.id }, key);
        },
        done: reload
      }));
    }
    if (view.duplicateOf && view.status === 'ARCHIVED') {
      parts.push(actionForm({
        title: t('unlink.title'), hint: t('unlink.hint'), submitLabel: t('unlink.submit'), cls: 'unlink', fields: [],
        run: (data, key) => command(view, 'duplicate-of', undefined, key, 'DELETE'), done: reload
      }));
    }
    if (view.status === 'AWAITING_REDISPATCH') {
      parts.push(actionForm({
        title: t('redispatch.title'), submitLabel: t('redispatch.submit'),
        fields: [field(t('field.agency'), select('agencyId', agencyOptions.filter(([a]) => a !== view.agencyId), { required: true, empty: t('choose.agency') })),
          field(t('note'), area('note', { rows: 2 }))],
        run: (data, key) => command(view, 'redispatch', { agencyId: data.get('agencyId'), note: value(data, 'note') }, key),
        done: reload
      }));
    }
    for (const request of pendingExtensions(view)) {
      parts.push(actionForm({
        title: t('extensionDecision.title'), hint: request.text, submitLabel: t('extensionDecision.submit'), cls: 'extension-decision',
        fields: [field(t('extensionDecision.granted'), select('granted', [['true', t('extensionDecision.grant')], ['false', t('extensionDecision.refuse')]],
          { required: true, empty: t('choose.decision') })),
        field(t('note'), area('note', { rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, `extension-requests/${encodeURIComponent(request.ref)}/decision`,
          { granted: data.get('granted') === 'true', note: value(data, 'note') }, key),
        done: reload
      }));
    }
    if (!TERMINAL.includes(view.status)) parts.push(messageForm(view, true, reload));
    if (['DISPATCHED', 'IN_PROGRESS', 'RESPONDED', 'AWAITING_REDISPATCH'].includes(view.status)) {
      parts.push(actionForm({
        title: t('closeComplaint.title'), hint: t('closeComplaint.hint'), submitLabel: t('closeComplaint.submit'),
        confirm: t('closeComplaint.confirm'), cls: 'close-complaint',
        fields: [field(t('closeComplaint.outcome'), select('outcome', CLOSURE_OUTCOMES.map(o => [o, t(`closure.${o}`)]),
          { required: true, empty: t('choose.outcome') })),
        field(t('closeComplaint.note'), area('note', { required: true, maxlength: 2000, rows: 2 }))],
        run: (data, key) => command(view, 'close', { outcome: data.get('outcome'), note: value(data, 'note') }, key), done: reload
      }));
    }
    if (OPEN.includes(view.status)) {
      parts.push(actionForm({
        title: t('escalate.title'), hint: t('escalate.hint'), submitLabel: t('escalate.submit'), confirm: t('escalate.confirm'),
        fields: [field(t('reason'), area('reason', { required: true, rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'escalate', { reason: value(data, 'reason') }, key), done: reload
      }));
    }
    if (!TERMINAL.includes(view.status)) {
      parts.push(actionForm({
        title: t('visibility.title'), hint: t('visibility.hint'), submitLabel: t('visibility.submit'),
        fields: [checkbox('anonymous', t('file.anonymous'), null, view.anonymous),
          checkbox('confidential', t('file.confidential'), null, view.confidential),
          field(t('reason'), area('reason', { required: true, rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'visibility', {
          anonymous: data.get('anonymous') === 'on', confidential: data.get('confidential') === 'on', reason: value(data, 'reason')
        }, key),
        done: reload
      }));
    }
    return parts;
  });
}

/** Where the review stands: the status says it when the list is a moment behind the Ombudsman's own step. */
function reviewState(e) {
  if (e.status === 'UNDER_REVIEW') return t('review.open');
  if (e.status === 'REVIEWED' || (e.review && e.review.closedAt)) return t('review.closed');
  return e.review ? t('review.open') : t('review.none');
}

async function ombudsmanHome() {
  await screen(t('ombudsman.title'), async () => {
    const escalationsPage = cursor => api(`/api/review/escalations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    // every escalated complaint stays on this list, at the status the Ombudsman's own last step left it
    const escalations = await settledQueue(escalationsPage, () => true);
    const names = await agencies();
    return [h('p', {}, h('a', { href: '#/ombudsman/performance' }, t('performance.link'))), refreshButton(),
      pagedTable(t('ombudsman.escalations'),
        [t('field.tracking'), t('field.status'), t('field.agency'), t('escalation.cause'), t('review.state')],
        escalations, e => h('tr', { 'data-id': e.id },
          h('td', { class: 'mono' }, h('a', { href: `#/ombudsman/c/${e.id}` }, e.trackingNumber)),
          h('td', {}, statusText(e.status)), h('td', {}, e.agencyId ? agencyName(names, e.agencyId) : '—'), h('td', {}, e.cause ? t(`cause.${e.cause}`) : '—'),
          h('td', {}, reviewState(e))),
        escalationsPage)];
  });
}

async function ombudsmanComplaint(id) {
  await screen(t('complaint.title'), async () => {
    const view = await api(`/api/complaints/${encodeURIComponent(id)}`);
    const reload = () => route();
    const parts = [h('p', {}, h('a', { href: '#/ombudsman' }, t('back'))), await complaintPage(view, 'ombudsman')];
    if (!TERMINAL.includes(view.status)) parts.push(messageForm(view, true, reload));
    if (view.status === 'ESCALATED') {
      parts.push(actionForm({
        title: t('review.openTitle'), submitLabel: t('review.openSubmit'), fields: [],
        run: (data, key) => command(view, 'review/open', {}, key), done: reload
      }));
    }
    if (view.status === 'UNDER_REVIEW') {
      parts.push(actionForm({
        title: t('finding.title'), submitLabel: t('finding.submit'),
        fields: [checkbox('maladministration', t('finding.maladministration')),
          h('fieldset', {}, h('legend', {}, t('finding.forms')), FORMS.map(f => checkbox('forms', t(`form.${f}`), null, false, f))),
          field(t('finding.recommendation'), area('recommendation', { required: true, maxlength: 4000 }))],
        run: (data, key) => command(view, 'review/findings', {
          maladministration: data.get('maladministration') === 'on',
          forms: data.getAll('forms'),
          recommendation: value(data, 'recommendation')
        }, key),
        done: reload
      }));
      parts.push(actionForm({
        title: t('close.title'), submitLabel: t('close.submit'), confirm: t('close.confirm'),
        fields: [field(t('close.outcome'), area('outcome', { required: true, rows: 2, maxlength: 2000 }))],
        run: (data, key) => command(view, 'review/close', { outcome: value(data, 'outcome') }, key), done: reload
      }));
    }
    return parts;
  });
}

// The period is a span of calendar days in the regency's time zone (Asia/Jakarta, UTC+7, no summer time), both
// ends included: the API's half-open [from, to) gets the start of the day after the last one.
const jakartaDay = date => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(date);
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

async function performanceScreen(params) {
  const to = params.get('to') || jakartaDay(new Date());
  const from = params.get('from') || addDays(to, -90);
  await screen(t('performance.title'), async () => {
    const query = new URLSearchParams({ from: `${from}T00:00:00+07:00`, to: `${addDays(to, 1)}T00:00:00+07:00` });
    const performance = await api(`/api/review/agency-performance?${query}`);
    const names = await agencies();
    const period = h('form', { class: 'filters', 'aria-label': t('performance.period') },
      field(t('performance.from'), h('input', { type: 'date', name: 'from', value: from, required: true })),
      field(t('performance.to'), h('input', { type: 'date', name: 'to', value: to, required: true })),
      h('button', { type: 'submit' }, t('filter.apply')));
    period.addEventListener('submit', event => {
      event.preventDefault();
      const data = new FormData(period);
      location.hash = `#/ombudsman/performance?${new URLSearchParams({ from: data.get('from'), to: data.get('to') })}`;
    });
    const most = Math.max(1, ...performance.agencies.map(a => a.received));
    // a bar per measure, its number written beside it: the chart is read by sight, the numbers by everyone
    const bar = (n, of, cls, label) => h('div', { class: 'bar-row' },
      h('span', { class: 'bar-label' }, label),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: `bar ${cls}`, style: { width: `${Math.round(100 * n / of)}%` } })),
      h('span', { class: 'bar-value' }, String(n)));
    return [h('p', {}, h('a', { href: '#/ombudsman' }, t('back'))), period, refreshButton(),
      performance.agencies.length ? h('ul', { class: 'cards performance' }, performance.agencies.map(a => h('li', {},
        h('h2', {}, agencyName(names, a.agencyId)),
        bar(a.received, most, 'received', t('performance.received')),
        bar(a.followedUpOnTime, most, 'on-time', t('performance.onTime')),
        bar(a.overdue, most, 'overdue', t('performance.overdue')),
        bar(a.declines, most, 'declines', t('performance.declines')),
        h('p', { class: 'hint' },
          `${t('performance.median')}: ${a.medianWorkingDaysToFollowUp ?? '—'} · ${t('performance.reopen')}: ${Math.round(a.reopenRate * 100)}% · `
          + `${t('performance.rating')}: ${a.meanRating == null ? '—' : a.meanRating.toFixed(1)}`))))
        : h('p', { class: 'empty' }, t('performance.none'))];
  });
}

async function auditorHome() {
  await screen(t('auditor.title'), async () => {
    const listPage = cursor => api(`/api/complaints${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    const first = await listPage(null);
    return [actionForm({
      title: t('auditor.open'), hint: t('auditor.hint'), submitLabel: t('auditor.submit'), doneMessage: t('auditor.found'),
      fields: [field(t('field.tracking'), text('number', { required: true, autocomplete: 'off', placeholder: 'LPR-XXXX-XXXX-XXXX' }))],
      run: async data => {
        const found = await findByTracking(normaliseTracking(data.get('number')));
        if (!found) throw new ApiError(404, { errors: [{ field: 'number', message: 'no such complaint' }] });
        return found;
      },
      done: found => { location.hash = `#/auditor/c/${encodeURIComponent(found.id)}`; }
    }), refreshButton(),
    queueTable(t('auditor.list'), { ...first, items: first.items.map(c => ({ ...c, dueAt: null, slaState: null })) },
      item => `#/auditor/c/${item.id}`, listPage)];
  });
}

async function auditorComplaint(id) {
  await screen(t('auditor.timeline'), async () => {
    const path = encodeURIComponent(id);
    const [view, history, verification] = await Promise.all([api(`/api/complaints/${path}`),
      api(`/api/complaints/${path}/history`), api(`/api/ledger/verify?complaintId=${path}`)]);
    const broken = verification.firstInvalid;
    const badge = h('p', { class: `badge ${verification.valid ? 'verified' : 'broken'}`, 'data-verification': verification.valid ? 'valid' : 'broken' },
      h('span', { 'aria-hidden': 'true' }, verification.valid ? '✓ ' : '✕ '),
      verification.valid ? t('verify.valid', { n: verification.checkedEvents })
        : t('verify.broken', { n: broken.version ?? broken.ledgerSeq, reason: broken.reason }));
    const download = h('button', { type: 'button', class: 'secondary', 'data-export': '' }, t('export.download'));
    const downloadErrors = h('div', { class: 'form-errors' });
    download.addEventListener('click', async () => {
      downloadErrors.replaceChildren();
      try {
        // the export needs the bearer token, which a plain link cannot carry: fetch it, then save it as a file
        const ndjson = await api(`/api/complaints/${path}/export`, { headers: { Accept: 'application/x-ndjson' } });
        const url = URL.createObjectURL(new Blob([ndjson], { type: 'application/x-ndjson' }));
        const link = h('a', { href: url, download: `complaint-${view.id}.ndjson` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        announce(t('export.done'));
      } catch (error) {
        downloadErrors.replaceChildren(problemBox(error));
      }
    });
    return [h('p', {}, h('a', { href: '#/auditor' }, t('back'))),
      h('p', {}, h('span', { class: 'mono' }, view.trackingNumber), ' · ', statusText(view.status)),
      badge, download, downloadErrors, await attachmentsSection(view),
      h('div', scrolling(t('auditor.events')), h('table', { class: 'timeline' },
        h('caption', {}, t('auditor.events')),
        h('thead', {}, h('tr', {}, ['#', t('event.type'), t('event.actor'), t('event.time'), t('event.hash')].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, history.events.map(e => h('tr', { 'data-version': e.version, class: broken && broken.version === e.version ? 'broken-row' : null },
          h('th', { scope: 'row' }, String(e.version), broken && broken.version === e.version ? ' ✕' : null),
          // an attached file's row carries the file's hash, which the attachments list above shows beside the file
          h('td', { 'data-type': e.type.replace(/^complaint\./, '') }, eventName(e.type),
            e.type === 'complaint.attachment-added' ? h('span', { class: 'mono hint', 'data-file-sha256': e.data.sha256 }, ` sha256 ${e.data.sha256.slice(0, 16)}…`) : null),
          h('td', {}, [e.actor.role && t(`role.${e.actor.role}`), e.actor.subject, e.actor.agency].filter(Boolean).join(' · '),
            onBehalfNote(e)),
          h('td', {}, formatTime(e.occurredAt)),
          h('td', { class: 'mono hash', title: e.hash }, h('abbr', { title: e.hash }, `${e.hash.slice(0, 12)}…`)))))))];
  });
}


// ---------- the administrator's screens: the reference data the regency runs on, each change an event in the ledger

const ADMIN_SCREENS = ['agencies', 'categories', 'calendars', 'policies', 'keys', 'history'];
const UNIT_KINDS = ['BIDANG', 'UPT', 'KECAMATAN', 'KELURAHAN'];
const DEADLINE_KINDS = ['VERIFICATION', 'CLARIFICATION', 'FOLLOW_UP', 'REDISPATCH', 'COMPLAINANT_RESPONSE', 'RESOLUTION', 'IMPLEMENTATION'];
const HISTORY_KINDS = ['agencies', 'categories', 'calendars', 'sla-policies', 'open311-keys'];

/** A unit tree as a flat list, each labelled with the units above it: "Bidang Bina Marga › UPT Jalan". */
function flattenUnits(units, above = '') {
  return units.flatMap(u => {
    const label = above ? `${above} › ${u.name}` : u.name;
    return [{ ...u, label }, ...flattenUnits(u.units || [], label)];
  });
}

/** One line per contact, "address" or "address | label"; a line with @ is an e-mail address, any other a phone. */
function contactsFrom(textValue) {
  return String(textValue || '').split('\n').map(l => l.trim()).filter(Boolean).map(line => {
    const [address, label] = line.split('|').map(x => x.trim());
    return { kind: address.includes('@') ? 'EMAIL' : 'PHONE', address, label: label || null };
  });
}
const contactsText = contacts => (contacts || []).map(c => (c.label ? `${c.address} | ${c.label}` : c.address)).join('\n');

function adminNav() {
  return h('nav', { class: 'admin-nav', 'aria-label': t('admin.title') }, h('ul', {},
    ADMIN_SCREENS.map(name => h('li', {}, h('a', { href: `#/admin/${name}` }, t(`admin.${name}`))))));
}

async function adminHome() {
  await screen(t('admin.title'), async () => {
    const options = await signInOptions();
    return [h('p', {}, t('admin.intro')), adminNav(),
      h('section', { class: 'panel' }, h('h2', {}, t('admin.users.title')), h('p', {}, t('admin.users')),
        options.usersAdministration
          ? h('p', {}, h('a', { href: options.usersAdministration, target: '_blank', rel: 'noopener', 'data-users-administration': '' }, t('admin.users.link')))
          : null)];
  });
}

async function adminAgencies() {
  await screen(t('admin.agencies'), async () => {
    const all = await api('/api/admin/agencies');
    const reload = () => { agencyList = null; return route(); };
    const unitItem = u => h('li', { 'data-unit': u.id },
      h('strong', {}, u.name), ' ', h('span', { class: 'mono' }, u.id), ' · ', t(`unitKind.${u.kind}`),
      u.contacts.length ? [' · ', t('admin.contacts.count', { n: u.contacts.length })] : null,
      u.units.length ? h('ul', {}, u.units.map(unitItem)) : null);
    const tree = h('ul', { class: 'tree', 'data-agency-tree': '' }, all.map(a => h('li', { 'data-agency': a.id },
      h('strong', {}, a.name), ' ', h('span', { class: 'mono' }, a.id),
      a.contacts.length ? [' · ', t('admin.contacts.count', { n: a.contacts.length })] : null,
      a.units.length ? h('ul', {}, a.units.map(unitItem)) : null)));
    const agencyOptions = all.map(a => [a.id, a.name]);
    const unitOptions = all.flatMap(a => flattenUnits(a.units).map(u => [u.id, `${a.name} › ${u.label}`]));
    const contactsArea = area('contacts', { rows: 3, spellcheck: 'false' });
    const contactsAgency = select('agencyId', agencyOptions, { required: true, empty: t('choose.agency') });
    contactsAgency.addEventListener('change', () => {
      contactsArea.value = contactsText((all.find(a => a.id === contactsAgency.value) || {}).contacts);
    });
    return [refreshButton(),
      h('section', { class: 'panel' }, h('h2', {}, t('admin.agencies.tree')), tree),
      actionForm({
        title: t('admin.unit.add'), hint: t('admin.unit.hint'), submitLabel: t('admin.unit.submit'), cls: 'add-unit',
        fields: [field(t('field.agency'), select('agencyId', agencyOptions, { required: true, empty: t('choose.agency') })),
          field(t('admin.unit.parent'), select('parentUnitId', unitOptions, { empty: t('admin.unit.top') })),
          field(t('admin.id'), text('id', { required: true, maxlength: 64, pattern: '[a-z0-9\\-]{2,64}', autocomplete: 'off' }), t('admin.id.hint')),
          field(t('admin.name'), text('name', { required: true, maxlength: 200 })),
          field(t('admin.unit.kind'), select('kind', UNIT_KINDS.map(k => [k, t(`unitKind.${k}`)]), { required: true }))],
        run: (data, key) => api(`/api/admin/agencies/${encodeURIComponent(data.get('agencyId'))}/units`, {
          method: 'POST', headers: { 'Idempotency-Key': key },
          body: { id: value(data, 'id'), name: value(data, 'name'), kind: data.get('kind'), parentUnitId: value(data, 'parentUnitId') }
        }),
        done: reload
      }),
      actionForm({
        title: t('admin.agency.add'), hint: t('admin.agency.hint'), submitLabel: t('admin.agency.submit'), cls: 'add-agency',
        fields: [field(t('admin.id'), text('id', { required: true, maxlength: 64, pattern: '[a-z0-9\\-]{2,64}', autocomplete: 'off' }), t('admin.id.hint')),
          field(t('admin.name'), text('name', { required: true, maxlength: 200 }))],
        run: (data, key) => api('/api/admin/agencies', { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { id: value(data, 'id'), name: value(data, 'name') } }),
        done: reload
      }),
      actionForm({
        title: t('admin.contacts'), hint: t('admin.contacts.hint'), submitLabel: t('admin.contacts.submit'), cls: 'contacts',
        fields: [field(t('field.agency'), contactsAgency), field(t('admin.contacts.lines'), contactsArea)],
        run: (data, key) => api(`/api/admin/agencies/${encodeURIComponent(data.get('agencyId'))}/contacts`, {
          method: 'PUT', headers: { 'Idempotency-Key': key }, body: { contacts: contactsFrom(data.get('contacts')) }
        }),
        done: reload
      })];
  });
}

async function adminCategories() {
  await screen(t('admin.categories'), async () => {
    categoryList = null;
    const [list, names] = await Promise.all([categories(), agencies()]);
    const reload = () => { categoryList = null; return route(); };
    const table = h('table', { 'data-categories': '' }, h('caption', {}, t('admin.categories')),
      h('thead', {}, h('tr', {}, [t('admin.code'), t('admin.name.id'), t('admin.name.en'), t('admin.category.agency'), t('field.status'), ''].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map(c => h('tr', { 'data-category': c.code },
        h('td', { class: 'mono' }, c.code), h('td', {}, c.name.id), h('td', {}, c.name.en),
        h('td', {}, c.defaultAgencyId ? agencyName(names, c.defaultAgencyId) : '—'),
        h('td', {}, c.retired ? t('admin.retired') : t('admin.active')),
        h('td', {}, c.retired ? null : actionForm({
          title: t('admin.category.retire', { code: c.code }), submitLabel: t('admin.category.retire.submit'), fields: [],
          confirm: t('admin.category.retire.confirm'), cls: 'row-action retire',
          run: (data, key) => api(`/api/admin/categories/${encodeURIComponent(c.code)}/retire`, { method: 'POST', headers: { 'Idempotency-Key': key } }),
          done: reload
        }))))));
    return [h('section', scrolling(t('admin.categories'), 'panel wide'), table),
      actionForm({
        title: t('admin.category.add'), hint: t('admin.category.hint'), submitLabel: t('admin.category.submit'), cls: 'add-category',
        fields: [field(t('admin.code'), text('code', { required: true, maxlength: 64, pattern: '[A-Z][A-Z_]{1,63}', autocomplete: 'off' }), t('admin.code.hint')),
          field(t('admin.name.id'), text('nameId', { required: true, maxlength: 200 })),
          field(t('admin.name.en'), text('nameEn', { required: true, maxlength: 200 })),
          field(t('admin.category.agency'), select('defaultAgencyId', names.map(a => [a.id, a.name]), { empty: t('admin.category.noAgency') })),
          field(t('admin.category.group'), text('group', { maxlength: 100 }))],
        run: (data, key) => api('/api/admin/categories', { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { code: value(data, 'code'), name: { id: value(data, 'nameId'), en: value(data, 'nameEn') },
            defaultAgencyId: value(data, 'defaultAgencyId'), group: value(data, 'group') } }),
        done: reload
      })];
  });
}

async function adminCalendars() {
  await screen(t('admin.calendars'), async () => {
    const calendars = await api('/api/admin/calendars');
    const reload = () => route();
    const calendarOptions = calendars.map(c => [c.id, `${c.name} (${c.id}, v${c.version})`]);
    return [refreshButton(),
      calendars.map(c => h('section', { class: 'panel', 'data-calendar': c.id },
        h('h2', {}, `${c.name} · ${t('admin.version')} ${c.version}`),
        c.holidays.length ? h('table', {}, h('caption', {}, t('admin.holidays')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin.date')), h('th', { scope: 'col' }, t('admin.name')))),
          h('tbody', {}, c.holidays.map(d => h('tr', { 'data-holiday': d.date }, h('td', { class: 'mono' }, d.date), h('td', {}, d.name)))))
          : h('p', {}, t('admin.holidays.none')))),
      actionForm({
        title: t('admin.holiday.add'), submitLabel: t('admin.holiday.submit'), cls: 'add-holiday',
        fields: [field(t('admin.calendar'), select('calendarId', calendarOptions, { required: true })),
          field(t('admin.date'), h('input', { type: 'date', name: 'date', required: true })),
          field(t('admin.name'), text('name', { required: true, maxlength: 200 }))],
        run: (data, key) => api(`/api/admin/calendars/${encodeURIComponent(data.get('calendarId'))}/holidays`, {
          method: 'POST', headers: { 'Idempotency-Key': key }, body: { holidays: [{ date: data.get('date'), name: value(data, 'name') }] }
        }),
        done: reload
      }),
      actionForm({
        title: t('admin.ics'), hint: t('admin.ics.hint'), submitLabel: t('admin.ics.submit'), cls: 'import-ics',
        fields: [field(t('admin.calendar'), select('calendarId', calendarOptions, { required: true })),
          field(t('admin.ics.file'), h('input', { type: 'file', name: 'file', accept: '.ics,text/calendar', required: true }))],
        run: async (data, key) => api(`/api/admin/calendars/${encodeURIComponent(data.get('calendarId'))}/import`, {
          method: 'POST', raw: true, body: await data.get('file').text(),
          headers: { 'Content-Type': 'text/calendar', 'Idempotency-Key': key }
        }),
        done: reload
      }),
      actionForm({
        title: t('admin.calendar.add'), submitLabel: t('admin.calendar.submit'), cls: 'add-calendar',
        fields: [field(t('admin.id'), text('id', { required: true, maxlength: 64, pattern: '[a-z0-9\\-]{2,64}', autocomplete: 'off' }), t('admin.id.hint')),
          field(t('admin.name'), text('name', { required: true, maxlength: 200 }))],
        run: (data, key) => api('/api/admin/calendars', { method: 'POST', headers: { 'Idempotency-Key': key },
          body: { id: value(data, 'id'), name: value(data, 'name') } }),
        done: reload
      })];
  });
}

async function adminPolicies() {
  await screen(t('admin.policies'), async () => {
    const [policies, calendars, list] = await Promise.all([api('/api/admin/sla-policies'), api('/api/admin/calendars'), categories()]);
    const reload = () => route();
    const table = h('table', { 'data-policies': '' }, h('caption', {}, t('admin.policies')),
      h('thead', {}, h('tr', {}, [t('admin.policy'), t('admin.version'), t('field.category'), t('field.reportType'), t('admin.rules'),
        t('admin.calendar'), t('admin.setAt'), t('field.status')].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, policies.map(p => h('tr', { 'data-policy': `${p.policyId}/${p.version}` },
        h('td', { class: 'mono' }, p.policyId), h('td', {}, String(p.version)),
        h('td', {}, p.category ? categoryName(p.category) : t('admin.any')),
        h('td', {}, p.reportType ? reportTypeName(p.reportType) : t('admin.any')),
        h('td', {}, Object.entries(p.rules || {}).map(([k, v]) => `${t(`deadline.${k}`)}: ${v}`).join('; ')),
        h('td', {}, p.calendarId ? `${p.calendarId} v${p.calendarVersion}` : '—'),
        h('td', {}, p.setAt ? formatTime(p.setAt) : '—'),
        h('td', {}, p.inForce ? t('admin.inForce') : t('admin.superseded'))))));
    return [h('section', scrolling(t('admin.policies'), 'panel wide'), table),
      actionForm({
        title: t('admin.policy.add'), hint: t('admin.policy.hint'), submitLabel: t('admin.policy.submit'), cls: 'set-policy',
        fields: [field(t('admin.policy'), text('policyId', { required: true, maxlength: 64, pattern: '[a-z0-9\\-]{2,64}', value: 'lapor-default' })),
          field(t('field.category'), select('category', list.filter(c => !c.retired).map(c => [c.code, categoryName(c.code)]), { empty: t('admin.any') })),
          field(t('field.reportType'), select('reportType', reportTypeOptions(), { empty: t('admin.any') })),
          h('fieldset', {}, h('legend', {}, t('admin.rules')), h('p', { class: 'hint' }, t('admin.rules.hint')),
            DEADLINE_KINDS.map(k => field(t(`deadline.${k}`), text(`rule.${k}`, { maxlength: 40, pattern: '[0-9]+wd|P.*', autocomplete: 'off' })))),
          field(t('admin.calendar'), select('calendarId', calendars.map(c => [c.id, `${c.name} (v${c.version})`]), { empty: t('admin.calendar.configured') }))],
        run: (data, key) => {
          const rules = Object.fromEntries(DEADLINE_KINDS.map(k => [k, value(data, `rule.${k}`)]).filter(([, v]) => v));
          return api('/api/admin/sla-policies', { method: 'POST', headers: { 'Idempotency-Key': key },
            body: { policyId: value(data, 'policyId'), category: value(data, 'category'), reportType: value(data, 'reportType'),
              rules, calendarId: value(data, 'calendarId') } });
        },
        done: reload
      })];
  });
}

async function adminKeys() {
  await screen(t('admin.keys'), async () => {
    const keys = await api('/api/admin/open311-keys');
    const issued = h('div', { 'aria-live': 'polite', 'data-issued': '' });
    const table = h('table', { 'data-keys': '' }, h('caption', {}, t('admin.keys')),
      h('thead', {}, h('tr', {}, [t('admin.client'), t('admin.key'), t('admin.createdAt'), t('field.status'), ''].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, keys.map(k => h('tr', { 'data-key': k.keyId },
        h('td', {}, k.client), h('td', { class: 'mono' }, k.masked), h('td', {}, formatTime(k.createdAt)),
        h('td', {}, k.revokedAt ? t('admin.revokedAt', { at: formatTime(k.revokedAt) }) : t('admin.active')),
        h('td', {}, k.revokedAt ? null : actionForm({
          title: t('admin.key.revoke', { client: k.client }), submitLabel: t('admin.key.revoke.submit'), fields: [], cls: 'row-action revoke',
          confirm: t('admin.key.revoke.confirm'),
          run: (data, key) => api(`/api/admin/open311-keys/${encodeURIComponent(k.keyId)}/revoke`, { method: 'POST', headers: { 'Idempotency-Key': key } }),
          done: () => route()
        }))))));
    return [issued, h('section', scrolling(t('admin.keys'), 'panel wide'), table),
      actionForm({
        title: t('admin.key.add'), hint: t('admin.key.hint'), submitLabel: t('admin.key.submit'), cls: 'issue-key', inline: true,
        fields: [field(t('admin.client'), text('client', { required: true, maxlength: 64, pattern: '[a-z0-9\\-]{2,64}', autocomplete: 'off' }), t('admin.id.hint'))],
        run: (data, key) => api('/api/admin/open311-keys', { method: 'POST', headers: { 'Idempotency-Key': key }, body: { client: value(data, 'client') } }),
        // the only time the key is shown: said here, not in the list, which shows its last characters
        done: created => issued.replaceChildren(h('section', { class: 'panel notice' }, h('h2', {}, t('admin.key.issued', { client: created.client })),
          h('p', {}, t('admin.key.once')), h('p', { class: 'mono', 'data-api-key': '' }, created.apiKey)))
      })];
  });
}

async function adminHistory(params) {
  const kind = HISTORY_KINDS.includes(params.get('kind')) ? params.get('kind') : 'agencies';
  await screen(t('admin.history'), async () => {
    const history = await api(`/api/admin/history/${encodeURIComponent(kind)}`);
    const chooser = h('form', { class: 'filters', role: 'search', 'aria-label': t('admin.history') },
      field(t('admin.history.kind'), select('kind', HISTORY_KINDS.map(k => [k, t(`admin.kind.${k}`)]), { selected: kind })),
      h('button', { type: 'submit' }, t('filter.apply')));
    chooser.addEventListener('submit', event => {
      event.preventDefault();
      location.hash = `#/admin/history?kind=${encodeURIComponent(new FormData(chooser).get('kind'))}`;
    });
    const events = history.events || [];
    return [chooser, h('section', scrolling(t(`admin.kind.${kind}`), 'panel wide'),
      h('table', { 'data-reference-history': kind }, h('caption', {}, t(`admin.kind.${kind}`)),
        h('thead', {}, h('tr', {}, [t('admin.event'), t('admin.actor'), t('admin.time'), t('admin.hash')].map(x => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, events.slice().reverse().map(e => h('tr', { 'data-reference-event': e.type },
          h('td', {}, e.type), h('td', {}, e.actor ? `${e.actor.subject || '—'} (${t(`role.${e.actor.role}`)})` : '—'),
          h('td', {}, formatTime(e.occurredAt)), h('td', { class: 'mono hash' }, String(e.hash || '').slice(0, 16)))))))];
  });
}

// ---------- routing: #/<role>[/c/<id>][?query]

const ROUTES = [
  [/^#\/track(?:\/(.+))?$/, m => trackScreen(m[1] && decodeURIComponent(m[1])), null],
  [/^#\/citizen$/, () => citizenHome(), 'citizen'],
  [/^#\/citizen\/c\/(.+)$/, m => citizenComplaint(decodeURIComponent(m[1])), 'citizen'],
  [/^#\/citizen\/receipt\/(.+)$/, m => citizenReceipt(decodeURIComponent(m[1])), 'citizen'],
  [/^#\/officer$/, (m, q) => officerHome(q), 'agency-officer'],
  [/^#\/officer\/c\/(.+)$/, m => officerComplaint(decodeURIComponent(m[1])), 'agency-officer'],
  [/^#\/operator$/, () => operatorHome(), 'operator'],
  [/^#\/operator\/c\/(.+)$/, m => operatorComplaint(decodeURIComponent(m[1])), 'operator'],
  [/^#\/operator\/desk$/, () => deskScreen(), 'operator'],
  [/^#\/operator\/intake$/, () => intakeScreen(), 'operator'],
  [/^#\/operator\/intake\/(.+)$/, m => intakeConversation(decodeURIComponent(m[1])), 'operator'],
  [/^#\/operator\/receipt\/(.+)$/, m => deskReceipt(decodeURIComponent(m[1])), 'operator'],
  [/^#\/claim$/, () => claimScreen(), null],
  [/^#\/operator\/sent$/, () => sentMessagesScreen(), 'operator'],
  [/^#\/ombudsman$/, () => ombudsmanHome(), 'ombudsman'],
  [/^#\/ombudsman\/performance$/, (m, q) => performanceScreen(q), 'ombudsman'],
  [/^#\/ombudsman\/c\/(.+)$/, m => ombudsmanComplaint(decodeURIComponent(m[1])), 'ombudsman'],
  [/^#\/auditor$/, () => auditorHome(), 'auditor'],
  [/^#\/auditor\/c\/(.+)$/, m => auditorComplaint(decodeURIComponent(m[1])), 'auditor'],
  [/^#\/admin$/, () => adminHome(), 'admin'],
  [/^#\/admin\/agencies$/, () => adminAgencies(), 'admin'],
  [/^#\/admin\/categories$/, () => adminCategories(), 'admin'],
  [/^#\/admin\/calendars$/, () => adminCalendars(), 'admin'],
  [/^#\/admin\/policies$/, () => adminPolicies(), 'admin'],
  [/^#\/admin\/keys$/, () => adminKeys(), 'admin'],
  [/^#\/admin\/history$/, (m, q) => adminHistory(q), 'admin']
];

function chrome() {
  const s = session();
  document.documentElement.lang = language();
  const switcher = document.getElementById('lang-switch');
  switcher.textContent = t('lang.other');
  switcher.lang = other();
  document.querySelector('[data-skip]').textContent = t('skip');
  const out = document.getElementById('sign-out');
  out.textContent = t('signout');
  out.hidden = !s;
  const links = [['#/track', t('nav.track')]];
  if (s) links.unshift([`#/${HOME[s.role]}`, t(`role.${s.role}`)]);
  if (s && s.role === 'ombudsman') links.push(['#/ombudsman/performance', t('performance.link')]);
  if (s && s.role === 'admin') ADMIN_SCREENS.forEach(name => links.push([`#/admin/${name}`, t(`admin.${name}`)]));
  if (s && s.role === 'operator') links.push(['#/operator/sent', t('sent.link')]);
  if (!s) links.push(['#/signin', t('signin.title')]);
  const here = location.hash.split('?')[0];
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.getElementById('nav').replaceChildren(h('ul', {}, links.map(([href, label]) =>
    h('li', {}, h('a', { href, 'aria-current': here === href ? 'page' : null }, label)))),
  s ? h('p', { class: 'who' }, `${s.subject}${s.agency ? ` (${s.agency}${s.unit ? ` / ${s.unit}` : ''})` : ''}`) : '');
}

async function route() {
  generation++;
  const [path, query] = location.hash.split('?');
  chrome();
  await Promise.all([categories(), reportTypes()]);
  const s = session();
  if (path === '#/signin') {
    const notice = signInNotice;
    signInNotice = null;
    return signInScreen(notice);
  }
  if (path === '#/signed-in') return signedInScreen();
  for (const [pattern, show, role] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    if (role && (!s || s.role !== role)) return signInScreen(t('signin.needed', { role: t(`role.${role}`) }));
    return show(match, new URLSearchParams(query || ''));
  }
  if (s) {
    location.hash = `#/${HOME[s.role]}`;
    return undefined;
  }
  return landingScreen();
}

window.addEventListener('hashchange', route);
// The other language redraws the screen; what was typed into its forms is carried over, field by field
document.getElementById('lang-switch').addEventListener('click', async () => {
  const typed = [...document.querySelectorAll('main form')].map(form => [...form.elements]
    .filter(c => c.name).map(c => [c.name, c.type === 'checkbox' || c.type === 'radio' ? c.checked : c.value]));
  setLanguage(other());
  await route();
  document.querySelectorAll('main form').forEach((form, i) => {
    const controls = [...form.elements].filter(c => c.name);
    (typed[i] || []).forEach(([name, v], j) => {
      const c = controls[j];
      if (!c || c.name !== name) return;
      if (c.type === 'checkbox' || c.type === 'radio') {
        if (c.checked !== v) c.click();
      } else {
        c.value = v;
        c.dispatchEvent(new Event('input'));
      }
    });
  });
});
document.getElementById('sign-out').addEventListener('click', () => {
  const s = session();
  signOut();
  // a session made through the identity provider ends there too (Quarkus OIDC's RP-initiated logout)
  if (s && s.provider) location.assign('/console/signout');
  else location.hash = '#/signin';
});
document.querySelector('[data-skip]').addEventListener('click', event => {
  // the skip link must not change the hash, which is the console's route
  event.preventDefault();
  document.getElementById('main').focus();
});
route();
