// What a person types into the app's boxes, read as the server reads it: 全角 digits, "50%",
// thousands separators ("4,800,000") and "円" accepted; amounts grouped as they are typed; a
// message in Japanese beside a box that holds a refused value.
//
//   parseDecimal('０．５') -> 0.5      parseDecimal('95%') -> 0.95     parseDecimal('abc') -> null
//   parseYen('4,800,000円') -> 4800000 parseYen('12x') -> null
//   const box = yenBox(4800000, '給与収入');  // shows "4,800,000", regroups while typing
import { formatYen } from '../common/format';
import { el } from './ui';

/** 全角 → 半角 (NFKC), spaces and separators removed. */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/[\s,，、]/g, '').replace(/−|ー|‐/g, '-');
}

/** A decimal or a percentage; null when the text is not one. */
export function parseDecimal(text: string): number | null {
  let t = normalize(text);
  let scale = 1;
  if (t.endsWith('%')) {
    t = t.slice(0, -1);
    scale = 100;
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const v = Number(t) / scale;
  return Number.isFinite(v) ? v : null;
}

/** Whole yen ≥ 0 (separators and a trailing 円 allowed); null when the text is not one. */
export function parseYen(text: string): number | null {
  const t = normalize(text).replace(/円$/, '');
  if (t === '') return 0;
  if (!/^\d+$/.test(t)) return null;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : null;
}

/** A whole number (age, count); null when the text is not one. */
export function parseWhole(text: string): number | null {
  const t = normalize(text);
  if (!/^\d+$/.test(t)) return null;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : null;
}

/**
 * A text box for yen that groups its digits while the person types ("4800000" → "4,800,000"),
 * keeping the caret after the same digit. Anything not a digit is left as typed, for the
 * check to name.
 */
export function yenBox(value: number, label: string, cls: string): HTMLInputElement {
  const box = el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', class: `yen ${cls}`, 'aria-label': label, value: value ? formatYen(value) : '0' });
  box.addEventListener('input', () => {
    const raw = box.value;
    const digits = raw.normalize('NFKC').replace(/[,，]/g, '');
    if (!/^\d*$/.test(digits)) return;  // not a plain amount: left for the check to name
    const caret = box.selectionStart ?? raw.length;
    const digitsBefore = raw.slice(0, caret).normalize('NFKC').replace(/[^\d]/g, '').length;
    const grouped = digits === '' ? '' : formatYen(Number(digits.replace(/^0+(?=\d)/, '')));
    if (grouped === raw) return;
    box.value = grouped;
    let seen = 0;
    let pos = 0;
    while (pos < grouped.length && seen < digitsBefore) {
      if (/\d/.test(grouped[pos])) seen++;
      pos++;
    }
    box.setSelectionRange(pos, pos);
  });
  return box;
}

/**
 * The message beside a box: shows `message` (role=alert, the box marked aria-invalid and
 * described by it) or clears it with null.
 */
export function setFieldError(box: HTMLElement, holder: HTMLElement, message: string | null): void {
  let note = holder.querySelector<HTMLElement>(':scope > .field-error');
  if (message == null) {
    note?.remove();
    box.removeAttribute('aria-invalid');
    box.removeAttribute('aria-describedby');
    return;
  }
  if (!note) {
    note = el('div', { class: 'field-error', role: 'alert' });
    note.id = `${box.id || `f${Math.random().toString(36).slice(2)}`}-error`;
    holder.appendChild(note);
  }
  note.textContent = message;
  box.setAttribute('aria-invalid', 'true');
  box.setAttribute('aria-describedby', note.id);
}
