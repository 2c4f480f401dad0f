// Paying for credits: the paywall dialog, Stripe Checkout round trip and the wallet key.
// The wallet key is the only thing that ties bought credits to this browser, so it is saved
// before we leave for Checkout and shown with Copy so it can be restored on another device.

import { api, walletKey } from './api.js';
import { formatMoney, formatResetTime } from './format.js';

const $ = (id) => document.getElementById(id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Generous enough for any server format, strict enough to catch a pasted sentence.
const KEY_SHAPE = /^[A-Za-z0-9._~-]{16,256}$/;

/**
 * @param hooks.quotaChanged() called whenever credits may have changed
 * @param hooks.describe(err) plain words for an ApiError
 */
export function createWallet(hooks) {
  const dialog = $('paywall');
  const packList = $('packs');
  const paywallStatus = $('paywall-status');
  const purchase = $('purchase');
  let returnFocus = null;
  let packs = null;

  function render() {
    const key = walletKey.get();
    $('wallet-key').textContent = key || 'No wallet yet: one is created with your first purchase.';
    $('wallet-key').dataset.empty = String(!key);
    $('wallet-copy').hidden = !key;
    $('wallet-forget').hidden = !key;
  }

  function say(el, text, tone = 'info') {
    el.textContent = text;
    el.dataset.tone = tone;
    el.hidden = !text;
  }

  /** The purchase notice sits with the wallet, below the fold on a phone: bring it into view. */
  function tell(text, tone) {
    say(purchase, text, tone);
    purchase.scrollIntoView({ block: 'nearest' });
  }

  // ---- paywall dialog -------------------------------------------------------------
  /** `exhausted`: opened by a 402 (say why) rather than by the Buy credits button. */
  async function openPaywall(quota, exhausted = true) {
    returnFocus = document.activeElement;
    $('paywall-title').textContent = exhausted ? 'You have used today’s free loops' : 'Buy credits';
    const resets = $('paywall-resets');
    resets.textContent = quota && quota.resetsAt ? formatResetTime(quota.resetsAt) : 'at midnight UTC';
    if (quota && quota.resetsAt) resets.setAttribute('datetime', quota.resetsAt);
    say(paywallStatus, '');
    if (!dialog.open) dialog.showModal();
    $('paywall-title').focus();
    if (!packs) await loadPacks();
    const first = packList.querySelector('button[data-pack]');
    if (first && dialog.open) first.focus();
  }

  async function loadPacks() {
    say(paywallStatus, 'Loading credit packs…');
    try {
      packs = (await api.packs()).packs || [];
      say(paywallStatus, packs.length ? '' : 'No credit packs are on sale right now.');
    } catch (err) {
      say(paywallStatus, hooks.describe(err), 'error');
      return;
    }
    packList.replaceChildren(...packs.map((pack) => {
      const li = document.createElement('li');
      li.className = 'pack';
      const name = document.createElement('span');
      name.className = 'pack-name';
      name.textContent = pack.label || `${pack.credits} credits`;
      const detail = document.createElement('span');
      detail.className = 'pack-detail';
      detail.textContent = `${pack.credits} loops · ${formatMoney(pack.amount, pack.currency)}`;
      const buy = document.createElement('button');
      buy.type = 'button';
      buy.className = 'btn btn-primary';
      buy.dataset.pack = pack.id;
      buy.textContent = 'Buy';
      buy.setAttribute('aria-label', `Buy ${name.textContent} for ${formatMoney(pack.amount, pack.currency)}`);
      buy.addEventListener('click', () => buyPack(pack.id));
      li.append(name, detail, buy);
      return li;
    }));
  }

  async function buyPack(id) {
    const buttons = packList.querySelectorAll('button[data-pack]');
    buttons.forEach((b) => { b.disabled = true; });
    say(paywallStatus, 'Opening secure checkout…');
    try {
      const { url, walletKey: key } = await api.checkout(id);
      const target = new URL(url, location.href);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('bad checkout url');
      // Saved first: if the page never comes back, the key is what proves the credits are ours.
      if (key) walletKey.set(key);
      render();
      location.assign(target.href);
    } catch (err) {
      if (err.code === 'invalid_wallet_key') keyRejected();
      say(paywallStatus, err.status !== undefined ? hooks.describe(err) : 'Checkout could not be opened. Please try again.', 'error');
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  dialog.addEventListener('close', () => {
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  });
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  $('paywall-close').addEventListener('click', () => dialog.close());

  // ---- back from Checkout ---------------------------------------------------------
  async function handleCheckoutReturn() {
    const params = new URLSearchParams(location.search);
    const outcome = params.get('checkout');
    if (!outcome) return;
    const sessionId = params.get('session_id');
    // Drop the parameters so a reload does not replay the message.
    params.delete('checkout');
    params.delete('session_id');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);

    if (outcome !== 'success' || !sessionId) {
      tell('Checkout cancelled. You have not been charged.');
      return;
    }
    say(purchase, 'Confirming your payment…');
    for (let attempt = 0; attempt < 8; attempt++) {
      let state;
      try {
        state = await api.checkoutStatus(sessionId);
      } catch (err) {
        tell('We could not confirm the payment: ' + hooks.describe(err), 'error');
        return;
      }
      if (state.status === 'paid') {
        tell(`Payment received: ${state.credits} credits are in your wallet.`, 'ok');
        hooks.quotaChanged();
        return;
      }
      if (state.status === 'expired') {
        tell('This checkout expired before payment. You have not been charged.', 'error');
        return;
      }
      await sleep(1500);
    }
    tell('Your payment is still being processed. Credits appear here as soon as it clears; you can keep making loops.');
    hooks.quotaChanged();
  }

  // ---- wallet key panel -----------------------------------------------------------
  function keyRejected() {
    $('wallet-notice').hidden = false;
    $('wallet-notice-forget').focus();
  }

  function forget() {
    walletKey.forget();
    $('wallet-notice').hidden = true;
    render();
    say(purchase, 'Wallet key forgotten on this device.');
    hooks.quotaChanged();
  }

  $('wallet-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(walletKey.get());
      say(purchase, 'Wallet key copied. Keep it somewhere safe.', 'ok');
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      getSelection().selectAllChildren($('wallet-key'));
      say(purchase, 'Press Ctrl+C (or ⌘C) to copy the selected key.');
    }
  });
  $('wallet-forget').addEventListener('click', forget);
  $('wallet-notice-forget').addEventListener('click', forget);
  $('wallet-restore-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('wallet-restore');
    const key = input.value.trim();
    if (!KEY_SHAPE.test(key)) {
      input.setAttribute('aria-invalid', 'true');
      say(purchase, 'That does not look like a wallet key. Paste the whole key, without spaces.', 'error');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    walletKey.set(key);
    input.value = '';
    $('wallet-notice').hidden = true;
    render();
    say(purchase, 'Wallet key saved on this device.', 'ok');
    hooks.quotaChanged();
  });

  render();
  return { openPaywall, handleCheckoutReturn, keyRejected, render };
}
