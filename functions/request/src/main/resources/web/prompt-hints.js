// Reads BPM, duration, key and loop type from an advanced prompt while the user types.
// It mirrors shared/.../engine/PromptReader.java (same regular expressions, same order of
// preference) so the hint shows what the server will actually read; keep the two in step.
// Pure functions only: no DOM, so node can check it.

const BPM = /(\d{2,3}(?:\.\d+)?)\s*-?\s*bpm\b|\b(?:bpm|tempo)\s*[:=]?\s*(\d{2,3}(?:\.\d+)?)\b/i;
const DURATION = /(?:duration\s*[:=]?\s*(\d{1,3}(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)?\b)|(?:(\d{1,3}(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)\b)/gi;
const KEY_WORDS = /\bin\s+([A-G])\s*(#|b|sharp|flat)?\s*(minor|major|min|maj|m)?\b/i;
const KEY_NAMED = /\b(?:key(?:\s+of)?\s*[:=]?\s*)?([A-G])\s*(#|b|sharp|flat)?\s+(minor|major)\b/;
const KEY_SHORT = /(?<![\w#])([A-G])(#|b)?(m|min|maj)?(?![\w#])/g;

/** The key's name as the server prints it: spelled as written ("Bb" minor stays "Bbm"). */
export function keyName(letter, accidental, minor) {
  return letter.toUpperCase() + accidental + (minor ? 'm' : '');
}

// A bare number in the tempo range is the tempo, unless a length, a decade or a drum machine.
const BARE_TEMPO = /(?<![\w.:/-])(\d{2,3})(?![\w.:/%'])/g;
// Tempo a genre implies when the prompt gives none (PromptReader.GENRE_TEMPOS, same order of preference:
// the genre named first in the prompt decides).
const GENRE_TEMPOS = {
  dnb: 174, jungle: 170, neurofunk: 174, liquid: 174, dubstep: 140, trap: 140, drill: 142, phonk: 140,
  hiphop: 90, 'boom-bap': 90, lofi: 80, chillhop: 85, ambient: 80, techno: 130, house: 124, deep: 122,
  trance: 138, psytrance: 145, hardstyle: 150, garage: 132, synthwave: 100, disco: 118, reggaeton: 95,
  amapiano: 113, afrobeat: 105, breakbeat: 130, electro: 125, minimal: 126, 'lo-fi': 80, 'hip-hop': 90, 808: 140,
};
const PHRASES = [[/\bdrum\s*(?:and|&|n'?)\s*bass\b/g, 'dnb'], [/\bd\s*&\s*b\b/g, 'dnb'], [/\bhip\s+hop\b/g, 'hiphop'],
  [/\blo\s+fi\b/g, 'lofi'], [/\bboom\s+bap\b/g, 'boom-bap'], [/\buk\s+garage\b/g, 'garage'], [/\b808s\b/g, '808']];

function readBpm(text) {
  const m = BPM.exec(text);
  if (m) return Math.round(parseFloat(m[1] !== undefined ? m[1] : m[2]));
  BARE_TEMPO.lastIndex = 0;
  for (let b; (b = BARE_TEMPO.exec(text));) {
    const value = Number(b[1]);
    const after = text.slice(b.index + b[0].length).toLowerCase().trimStart();
    if (value >= 70 && value <= 180 && !/^(s|sec|secs|seconds?|bars?|beats?)\b/.test(after)) return value;
  }
  let lower = text.toLowerCase();
  for (const [pattern, word] of PHRASES) lower = lower.replace(pattern, ` ${word} `);
  for (const word of lower.split(/[^a-z0-9-]+/)) {
    if (Object.prototype.hasOwnProperty.call(GENRE_TEMPOS, word)) return GENRE_TEMPOS[word];
  }
  return null;
}

function readDuration(text) {
  DURATION.lastIndex = 0;
  for (let m; (m = DURATION.exec(text));) {
    const value = m[1] !== undefined ? m[1] : m[2];
    const seconds = parseFloat(value);
    // "90s hip hop", "80s synthwave", "808s": decades and drum machines, not durations.
    const attachedS = m[2] !== undefined && m[0].toLowerCase().endsWith(value + 's');
    const decade = attachedS && /^[4-9]0$/.test(value);
    if (seconds > 0 && seconds <= 600 && !decade && value !== '808') return seconds;
  }
  return null;
}

function readKey(text) {
  const words = KEY_WORDS.exec(text);
  if (words) {
    const acc = words[2] === undefined ? ''
      : (words[2].toLowerCase().startsWith('s') || words[2] === '#') ? '#' : 'b';
    const mode = words[3] === undefined ? '' : words[3].toLowerCase();
    return keyName(words[1], acc, mode === 'm' || mode.startsWith('min'));
  }
  const named = KEY_NAMED.exec(text); // "F# minor", "key of Bb major"
  if (named) {
    const acc = named[2] === undefined ? '' : (named[2] === '#' || named[2].startsWith('s')) ? '#' : 'b';
    return keyName(named[1], acc, named[3] === 'minor');
  }
  KEY_SHORT.lastIndex = 0;
  for (let m; (m = KEY_SHORT.exec(text));) {
    // A lone capital letter ("A loop") is not a key; "Fm" or "C#" is.
    if (m[2] !== undefined || m[3] !== undefined) {
      return keyName(m[1], m[2] || '', m[3] === 'm' || m[3] === 'min');
    }
  }
  return null;
}

function readType(text) {
  const lower = text.toLowerCase();
  if (/\b(riser|build-?up|uplifter|sweep)\b/.test(lower)) return 'riser';
  if (/\b(kick|drums?|beat|percussion)\b/.test(lower)) return 'kick';
  if (/\b(bass|bassline|sub|808)\b/.test(lower)) return 'bass';
  if (/\b(pad|pads|texture|atmosphere|ambient|drone)\b/.test(lower)) return 'texture';
  return null;
}

/** What the server will read from the prompt; null where the prompt says nothing usable. */
export function readPrompt(prompt) {
  const text = prompt == null ? '' : String(prompt);
  return { bpm: readBpm(text), duration: readDuration(text), key: readKey(text), type: readType(text) };
}
