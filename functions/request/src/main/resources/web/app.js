/*
 * CloudMusic web app, entry module: wires the page to the API (SPEC §2, §3).
 * Modules: api.js (HTTP, wallet key, seed-safe JSON), loop-request.js (request bodies),
 * prompt-hints.js (mirror of the server's PromptReader), player.js (seamless Web Audio loop),
 * wallet.js (paywall, Checkout return, wallet key), format.js (local money and time).
 * Rule for every module: text from the API or the user goes in with textContent, never as HTML.
 *
 * Stable test hooks (element ids; no data-testid needed, ids are unique and kept stable):
 *   #mode-guided #mode-advanced #mode-kit  mode switch (radio inputs); #kit-note says a kit costs 4 units
 *   #type-kick #type-bass #type-texture #type-riser   loop type cards (radio inputs, label[for] is the card)
 *   #bpm #intensity #duration              sliders; shown values in #bpm-value #intensity-value #duration-value
 *   #key                                   key select: "" = Auto, then C, Cm, C#, C#m … B, Bm
 *   #dark #ambient #energetic              character toggles (checkboxes)
 *   #prompt #prompt-count                  advanced prompt and its "n / 500" counter
 *   #prompt-hints > [data-hint=bpm|duration|key|type][data-found=true|false][data-value]
 *   #examples button[data-example]         example prompts (click fills #prompt)
 *   #adv-duration-on #adv-duration         explicit length in advanced mode (sent only when checked)
 *   #share                                 share-to-channel opt-in
 *   #generate                              submit button; aria-disabled=true while a request is on its way
 *   #status[data-state=idle|queued|generating|ready|failed|error], text in #status-text
 *   #error[data-code=<API error code>]     error message, role=alert
 *   #result #waveform(img) #waveform-surface(seek slider) #playhead #play[aria-pressed]
 *   #waveform-surface[data-playback=loading|seamless|element]  Web Audio loop decoded, or <audio> fallback
 *   #player-audio                          <audio>; src = /v1/tracks/{id}/audio once ready
 *   #download-wav #download-mp3 #download-mid #variation #regenerate
 *   #track-info dd[data-fact=type|bpm|measuredBpm|bars|key|duration|seed|engine]
 *   #quota-free #quota-limit #quota-credits  numbers only; #quota-resets is <time datetime=ISO>
 *   #buy-credits                           opens the paywall without a 402
 *   #paywall (dialog) #paywall-resets #paywall-close, pack buttons button[data-pack=<pack id>]
 *   #wallet-key #wallet-copy #wallet-forget #wallet-restore (+ form #wallet-restore-form)
 *   #wallet-notice #wallet-notice-forget   shown on 400 invalid_wallet_key; #purchase = checkout state
 *   #history > li[data-track-id][data-status] with button[data-action=play], a[data-action=download]
 *   #kit[data-kit-id][data-playback=loading|ready|unavailable][data-state=playing|stopped]  a ready kit
 *   #kit-play[aria-pressed] #kit-zip #kit-mix  play all lanes in sync, the ZIP, the mix's WAV
 *   #kit-lanes > li[data-part=kick|bass|texture|riser][data-audible] with button[data-action=solo|mute][aria-pressed],
 *                a[data-action=wav|mid]
 *   #kits-panel #kit-history > li[data-kit-id][data-status] with button[data-action=open]  kits made in this browser
 */

import { api, trackUrls, kitZipUrl } from './api.js';
import { readPrompt } from './prompt-hints.js';
import { KEYS, LIMITS, guidedBody, advancedBody, kitBody, repeatBody, checkBody, checkKitBody } from './loop-request.js';
import { LoopPlayer } from './player.js';
import { KitPlayer } from './kit-player.js';
import { createWallet } from './wallet.js';
import { formatResetTime, formatSeconds } from './format.js';

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const POLL = { first: 700, factor: 1.4, max: 4000, giveUpMs: 180000 };

const sentBodies = new Map(); // track id -> body we posted, so "again" repeats exactly what was asked
const watching = new Set();   // track ids being polled
const gaveUp = new Set();     // never re-poll a job we already waited 3 minutes for
let focusId = null;           // the job the status region reports on (the latest request)
let shownTrack = null;        // the track in the player
let lastQuota = null;
let busy = false;             // a request is on its way: Generate and the "again" buttons wait for it

