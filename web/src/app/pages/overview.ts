// 県の概要: totals per 分, a map of the municipalities coloured by a chosen figure, and a
// sortable table of every municipality.
import { renderChoropleth, type ChoroplethMetric } from '../../common/map';
import type { TableCell, TableColumn } from '../../common/table';
import { getJson, type ComputeResult, type MunicipalityRow } from '../api';
import type { AppContext } from '../main';
import { el, section, tableWithDownloads } from '../ui';

/** The figures the map can show. */
export const MAP_METRICS: { key: string; label: string; unit: string; value: (m: MunicipalityRow) => number }[] = [
  { key: 'per_capita_nofukin', label: '1人当たり納付金', unit: '円', value: (m) => m.per_capita_nofukin },
  { key: 'per_capita_premium', label: '1人当たり保険料', unit: '円', value: (m) => m.per_capita_premium },
  { key: 'epsilon', label: '地域差指数 (医療費指数)', unit: '', value: (m) => m.epsilon },
  { key: 'collection_rate', label: '標準的な収納率', unit: '%', value: (m) => m.collection_rate },
  { key: 'nofukin_total', label: '納付金計', unit: '円', value: (m) => m.nofukin_total },
  { key: 'change_per_capita_premium', label: '1人当たり保険料の増減', unit: '円', value: (m) => m.change_per_capita_premium },
];

export function metricFor(key: string, r: ComputeResult): ChoroplethMetric {
  const m = MAP_METRICS.find((x) => x.key === key) ?? MAP_METRICS[0];
  const values: Record<string, number> = {};
  for (const row of r.municipalities) values[row.code] = m.value(row);
  return { label: m.label, unit: m.unit, values };
}

export function partTotalsTable(parent: HTMLElement, r: ComputeResult, filename: string): void {
  const columns: TableColumn[] = [
    { label: '分' },
    { label: '保険料収納必要総額 (円)', format: 'yen' },
    { label: '納付金算定基礎額 C (円)', format: 'yen' },
    { label: '納付金計 (円)', format: 'yen' },
    { label: '被保険者数', format: 'number' },
    { label: 'γ' },
    { label: '都道府県標準 所得割率 (%)', format: 'number' },
    { label: '都道府県標準 均等割 (円)', format: 'yen' },
  ];
  const rows: TableCell[][] = r.parts.map((p) => [
    p.label,
    p.required_total,
    p.base_total,
    p.nofukin_total,
    p.insured,
    p.gamma,
    p.prefecture_standard.income_rate_percent,
    p.prefecture_standard.per_capita,
  ]);
  rows.push(['合計', null, null, r.totals.nofukin, null, null, null, null]);
  tableWithDownloads(parent, filename, `${r.prefecture} ${r.fiscal_year_wareki} 分ごとの合計`, columns, rows);
}

export function municipalityColumns(r: ComputeResult): TableColumn[] {
  return [
    { label: '団体コード' },
    { label: '市町村名' },
    { label: '被保険者数', format: 'number' },
    ...r.parts.map((p) => ({ label: `${p.label} (円)`, format: 'yen' as const })),
    { label: '納付金計 (円)', format: 'yen' },
    { label: '1人当たり納付金 (円)', format: 'yen' },
    { label: '1人当たり保険料 (円)', format: 'yen' },
    { label: '医療費指数', format: 'number' },
    { label: '標準的な収納率', format: 'percent' },
    { label: '激変緩和 (円)', format: 'yen' },
  ];
}

export function municipalityRows(r: ComputeResult): TableCell[][] {
  return r.municipalities.map((m) => [
    m.code,
    m.name,
    m.insured,
    ...r.parts.map((p) => m.nofukin[p.key] ?? null),
    m.nofukin_total,
    m.per_capita_nofukin,
    m.per_capita_premium,
    m.epsilon,
    m.collection_rate,
    m.relief,
  ]);
}

/** Clicking a row of a municipality table opens its detail page. */
export function linkRows(table: HTMLTableElement): void {
  table.classList.add('clickable');
  table.tBodies[0].addEventListener('click', (ev) => {
    const tr = (ev.target as HTMLElement).closest('tr');
    const code = tr?.cells[0]?.dataset.value;
    if (code) location.hash = `#/municipality/${code}`;
  });
}

export async function renderOverview(main: HTMLElement, ctx: AppContext): Promise<() => void> {
  const r = await getJson<ComputeResult>('/api/compute');
  main.appendChild(el('h1', {}, `${ctx.info.prefecture} ${r.fiscal_year_wareki} 国民健康保険事業費納付金 (${ctx.info.coefficients})`));

  const totals = section(main, '分ごとの合計', 'totals');
  partTotalsTable(totals, r, 'part-totals');

  const mapSec = section(main, '市町村の地図', 'map');
  const select = el('select', { id: 'map-metric', 'aria-label': '地図に示す指標' });
  for (const m of MAP_METRICS.filter((x) => x.key !== 'change_per_capita_premium'))
    select.appendChild(el('option', { value: m.key }, m.label));
  mapSec.appendChild(el('label', { class: 'inline' }, '指標: ', select));
  const mapBox = el('div', { class: 'map-box' });
  mapSec.appendChild(mapBox);
  const topo = await ctx.topology();
  const handle = renderChoropleth(mapBox, topo, ctx.info.prefecture_code, metricFor(select.value, r));
  select.addEventListener('change', () => handle.setMetric(metricFor(select.value, r)));

  const tableSec = section(main, '市町村別の納付金', 'municipalities');
  tableSec.appendChild(el('p', { class: 'hint' }, '見出しをクリックで並べ替え、行をクリックで市町村の詳細へ。'));
  const table = tableWithDownloads(
    tableSec,
    'nofukin-municipalities',
    `${r.prefecture} ${r.fiscal_year_wareki} 市町村別の納付金`,
    municipalityColumns(r),
    municipalityRows(r),
  );
  linkRows(table);
  return () => handle.dispose();
}
