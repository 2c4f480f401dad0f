// The only module that talks HTTP to the CloudMusic API (SPEC §2). Every call carries the
// wallet key when we hold one, and every failure becomes one ApiError carrying the status and
// the server's error code, so the page has a single place to turn failures into words.

const WALLET_STORAGE = 'cloudmusic.walletKey';

/** The wallet key lives in localStorage; storage can be unavailable (private mode), so never throw. */
export const walletKey = {
  get() {
    try { return localStorage.getItem(WALLET_STORAGE) || ''; } catch { return ''; }
  },
  set(key) {
    try { localStorage.setItem(WALLET_STORAGE, key); return true; } catch { return false; }
  },
  forget() {
    try { localStorage.removeItem(WALLET_STORAGE); } catch { /* nothing stored then */ }
  },
};

export class ApiError extends Error {
  constructor(status, code, message, field, body, retryAfter) {
    super(message || code);
    this.status = status;      // 0 means the request never got an answer
    this.code = code;
    this.field = field || null;
    this.body = body || null;  // a 402 carries `quota` here
    this.retryAfter = retryAfter || null;
  }
}

// Seeds are Java longs; JSON.parse would round anything above 2^53 and "Regenerate exactly"
// would then ask for a different loop. So seeds travel as digit strings inside the page and as
// bare numbers on the wire. The patterns cannot match inside a JSON string value, where every
// quote is escaped as \".
const SEED_IN = /"seed"\s*:\s*(-?\d+)/g;
const SEED_OUT = /"seed":"(-?\d+)"/g;

export function parseJson(text) {
  return JSON.parse(text.replace(SEED_IN, '"seed":"$1"'));
}

export function toJson(value) {
  return JSON.stringify(value).replace(SEED_OUT, '"seed":$1');
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = walletKey.get();
  if (key) headers['X-Wallet-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : toJson(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e && e.message);
  }
  let data = null;
  try {
    const text = await response.text();
    data = text ? parseJson(text) : null;
  } catch { /* a proxy's HTML error page: keep data null */ }
  if (!response.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(response.status, err.code || 'http_' + response.status, err.message,
      err.field, data, response.headers.get('Retry-After'));
  }
  return data;
}

const track = (id) => '/v1/tracks/' + encodeURIComponent(id);
const kit = (id) => '/v1/kits/' + encodeURIComponent(id);

export const api = {
  quota: () => call('GET', '/v1/quota'),
  createTrack: (body) => call('POST', '/v1/tracks', body),
  track: (id) => call('GET', track(id)),
  tracks: (limit = 20) => call('GET', '/v1/tracks?limit=' + limit),
  createKit: (body) => call('POST', '/v1/kits', body),
  kit: (id) => call('GET', kit(id)),
  packs: () => call('GET', '/v1/packs'),
  checkout: (pack) => call('POST', '/v1/checkout', { pack }),
  checkoutStatus: (sessionId) => call('GET', '/v1/checkout/' + encodeURIComponent(sessionId)),
};

/** Same-origin URLs of a track's files; the server answers with redirects to the stored objects. */
export const trackUrls = (id) => ({
  wav: track(id) + '/audio',
  mp3: track(id) + '/audio?format=mp3',
  mid: track(id) + '/audio?format=mid',
  waveform: track(id) + '/waveform',
});

/** The kit's ZIP (every part's WAV and MIDI), through the API's redirect. */
export const kitZipUrl = (id) => kit(id) + '/zip';
