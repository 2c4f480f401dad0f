// Seamless loop player. An <audio loop> element leaves a small gap at the seam on most browsers,
// which is exactly what a DJ listens for, so playback goes through Web Audio: the whole WAV is
// decoded once and an AudioBufferSourceNode with loop=true repeats it sample-accurately.
// The <audio> element keeps the same source as the accessible, always-working fallback (and is
// what plays if the WAV cannot be fetched with CORS after the redirect, or Web Audio is missing).

const AudioCtx = window.AudioContext || window.webkitAudioContext;

export class LoopPlayer {
  /** @param els {surface, image, playhead, bars, playButton, audio} elements from the page */
  constructor(els) {
    this.els = els;
    this.ctx = null;        // created on the first Play press: browsers only allow sound after a gesture
    this.buffer = null;     // decoded loop, null until ready (or when decoding failed)
    this.source = null;     // the playing node; a source node can only start once
    this.startedAt = 0;     // ctx time at which position 0 would have played
    this.offset = 0;        // position in seconds while stopped
    this.duration = 0;
    this.loadToken = 0;     // ignore decodes of a track the user has since replaced
    this.frame = 0;

    els.playButton.addEventListener('click', () => this.toggle());
    els.surface.addEventListener('click', (e) => {
      const r = els.surface.getBoundingClientRect();
      this.seek((e.clientX - r.left) / r.width);
    });
    els.surface.addEventListener('keydown', (e) => this.onKey(e));
    els.image.addEventListener('error', () => els.surface.classList.add('no-image'));
    els.image.addEventListener('load', () => els.surface.classList.remove('no-image'));
    // Someone pressed play on the native control: never let two copies of the loop sound at once.
    els.audio.addEventListener('play', () => { if (this.source) this.stopSource(); this.showPlaying(true); this.tick(); });
    els.audio.addEventListener('pause', () => { if (!this.source) this.showPlaying(false); });
    els.audio.addEventListener('loadedmetadata', () => {
      if (!this.duration && isFinite(els.audio.duration)) this.duration = els.audio.duration;
    });
  }

  /**
   * Shows a ready track: waveform, bar grid, both sources; decodes in the background.
   * Resolves true once seamless playback is available, false when the <audio> fallback is used.
   */
  load(urls, durationSeconds, bars) {
    this.stop();
    const token = ++this.loadToken;
    const { image, audio, surface } = this.els;
    this.buffer = null;
    this.offset = 0;
    this.duration = Number(durationSeconds) || 0;
    surface.classList.remove('no-image');
    image.src = urls.waveform;
    audio.loop = true;
    audio.src = urls.wav;
    this.drawBars(bars);
    this.paint(0);
    surface.dataset.playback = 'loading';
    const settle = (seamless) => {
      if (token === this.loadToken) surface.dataset.playback = seamless ? 'seamless' : 'element';
      return seamless;
    };
    if (!AudioCtx || !window.OfflineAudioContext) return Promise.resolve(settle(false));
    // An OfflineAudioContext decodes without a user gesture, so Play can start instantly later.
    return fetch(urls.wav)
      .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
      .then((data) => new OfflineAudioContext(2, 44100, 44100).decodeAudioData(data))
      .then((buffer) => {
        if (token !== this.loadToken) return false;
        this.buffer = buffer;
        this.duration = buffer.duration;
        return settle(true);
      })
      .catch(() => settle(false)); // the <audio> element plays it instead; nothing to tell the user
  }

  /** Call inside a click handler when play() will only run after an await. */
  unlock() {
    if (!AudioCtx) return;
    this.ctx = this.ctx || new AudioCtx();
    this.ctx.resume();
  }

  get playing() {
    return Boolean(this.source) || !this.els.audio.paused;
  }

  toggle() {
    if (this.playing) this.stop(); else this.play();
  }

  play() {
    if (!this.els.audio.src) return;
    if (this.buffer) {
      this.ctx = this.ctx || new AudioCtx();
      this.ctx.resume();
      this.startSource(this.offset);
    } else {
      this.els.audio.currentTime = this.offset;
      this.els.audio.play().catch(() => this.showPlaying(false));
    }
    this.showPlaying(true);
    this.tick();
  }

  stop() {
    this.offset = this.position();
    this.stopSource();
    this.els.audio.pause();
    this.showPlaying(false);
    cancelAnimationFrame(this.frame);
    this.paint(this.offset);
  }

  /** Jumps to a fraction (0..1) of the loop, keeping the play state. */
  seek(fraction) {
    if (!this.duration) return;
    const at = Math.min(Math.max(fraction, 0), 0.999) * this.duration;
    this.offset = at;
    if (this.source) {
      this.stopSource();
      this.startSource(at);
    } else if (!this.els.audio.paused) {
      this.els.audio.currentTime = at;
    }
    this.paint(at);
  }

  startSource(offset) {
    const source = this.ctx.createBufferSource();
    source.buffer = this.buffer;
    source.loop = true;
    source.connect(this.ctx.destination);
    source.start(0, offset);
    this.source = source;
    this.startedAt = this.ctx.currentTime - offset;
  }

  stopSource() {
    if (!this.source) return;
    try { this.source.stop(); } catch { /* already stopped */ }
    this.source.disconnect();
    this.source = null;
  }

  position() {
    if (!this.duration) return 0;
    if (this.source) return (this.ctx.currentTime - this.startedAt) % this.duration;
    if (!this.els.audio.paused) return this.els.audio.currentTime % this.duration;
    return this.offset;
  }

  tick() {
    cancelAnimationFrame(this.frame);
    const step = () => {
      if (!this.playing) return;
      this.paint(this.position(), false);
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  /** Moves the playhead; the slider value is only announced on discrete changes, not per frame. */
  paint(seconds, announce = true) {
    const { playhead, surface } = this.els;
    const fraction = this.duration ? seconds / this.duration : 0;
    playhead.style.left = (fraction * 100).toFixed(3) + '%';
    if (announce) {
      surface.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
      surface.setAttribute('aria-valuetext',
        `${seconds.toFixed(1)} of ${(this.duration || 0).toFixed(1)} seconds`);
    }
  }

  drawBars(bars) {
    const layer = this.els.bars;
    layer.replaceChildren();
    const n = Math.min(Number(bars) || 0, 64);
    for (let i = 1; i < n; i++) {
      const line = document.createElement('span');
      line.style.left = (i / n * 100) + '%';
      layer.append(line);
    }
  }

  showPlaying(on) {
    const b = this.els.playButton;
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? 'Stop' : 'Play loop';
  }

  onKey(e) {
    const step = e.shiftKey ? 0.25 : 1 / 16;
    const now = this.duration ? this.position() / this.duration : 0;
    const moves = { ArrowLeft: now - step, ArrowDown: now - step, ArrowRight: now + step, ArrowUp: now + step, Home: 0, End: 0.999 };
    if (e.key in moves) { e.preventDefault(); this.seek(moves[e.key]); }
    else if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); this.toggle(); }
  }
}