const player = new LoopPlayer({
  surface: $('waveform-surface'), image: $('waveform'), playhead: $('playhead'),
  bars: $('waveform-bars'), playButton: $('play'), audio: $('player-audio'),
});
const kitPlayer = new KitPlayer({ root: $('kit'), playButton: $('kit-play') });
const wallet = createWallet({ quotaChanged: refreshQuota, describe });

// ---- errors in plain words ------------------------------------------------------------
const FIELDS = {
  prompt: ['the prompt', 'prompt'], mode: ['the mode', 'mode-guided'], share: ['the share option', 'share'],
  'params.type': ['the loop type', 'type-kick'], 'params.bpm': ['the tempo', 'bpm'],
  'params.intensity': ['the intensity', 'intensity'], 'params.duration': ['the length', 'duration'],
  'params.key': ['the key', 'key'], 'params.seed': ['the seed', 'generate'],
  'params.dark': ['the Dark option', 'dark'], 'params.ambient': ['the Ambient option', 'ambient'],
  'params.energetic': ['the Energetic option', 'energetic'],
};

/** An ApiError as one or two sentences: what happened and what to do next. */
export function describe(err) {
  const resets = lastQuota ? formatResetTime(lastQuota.resetsAt) : 'at midnight UTC';
  switch (err.code) {
    case 'network_error': return 'Could not reach CloudMusic. Check your connection, then try again.';
    case 'invalid_request': {
      const name = err.field ? (FIELDS[err.field] || [err.field])[0] : 'the request';
      return `Please check ${name}: ${err.message || 'it is not valid'}.`;
    }
    case 'quota_exhausted': return mode() === 'kit'
      ? `A kit costs 4 units, and you have fewer than 4 free loops or 4 credits left. Buy credits, or come back ${resets}.`
      : `You have used today’s free loops. Buy credits, or come back ${resets} when they reset.`;
    case 'too_many_active_jobs': return 'You already have 3 loops in the making. Wait for one to finish, then generate again.';
    case 'payload_too_large': return 'That request is too large. Shorten the prompt and try again.';
    case 'invalid_wallet_key': return 'Your wallet key is not recognised. Forget it, or restore the right key under Credits and wallet.';
    case 'payments_unavailable': return 'Payments are unavailable right now. Please try again in a little while.';
    case 'not_found': return 'That loop no longer exists (loops are kept for 30 days).';
    case 'not_ready': return 'That loop is not ready yet. Wait a moment and try again.';
    default:
      if (err.status === 503) return 'CloudMusic is busy right now. Try again in a few seconds.';
      if (err.status >= 500) return 'Something went wrong on our side. Try again shortly.';
      return `${err.message || 'The request failed'} (HTTP ${err.status}).`;
  }
}

function showError(text, code = '') {
  const box = $('error');
  box.textContent = text;
  box.dataset.code = code;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
  document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
}

function markField(field) {
  let id = (FIELDS[field] || [])[1];
  if (field === 'params.duration' && mode() === 'advanced') id = 'adv-duration';
  const control = id && $(id);
  if (!control) return;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
}

// ---- quota ---------------------------------------------------------------------------
function showQuota(q) {
  if (!q) return;
  lastQuota = q;
  $('quota-free').textContent = String(q.freeRemaining);
  $('quota-limit').textContent = String(q.freeLimit);
  $('quota-credits').textContent = String(q.credits);
  $('quota-resets').textContent = formatResetTime(q.resetsAt);
  $('quota-resets').setAttribute('datetime', q.resetsAt);
  $('quota-resets').title = new Date(q.resetsAt).toLocaleString();
}

async function refreshQuota() {
  try {
    showQuota(await api.quota());
  } catch (err) {
    if (err.code === 'invalid_wallet_key') wallet.keyRejected();
  }
}

// ---- the form ------------------------------------------------------------------------
const mode = () => (document.querySelector('input[name=mode]:checked') || {}).value || 'guided';
// The server's phrase rule (SPEC §3): of 1, 2, 4, 8, 16 bars (risers up to 8) the one nearest the length by
// ratio, never over 30 s unless one bar already is; the shorter one at an exact tie.
function barsFor(seconds, bpm, type) {
  const bar = 240 / bpm;
  let best = 1;
  let bestDistance = Infinity;
  for (const bars of type === 'riser' ? [1, 2, 4, 8] : [1, 2, 4, 8, 16]) {
    if (bars > 1 && bars * bar > 30 + 1e-9) break;
    const distance = Math.abs(Math.log(bars * bar / seconds));
    if (distance < bestDistance - 1e-12) {
      best = bars;
      bestDistance = distance;
    }
  }
  return best;
}
const plural = (n, word) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

