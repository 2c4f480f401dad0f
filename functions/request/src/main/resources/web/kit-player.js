// Four-lane kit player: the kick, bass, texture and riser of a kit, each decoded from its WAV and
// looped by Web Audio from one start time, so the lanes stay sample-locked however long they play.
// Solo and mute only move each lane's gain; the sources never stop, so unmuting lands in time.

const AudioCtx = window.AudioContext || window.webkitAudioContext;

export class KitPlayer {
  /**
   * @param els {root, playButton} the kit panel (holding li[data-part] lanes with
   *            button[data-action=solo|mute]) and the play/stop button
   */
  constructor(els) {
    this.els = els;
    this.ctx = null;
    this.buffers = new Map(); // part -> AudioBuffer
    this.lanes = new Map();   // part -> {source, gain} while playing
    this.muted = new Set();
    this.soloed = new Set();
    this.loadToken = 0;
    els.playButton.addEventListener('click', () => (this.lanes.size ? this.stop() : this.play()));
    els.root.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-action]');
      const lane = button && button.closest('li[data-part]');
      if (!lane) return;
      const set = button.dataset.action === 'solo' ? this.soloed : this.muted;
      const part = lane.dataset.part;
      if (set.has(part)) set.delete(part); else set.add(part);
      this.applyGains();
    });
  }

  /** Fetches and decodes every lane's WAV; resolves true when all can loop in sync. */
  async load(wavUrls) {
    this.stop();
    const token = ++this.loadToken;
    this.buffers.clear();
    this.muted.clear();
    this.soloed.clear();
    this.applyGains();
    this.els.root.dataset.playback = 'loading';
    if (!AudioCtx) {
      this.els.root.dataset.playback = 'unavailable';
      return false;
    }
    try {
      const decoder = new OfflineAudioContext(2, 1, 44100);
      const decoded = await Promise.all(Object.entries(wavUrls).map(async ([part, url]) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return [part, await decoder.decodeAudioData(await response.arrayBuffer())];
      }));
      if (token !== this.loadToken) return false;
      decoded.forEach(([part, buffer]) => {
        this.buffers.set(part, buffer);
        const lane = this.els.root.querySelector(`li[data-part="${part}"]`);
        if (lane) lane.dataset.frames = String(buffer.length); // equal lengths keep the loops locked
      });
      this.els.root.dataset.playback = 'ready';
      return true;
    } catch {
      if (token === this.loadToken) this.els.root.dataset.playback = 'unavailable';
      return false;
    }
  }

  /** Inside a click: browsers only allow sound that a gesture started. */
  play() {
    if (!this.buffers.size) return;
    if (!this.ctx) this.ctx = new AudioCtx();
    if (this.ctx.state === 'suspended') this.ctx.resume();
    const when = this.ctx.currentTime + 0.05; // one start time for every lane
    for (const [part, buffer] of this.buffers) {
      const source = this.ctx.createBufferSource();
      source.buffer = buffer;
      source.loop = true;
      const gain = this.ctx.createGain();
      source.connect(gain).connect(this.ctx.destination);
      source.start(when);
      this.lanes.set(part, { source, gain });
    }
    this.els.root.dataset.startedAt = String(when);
    this.applyGains();
    this.showPlaying(true);
  }

  stop() {
    for (const { source } of this.lanes.values()) {
      try { source.stop(); } catch { /* never started */ }
    }
    this.lanes.clear();
    this.showPlaying(false);
  }

  /** A lane sounds when it is soloed, or when nothing is soloed and it is not muted. */
  audible(part) {
    return this.soloed.size ? this.soloed.has(part) : !this.muted.has(part);
  }

  applyGains() {
    for (const lane of this.els.root.querySelectorAll('li[data-part]')) {
      const part = lane.dataset.part;
      const on = this.audible(part);
      lane.dataset.audible = String(on);
      lane.querySelector('button[data-action=solo]').setAttribute('aria-pressed', String(this.soloed.has(part)));
      lane.querySelector('button[data-action=mute]').setAttribute('aria-pressed', String(this.muted.has(part)));
      const playing = this.lanes.get(part);
      if (playing) playing.gain.gain.setTargetAtTime(on ? 1 : 0, this.ctx.currentTime, 0.005);
    }
  }

  showPlaying(on) {
    this.els.playButton.setAttribute('aria-pressed', String(on));
    this.els.playButton.textContent = on ? 'Stop kit' : 'Play kit';
    this.els.root.dataset.state = on ? 'playing' : 'stopped';
  }
}
