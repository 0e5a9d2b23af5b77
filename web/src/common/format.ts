// Number formatting for Japanese readers, shared by the report and the web app.
//
//   formatYen(1234567)            -> "1,234,567"
//   formatPercent(0.1234)         -> "12.3%"      (the value is a fraction)
//   formatNumber(1.23456, 2)      -> "1.23"
//   formatCell(v, 'yen' | 'percent' | 'number' | 'text')
//   formatWithUnit(123456, '円')  -> "123,456円"   formatWithUnit(3.14159, '%') -> "3.14%"
//   toWareki(2027)                -> "令和9年度"  (a fiscal year, April–March)
//
// null / undefined / NaN print as "—" everywhere.

/** How a value is shown: the "format" of a report table column. */
export type ValueFormat = 'yen' | 'percent' | 'number' | 'text';

export const MISSING = '—';

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Integer yen with thousands separators ("1,234,567"); non-integers are rounded for display. */
export function formatYen(v: number | null | undefined): string {
  if (!isNumber(v)) return MISSING;
  return Math.round(v).toLocaleString('ja-JP', { maximumFractionDigits: 0 });
}

/** A number with thousands separators and at most `maxDigits` decimals (default 4). */
export function formatNumber(v: number | null | undefined, maxDigits = 4): string {
  if (!isNumber(v)) return MISSING;
  return v.toLocaleString('ja-JP', { maximumFractionDigits: maxDigits });
}

/** A fraction as a percentage with `digits` decimals: 0.1234 -> "12.3%". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (!isNumber(v)) return MISSING;
  return (
    (v * 100).toLocaleString('ja-JP', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }) + '%'
  );
}

/** A table cell by its column format (text: the value as a string). */
export function formatCell(v: unknown, format: ValueFormat = 'text'): string {
  if (v === null || v === undefined) return MISSING;
  switch (format) {
    case 'yen':
      return isNumber(v) ? formatYen(v) : String(v);
    case 'percent':
      return isNumber(v) ? formatPercent(v) : String(v);
    case 'number':
      return isNumber(v) ? formatNumber(v) : String(v);
    default:
      return isNumber(v) ? formatNumber(v) : String(v);
  }
}

/**
 * A value followed by its unit, shown as given: "円" rounds to whole yen with thousands
 * separators; anything else (including "%": 3.1 -> "3.1%") is formatNumber + unit.
 * (A fraction to show as a percentage is formatPercent's job.)
 */
export function formatWithUnit(v: number | null | undefined, unit = ''): string {
  if (!isNumber(v)) return MISSING;
  if (unit === '円') return formatYen(v) + '円';
  return formatNumber(v, 2) + unit;
}

/** Short axis labels: 1234567 -> "123万", 1.2e9 -> "12億". */
export function formatCompact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e8) return formatNumber(v / 1e8, 2) + '億';
  if (a >= 1e4) return formatNumber(v / 1e4, 1) + '万';
  return formatNumber(v, 2);
}

/**
 * A fiscal year (年度, by the calendar year it starts in) in 和暦: 2019 -> "令和元年度",
 * 2027 -> "令和9年度", 2018 -> "平成30年度". Years before 平成 print as "1988年度".
 */
export function toWareki(fiscalYear: number): string {
  if (fiscalYear >= 2019) {
    const n = fiscalYear - 2018;
    return `令和${n === 1 ? '元' : n}年度`;
  }
  if (fiscalYear >= 1989) {
    const n = fiscalYear - 1988;
    return `平成${n === 1 ? '元' : n}年度`;
  }
  return `${fiscalYear}年度`;
}

/** The short form used on axes: 2027 -> "R9", 2018 -> "H30". */
export function toWarekiShort(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `R${fiscalYear - 2018}`;
  if (fiscalYear >= 1989) return `H${fiscalYear - 1988}`;
  return String(fiscalYear);
}