function guidedForm() {
  return {
    type: (document.querySelector('input[name=type]:checked') || {}).value,
    bpm: $('bpm').value, intensity: $('intensity').value, duration: $('duration').value,
    dark: $('dark').checked, ambient: $('ambient').checked, energetic: $('energetic').checked,
    key: $('key').value,
  };
}

function currentBody() {
  if (mode() === 'advanced') {
    const duration = $('adv-duration-on').checked ? $('adv-duration').value : undefined;
    return advancedBody($('prompt').value, duration, $('share').checked);
  }
  return guidedBody(guidedForm(), $('share').checked);
}

function showSliders() {
  const bpm = Number($('bpm').value);
  const duration = Number($('duration').value);
  $('bpm-value').textContent = `${bpm} BPM`;
  $('intensity-value').textContent = `${$('intensity').value} of 5`;
  // Producers think in bars: say what the server will round the length to.
  // A kit's parts all follow the riser's phrase rule (1 to 8 bars).
  const type = mode() === 'kit' ? 'riser' : (document.querySelector('input[name=type]:checked') || {}).value;
  $('duration-value').textContent = `${duration} s · ${plural(barsFor(duration, bpm, type), 'bar')}`;
  $('adv-duration-value').textContent = `${$('adv-duration').value} s`;
}

function hint(kind, label, value, fallback) {
  const chip = document.createElement('span');
  chip.className = 'hint';
  chip.dataset.hint = kind;
  chip.dataset.found = String(value !== null);
  if (value !== null) chip.dataset.value = String(value);
  const strong = document.createElement('strong');
  strong.textContent = value !== null ? value : fallback;
  chip.append(label + ' ', strong);
  return chip;
}

function showPromptHints() {
  const text = $('prompt').value;
  const n = text.trim().length;
  const count = $('prompt-count');
  count.textContent = `${n} / ${LIMITS.prompt[1]}`;
  count.dataset.ok = String(n >= LIMITS.prompt[0] && n <= LIMITS.prompt[1]);
  const read = readPrompt(text);
  const chips = [];
  const bpmOk = read.bpm === null || (read.bpm >= LIMITS.bpm[0] && read.bpm <= LIMITS.bpm[1]);
  chips.push(hint('bpm', 'Tempo', read.bpm === null ? null : `${read.bpm} BPM${bpmOk ? '' : ' (outside 70–180)'}`, '120 BPM (default)'));
  if ($('adv-duration-on').checked) {
    chips.push(hint('duration', 'Length', `${$('adv-duration').value} s (set by you)`, ''));
  } else {
    chips.push(hint('duration', 'Length', read.duration === null ? null : `${read.duration} s`, '8 s (default)'));
  }
  chips.push(hint('key', 'Key', read.key, 'auto'));
  chips.push(hint('type', 'Type', read.type, 'from the words'));
  $('prompt-hints').replaceChildren(...chips);
}

