// Builds generation request bodies exactly as SPEC §3 allows: the server rejects unknown
// fields, so every body is assembled from a whitelist, never by spreading user or API objects.
// Pure functions only (checked with node).

export const LOOP_TYPES = ['kick', 'bass', 'texture', 'riser'];
export const KEYS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B']
  .flatMap((root) => [root, root + 'm']);
export const LIMITS = { bpm: [70, 180], intensity: [1, 5], duration: [2, 30], prompt: [4, 500] };

const GUIDED_FIELDS = ['type', 'bpm', 'intensity', 'duration', 'dark', 'ambient', 'energetic', 'key'];

/** A seed is kept as a decimal string: a Java long does not fit in a JS number (see api.js). */
function seedOrNothing(seed) {
  return seed === undefined || seed === null || seed === '' ? undefined : String(seed);
}

/**
 * Guided body. `form` holds the control values; key '' means Auto and is omitted so the
 * server picks one. Omitting `seed` asks for a fresh random loop.
 */
export function guidedBody(form, share, seed) {
  const params = {
    type: form.type,
    bpm: Number(form.bpm),
    intensity: Number(form.intensity),
    duration: Number(form.duration),
    dark: Boolean(form.dark),
    ambient: Boolean(form.ambient),
    energetic: Boolean(form.energetic),
  };
  if (form.key) params.key = form.key;
  const s = seedOrNothing(seed);
  if (s !== undefined) params.seed = s;
  return { mode: 'guided', params, share: Boolean(share) };
}

/** A kit's body: the guided controls without a loop type (a kit has all four) and never shared. */
export function kitBody(form, seed) {
  const { params } = guidedBody(form, false, seed);
  delete params.type;
  return { mode: 'guided', params };
}

/** Advanced body. Duration only when the user set one: otherwise the prompt's own wins. */
export function advancedBody(prompt, duration, share, seed) {
  const params = {};
  if (duration !== undefined && duration !== null && duration !== '') params.duration = Number(duration);
  const s = seedOrNothing(seed);
  if (s !== undefined) params.seed = s;
  return { mode: 'advanced', prompt: String(prompt).trim(), params, share: Boolean(share) };
}

/**
 * The body that made `track` again, with `seed` (exact regeneration) or without (variation).
 * `sent` is the body we posted for it in this session, when we have it; history tracks from an
 * earlier visit are rebuilt from what the track reports, keeping only the allowed fields.
 */
export function repeatBody(track, sent, share, seed) {
  if (sent && sent.mode === 'advanced') {
    return advancedBody(sent.prompt, sent.params.duration, share, seed);
  }
  if (sent && sent.mode === 'guided') {
    return guidedBody(sent.params, share, seed);
  }
  const p = track.params || {};
  if (track.mode === 'advanced') {
    return advancedBody(track.prompt || '', p.duration, share, seed);
  }
  const form = {};
  for (const f of GUIDED_FIELDS) form[f] = p[f];
  form.type = form.type || track.type;
  form.bpm = form.bpm ?? track.bpm;
  form.duration = form.duration ?? track.durationSeconds;
  form.intensity = form.intensity ?? 3;
  return guidedBody(form, share, seed);
}

/** Client-side checks that spare a round trip; the server stays the judge. Returns null or {field, message}. */
export function checkBody(body) {
  if (body.mode === 'advanced') {
    const n = body.prompt.length;
    if (n < LIMITS.prompt[0]) return { field: 'prompt', message: `Write at least ${LIMITS.prompt[0]} characters.` };
    if (n > LIMITS.prompt[1]) return { field: 'prompt', message: `Keep it under ${LIMITS.prompt[1] + 1} characters.` };
    return null;
  }
  if (!LOOP_TYPES.includes(body.params.type)) return { field: 'params.type', message: 'Choose a loop type.' };
  return checkParams(body.params);
}

/** The same checks for a kit's body, which has every loop type and so names none. */
export function checkKitBody(body) {
  return checkParams(body.params);
}

function checkParams(p) {
  for (const f of ['bpm', 'intensity', 'duration']) {
    const [lo, hi] = LIMITS[f];
    if (!(p[f] >= lo && p[f] <= hi)) return { field: 'params.' + f, message: `Use a value from ${lo} to ${hi}.` };
  }
  if (p.key !== undefined && !KEYS.includes(p.key)) return { field: 'params.key', message: 'Choose a key from the list.' };
  return null;
}
