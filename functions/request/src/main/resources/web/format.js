// Formatting in the user's own locale and time zone. The server speaks UTC and minor units.

/** 400, "usd" -> "US$4.00" / "4,00 $US": currency digits come from Intl, not an assumed 2. */
export function formatMoney(amount, currency) {
  try {
    const code = String(currency).toUpperCase();
    const fmt = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    const digits = fmt.resolvedOptions().maximumFractionDigits;
    return fmt.format(Number(amount) / 10 ** digits);
  } catch {
    return `${(Number(amount) / 100).toFixed(2)} ${currency}`;
  }
}

/** "today at 02:00", "tomorrow at 01:00" or "Mon 3 Jun, 01:00", in local time. */
export function formatResetTime(iso, now = new Date()) {
  const at = new Date(iso);
  if (isNaN(at)) return 'at midnight UTC';
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(at) - day(now)) / 86400000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return at.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function formatSeconds(s) {
  const n = Number(s);
  return isFinite(n) ? `${Math.round(n * 10) / 10} s` : '—';
}