function setupForm() {
  const keySelect = $('key');
  for (const k of KEYS) {
    const minor = k.endsWith('m');
    const root = minor ? k.slice(0, -1) : k;
    keySelect.append(new Option(`${k} (${root.replace('#', '♯')} ${minor ? 'minor' : 'major'})`, k));
  }
  const examples = [
    'Latin acoustic pop loop, 114 BPM, 14 seconds',
    'Dark techno rumble kick, 130 BPM, in F minor, 8s',
    'Deep house bassline, 122bpm, Am, 16 seconds',
    'Ambient pad texture in D minor, 90 BPM, duration: 20',
    'Energetic trance riser, 138 BPM, C#, 10s',
  ];
  $('examples').replaceChildren(...examples.map((text) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'chip';
    b.dataset.example = text;
    b.textContent = text;
    b.addEventListener('click', () => {
      $('prompt').value = text;
      showPromptHints();
      $('prompt').focus();
    });
    li.append(b);
    return li;
  }));

  document.querySelectorAll('input[name=mode]').forEach((r) => r.addEventListener('change', () => {
    const kit = mode() === 'kit';
    $('guided-panel').hidden = mode() === 'advanced';
    $('advanced-panel').hidden = mode() !== 'advanced';
    document.querySelector('#guided-panel .cards').hidden = kit;
    $('share-row').hidden = kit;
    $('kit-note').hidden = !kit;
    $('generate').textContent = kit ? 'Make kit · 4 units' : 'Generate loop';
    showSliders();
    clearError();
  }));
  ['bpm', 'intensity', 'duration', 'adv-duration'].forEach((id) => $(id).addEventListener('input', () => {
    showSliders();
    if (id === 'adv-duration') showPromptHints();
  }));
  $('adv-duration-on').addEventListener('change', () => {
    $('adv-duration').disabled = !$('adv-duration-on').checked;
    showPromptHints();
  });
  $('prompt').addEventListener('input', showPromptHints);
  $('loop-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (mode() === 'kit') submitKit(kitBody(guidedForm()));
    else submit(currentBody());
  });
  showSliders();
  showPromptHints();
}

// ---- generating and progress ----------------------------------------------------------
function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status-text').textContent = text;
}

// aria-disabled rather than disabled: disabling the focused button would drop a keyboard user's
// focus back to the top of the page, and the paywall could not hand it back afterwards.
function setBusy(on) {
  busy = on;
  for (const id of ['generate', 'variation', 'regenerate']) $(id).setAttribute('aria-disabled', String(on));
  $('generate').setAttribute('aria-busy', String(on));
  if (!on && shownTrack) $('regenerate').disabled = shownTrack.seed == null;
}

async function submit(body) {
  if (busy) return;
  clearError();
  const problem = checkBody(body);
  if (problem) {
    showError(`Please check ${(FIELDS[problem.field] || [problem.field])[0]}: ${problem.message}`, 'invalid_request');
    markField(problem.field);
    return;
  }
  setBusy(true);
  setStatus('queued', 'Sending your request…');
  try {
    const res = await api.createTrack(body);
    sentBodies.set(res.track.id, body);
    showQuota(res.quota);
    focusId = res.track.id;
    watch(res.track);
  } catch (err) {
    showRefusal(err);
  } finally {
    setBusy(false);
  }
}

/** A request that did not start (a track's or a kit's): the error, the paywall when out of units, the field at fault. */
function showRefusal(err) {
  setStatus('error', 'Not started.');
  showError(describe(err), err.code);
  if (err.code === 'quota_exhausted') {
    showQuota(err.body && err.body.quota);
    wallet.openPaywall(err.body && err.body.quota);
  } else if (err.code === 'invalid_wallet_key') {
    wallet.keyRejected();
  } else if (err.field) {
    markField(err.field);
  }
}

function report(track) {
  if (track.id !== focusId) return;
  switch (track.status) {
    case 'queued': return setStatus('queued', 'Queued: waiting for the engine…');
    case 'generating': return setStatus('generating', 'Generating your loop…');
    case 'ready': return setStatus('ready', `Ready: ${describeTrack(track)}, ${track.bpm} BPM, ${plural(track.bars, 'bar')}.`);
    case 'failed': {
      const why = track.error && track.error.message ? ` (${track.error.message})` : '';
      return setStatus('failed', `The loop could not be made${why}. Your free loop or credit was given back; try again or change the settings.`);
    }
    default: return undefined;
  }
}

/** Polls one job until it settles, backing off so a slow engine costs few requests. */
async function watch(track) {
  if (watching.has(track.id)) return;
  watching.add(track.id);
  const started = Date.now();
  let delay = POLL.first;
  let current = track;
  for (;;) {
    report(current);
    if (current.status === 'ready' || current.status === 'failed') break;
    if (Date.now() - started > POLL.giveUpMs) {
      gaveUp.add(track.id);
      if (track.id === focusId) setStatus('error', 'This is taking much longer than usual. The loop will appear under Recent loops when it is done.');
      break;
    }
    await sleep(delay);
    delay = Math.min(delay * POLL.factor, POLL.max);
    try {
      current = await api.track(track.id);
    } catch (err) {
      if (err.status === 0 || err.status >= 500) continue; // a blip: keep waiting until the deadline
      if (track.id === focusId) { setStatus('error', 'Lost track of this loop.'); showError(describe(err), err.code); }
      break;
    }
  }
  watching.delete(track.id);
  if (current.status === 'ready' && track.id === focusId) showTrack(current);
  if (current.status === 'ready' || current.status === 'failed') {
    refreshHistory();
    refreshQuota(); // a failed job gives its unit back
  }
}

// ---- kits ----------------------------------------------------------------------------
const KIT_LANES = ['kick', 'bass', 'texture', 'riser'];

async function submitKit(body) {
  if (busy) return;
  clearError();
  const problem = checkKitBody(body);
  if (problem) {
    showError(`Please check ${(FIELDS[problem.field] || [problem.field])[0]}: ${problem.message}`, 'invalid_request');
    markField(problem.field);
    return;
  }
  setBusy(true);
  setStatus('queued', 'Sending your kit request…');
  try {
    const res = await api.createKit(body);
    showQuota(res.quota);
    rememberKit(res.kit.id);
    focusId = res.kit.id;
    watchKit(res.kit);
  } catch (err) {
    showRefusal(err);
  } finally {
    setBusy(false);
  }
}

/** Polls a kit until it settles, as watch() does for a track. */
async function watchKit(kit) {
  const started = Date.now();
  let delay = POLL.first;
  let current = kit;
  for (;;) {
    if (current.id !== focusId) return;
    if (current.status === 'queued') setStatus('queued', 'Queued: waiting for the engine…');
    if (current.status === 'generating') setStatus('generating', 'Making your kit: four parts and their mix…');
    if (current.status === 'ready' || current.status === 'failed') break;
    if (Date.now() - started > POLL.giveUpMs) {
      setStatus('error', 'This kit is taking much longer than usual. Try again later.');
      return;
    }
    await sleep(delay);
    delay = Math.min(delay * POLL.factor, POLL.max);
    try {
      current = await api.kit(kit.id);
    } catch (err) {
      if (err.status === 0 || err.status >= 500) continue;
      setStatus('error', 'Lost track of this kit.');
      showError(describe(err), err.code);
      return;
    }
  }
  refreshQuota();
  if (current.status === 'failed') {
    const why = current.error && current.error.message ? ` (${current.error.message})` : '';
    setStatus('failed', `The kit could not be made${why}. Your 4 units were given back.`);
    return;
  }
  setStatus('ready', `Ready: kit, ${current.bpm} BPM, ${plural(current.bars, 'bar')}, key ${current.key}.`);
  showKit(current);
  refreshKits();
}

// The API lists no kits (they are not tracks), so this browser remembers the ids of the kits it made.
const KITS_STORAGE = 'cloudmusic.kits';
const MAX_KITS = 10;

function rememberedKits() {
  try {
    const ids = JSON.parse(localStorage.getItem(KITS_STORAGE) || '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').slice(0, MAX_KITS) : [];
  } catch { return []; }
}

function rememberKit(id) {
  try {
    localStorage.setItem(KITS_STORAGE, JSON.stringify([id, ...rememberedKits().filter((k) => k !== id)].slice(0, MAX_KITS)));
  } catch { /* storage unavailable: the kit is only shown now */ }
}

async function refreshKits() {
  const ids = rememberedKits();
  const kits = (await Promise.all(ids.map((id) => api.kit(id).catch(() => null)))).filter(Boolean);
  $('kits-panel').hidden = kits.length === 0;
  $('kit-history').replaceChildren(...kits.map((kit) => {
    const li = document.createElement('li');
    li.dataset.kitId = kit.id;
    li.dataset.status = kit.status;
    const main = document.createElement('div');
    main.className = 'h-main';
    const title = document.createElement('span');
    title.className = 'h-title';
    title.textContent = 'Kit';
    const meta = document.createElement('span');
    meta.className = 'h-meta';
    const when = kit.createdAt ? new Date(kit.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '';
    meta.textContent = [`${kit.bpm} BPM`, kit.key, plural(kit.bars, 'bar'), when].filter(Boolean).join(' · ');
    main.append(title, meta);
    li.append(main);
    if (kit.status === 'ready') {
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'btn btn-small';
      open.dataset.action = 'open';
      open.textContent = 'Open';
      open.setAttribute('aria-label', `Open the kit at ${kit.bpm} BPM in ${kit.key}`);
      open.addEventListener('click', () => {
        focusId = kit.id;
        setStatus('ready', `Ready: kit, ${kit.bpm} BPM, ${plural(kit.bars, 'bar')}, key ${kit.key}.`);
        showKit(kit);
      });
      li.append(open);
    } else {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = kit.status;
      li.append(badge);
    }
    return li;
  }));
}

function link(action, text, href, label) {
  const a = document.createElement('a');
  a.className = 'btn btn-small btn-ghost';
  a.dataset.action = action;
  a.href = href;
  a.setAttribute('download', '');
  a.textContent = text;
  a.setAttribute('aria-label', label);
  return a;
}

/** Shows a ready kit: one lane per stem with solo, mute and its files; the ZIP and the mix. */
function showKit(kit) {
  player.stop();
  $('result').hidden = true;
  $('kit').hidden = false;
  $('kit').dataset.kitId = kit.id;
  $('kit-zip').href = kitZipUrl(kit.id);
  $('kit-zip').setAttribute('download', kit.zipFileName || '');
  if (kit.mix) $('kit-mix').href = trackUrls(kit.mix.id).wav;
  const wavs = {};
  const lanes = KIT_LANES.map((part) => {
    const track = (kit.parts || []).find((t) => t.type === part);
    const li = document.createElement('li');
    li.dataset.part = part;
    li.dataset.audible = 'true';
    const name = document.createElement('span');
    name.className = 'lane-name';
    name.textContent = cap(part);
    const solo = document.createElement('button');
    solo.type = 'button';
    solo.className = 'btn btn-small';
    solo.dataset.action = 'solo';
    solo.textContent = 'Solo';
    solo.setAttribute('aria-pressed', 'false');
    solo.setAttribute('aria-label', `Solo the ${part}`);
    const mute = document.createElement('button');
    mute.type = 'button';
    mute.className = 'btn btn-small';
    mute.dataset.action = 'mute';
    mute.textContent = 'Mute';
    mute.setAttribute('aria-pressed', 'false');
    mute.setAttribute('aria-label', `Mute the ${part}`);
    li.append(name, solo, mute);
    if (track) {
      const urls = trackUrls(track.id);
      wavs[part] = urls.wav;
      li.append(link('wav', 'WAV', urls.wav, `Download the ${part} as WAV`));
      if (Array.isArray(track.formats) && track.formats.includes('mid')) {
        li.append(link('mid', 'MIDI', urls.mid, `Download the ${part}'s notes as MIDI`));
      }
    }
    return li;
  });
  $('kit-lanes').replaceChildren(...lanes);
  const info = $('kit-info');
  info.replaceChildren();
  fact(info, 'bpm', 'Tempo', `${kit.bpm} BPM`);
  fact(info, 'bars', 'Bars', kit.bars);
  fact(info, 'key', 'Key', kit.key);
  fact(info, 'seed', 'Seed', kit.seed);
  fact(info, 'units', 'Cost', `${kit.units} units`);
  return kitPlayer.load(wavs);
}

// ---- result --------------------------------------------------------------------------
const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');

function describeTrack(t) {
  const type = t.params && t.params.type;
  if (t.mode === 'advanced') return 'prompt loop';
  return type ? `${type} loop` : 'loop';
}

function fact(list, name, label, value) {
  if (value === undefined || value === null || value === '') return;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.dataset.fact = name;
  dd.textContent = String(value);
  list.append(dt, dd);
}

/** Loads a ready track into the player; returns a promise that settles when decoding is done. */
function showTrack(track) {
  shownTrack = track;
  const urls = trackUrls(track.id);
  kitPlayer.stop();
  $('kit').hidden = true;
  $('result').hidden = false;
  $('result').dataset.trackId = track.id;
  const decoded = player.load(urls, track.durationSeconds, track.bars);
  $('download-wav').href = urls.wav;
  $('download-mp3').href = urls.mp3;
  // Only procedural loops have MIDI; the track lists the files it has.
  const hasMidi = Array.isArray(track.formats) && track.formats.includes('mid');
  $('download-mid').hidden = !hasMidi;
  if (hasMidi) $('download-mid').href = urls.mid;
  const info = $('track-info');
  info.replaceChildren();
  fact(info, 'type', 'Type', cap(track.params && track.params.type));
  fact(info, 'bpm', 'Tempo', track.bpm != null ? `${track.bpm} BPM` : null);
  if (track.measuredBpm != null) fact(info, 'measuredBpm', 'Measured', `${Math.round(track.measuredBpm * 10) / 10} BPM`);
  fact(info, 'bars', 'Bars', track.bars);
  fact(info, 'key', 'Key', track.key);
  fact(info, 'duration', 'Length', track.durationSeconds != null ? formatSeconds(track.durationSeconds) : null);
  fact(info, 'seed', 'Seed', track.seed);
  fact(info, 'engine', 'Engine', track.engine);
  const echo = $('track-prompt');
  echo.textContent = track.mode === 'advanced' && track.prompt ? `“${track.prompt}”` : '';
  echo.hidden = !echo.textContent;
  $('regenerate').disabled = track.seed == null;
  return decoded;
}

function again(exact) {
  if (!shownTrack || busy) return;
  focusId = null;
  submit(repeatBody(shownTrack, sentBodies.get(shownTrack.id), $('share').checked, exact ? shownTrack.seed : undefined));
}

// ---- history -------------------------------------------------------------------------
function historyItem(t) {
  const li = document.createElement('li');
  li.dataset.trackId = t.id;
  li.dataset.status = t.status;
  const main = document.createElement('div');
  main.className = 'h-main';
  const title = document.createElement('span');
  title.className = 'h-title';
  title.textContent = t.mode === 'advanced' && t.prompt ? t.prompt : cap(describeTrack(t));
  const meta = document.createElement('span');
  meta.className = 'h-meta';
  const when = t.createdAt ? new Date(t.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '';
  meta.textContent = [t.bpm && `${t.bpm} BPM`, t.key, t.bars && plural(t.bars, 'bar'), when].filter(Boolean).join(' · ');
  main.append(title, meta);
  li.append(main);
  if (t.status === 'ready') {
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'btn btn-small';
    play.dataset.action = 'play';
    play.textContent = 'Play';
    play.setAttribute('aria-label', `Play ${title.textContent}`);
    play.addEventListener('click', async () => {
      player.unlock(); // inside the click: browsers only allow sound that a gesture started
      focusId = t.id;
      report(t);
      await showTrack(t);
      player.play();
    });
    const dl = document.createElement('a');
    dl.className = 'btn btn-small btn-ghost';
    dl.dataset.action = 'download';
    dl.href = trackUrls(t.id).wav;
    dl.setAttribute('download', '');
    dl.textContent = 'WAV';
    dl.setAttribute('aria-label', `Download ${title.textContent} as WAV`);
    li.append(play, dl);
  } else {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = t.status;
    li.append(badge);
    if ((t.status === 'queued' || t.status === 'generating') && !gaveUp.has(t.id)) watch(t);
  }
  return li;
}

async function refreshHistory() {
  try {
    const { tracks = [] } = await api.tracks(20);
    $('history').replaceChildren(...tracks.map(historyItem));
    $('history-empty').textContent = 'Loops you make show up here.';
    $('history-empty').hidden = tracks.length > 0;
  } catch (err) {
    $('history-empty').textContent = 'Could not load your recent loops. ' + describe(err);
    $('history-empty').hidden = false;
  }
}

// ---- start ---------------------------------------------------------------------------
setupForm();
$('variation').addEventListener('click', () => again(false));
$('regenerate').addEventListener('click', () => again(true));
$('buy-credits').addEventListener('click', () => wallet.openPaywall(lastQuota, false));
refreshQuota();
refreshHistory();
refreshKits();
wallet.handleCheckoutReturn();
openSharedTrack();

/** Links in channel posts point at /?track=<id>: open that loop in the player. */
async function openSharedTrack() {
  const params = new URLSearchParams(location.search);
  const id = params.get('track');
  if (!id) return;
  params.delete('track');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  try {
    const t = await api.track(id);
    if (t.status === 'ready') {
      setStatus('ready', 'Shared loop loaded.');
      await showTrack(t);
    } else if (t.status === 'queued' || t.status === 'generating') {
      watch(t);
    } else {
      showError('That loop could not be made. Make your own above.');
    }
  } catch (err) {
    showError(err.status === 404
      ? 'That loop is no longer available (loops are kept for 30 days). Make your own above.'
      : 'Could not open the shared loop. ' + describe(err));
  }
}
