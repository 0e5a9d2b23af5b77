// 市町村の詳細: 納付金 per 分 and how it was made (the engine's trace), the three kinds of
// 標準保険料率, the municipality's KPIs, and (serve --scenario) its history across the
// roadmap scenario's years.
import { renderLineChart, type ChartHandle } from '../../common/charts';
import { formatYen, toWarekiShort } from '../../common/format';
import type { TableCell, TableColumn } from '../../common/table';
import { ApiError, getJson, type MunicipalityDetail, type MunicipalityHistory, type RateSet, type TraceStep } from '../api';
import type { AppContext } from '../main';
import { el, pct, section, showError, tableWithDownloads } from '../ui';

function kpiCard(label: string, value: string, note = ''): HTMLElement {
  return el('div', { class: 'kpi' }, el('div', { class: 'kpi-label' }, label),
    el('div', { class: 'kpi-value' }, value), note ? el('div', { class: 'kpi-note' }, note) : '');
}

function traceList(steps: TraceStep[]): HTMLElement {
  const ol = el('ol', { class: 'trace' });
  for (const s of steps) {
    const li = el('li', {}, el('div', { class: 'trace-step' }, s.step));
    if (s.formula) li.appendChild(el('div', { class: 'trace-formula' }, `式: ${s.formula}`));
    if (s.inputs.length) {
      const dl = el('dl', { class: 'trace-inputs' });
      for (const [k, v] of s.inputs) dl.append(el('dt', {}, k), el('dd', {}, v));
      li.appendChild(dl);
    }
    if (s.result) li.appendChild(el('div', { class: 'trace-result' }, `結果: ${s.result}`));
    if (s.rounding) li.appendChild(el('div', { class: 'trace-meta' }, `端数処理: ${s.rounding}`));
    if (s.source) li.appendChild(el('div', { class: 'trace-meta' }, `根拠: ${s.source}`));
    ol.appendChild(li);
  }
  return ol;
}

/** シナリオの推移: 1人当たり保険料・納付金 over the scenario's years (chart and table). */
async function renderHistory(main: HTMLElement, code: string, name: string): Promise<ChartHandle | null> {
  const sec = section(main, 'シナリオの推移', 'history');
  let h: MunicipalityHistory;
  try {
    h = await getJson<MunicipalityHistory>(`/api/municipalities/${encodeURIComponent(code)}/history`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) sec.appendChild(el('p', { class: 'hint' }, 'この市町村はシナリオにありません。'));
    else showError(sec, e);
    return null;
  }
  sec.appendChild(el('p', { class: 'hint' }, `${h.scenario} (kokuho serve --scenario)。1人当たりの額は円未満四捨五入。`));
  if (h.case_year) sec.appendChild(caseVersusScenario(h));
  const chart = renderLineChart(sec, {
    x: h.years.map((y) => toWarekiShort(y.fiscal_year)),
    unit: '円',
    series: [
      { name: '1人当たり保険料', values: h.years.map((y) => y.premium_per_capita) },
      { name: '1人当たり納付金', values: h.years.map((y) => y.nofukin_per_capita) },
    ],
  });
  const cols: TableColumn[] = [
    { label: '年度' }, { label: '段階' },
    { label: '納付金 (円)', format: 'yen' },
    { label: '1人当たり納付金 (円)', format: 'yen' },
    { label: '1人当たり保険料 (円)', format: 'yen' },
    { label: '激変緩和 (円)', format: 'yen' },
    { label: '標準的な収納率', format: 'number' },
  ];
  const rows: TableCell[][] = h.years.map((y) => [y.label, y.stage, y.nofukin, y.nofukin_per_capita,
    y.premium_per_capita, y.relief, Number(y.collection_rate)]);
  tableWithDownloads(sec, `history-${h.code}`, `${name} シナリオの推移 (${h.scenario})`, cols, rows);
  return chart;
}

/**
 * The case's year as the scenario computes it: the page's top figures are the case's (as
 * given), the history's are the scenario's; when they differ, say by how much and why.
 */
function caseVersusScenario(h: MunicipalityHistory): HTMLElement {
  const c = h.case_year!;
  const same = c.case_nofukin === c.scenario_nofukin && c.case_premium_per_capita === c.scenario_premium_per_capita;
  const box = el('div', { class: 'note', id: 'case-vs-scenario' });
  if (same) {
    box.appendChild(el('p', {}, `${c.label}の納付金と1人当たり保険料は、上の事例の値とシナリオの値で同じです。`));
    return box;
  }
  box.appendChild(el('p', {}, el('strong', {}, `${c.label}の値が2つあります: `),
    `上の「主な指標」は事例 (kokuho serve に渡した事例のまま) の値で、納付金 ${formatYen(c.case_nofukin)}円・1人当たり保険料 ${formatYen(c.case_premium_per_capita)}円です。` +
    `この表はシナリオ「${h.scenario}」の値で、納付金 ${formatYen(c.scenario_nofukin)}円・1人当たり保険料 ${formatYen(c.scenario_premium_per_capita)}円です。`));
  if (c.differences.length) {
    box.appendChild(el('p', {}, '違いは、シナリオがこの年度に次の入力を事例と変えているためです:'));
    box.appendChild(el('ul', {}, ...c.differences.map((d) => el('li', {}, d))));
  } else {
    box.appendChild(el('p', {}, '係数・収納率・総額・被保険者数は同じです。シナリオの他の入力 (費用の伸びなど) の違いによります。'));
  }
  return box;
}

function rateRow(part: string, kind: string, r: RateSet): TableCell[] {
  return [part, kind, r.method, r.income_rate_percent, r.asset_rate_percent ?? null, r.per_capita,
    r.per_household];
}

export async function renderMunicipality(main: HTMLElement, ctx: AppContext, arg?: string): Promise<() => void> {
  const code = arg || ctx.info.municipalities[0].code;
  const picker = el('select', { id: 'municipality-select', 'aria-label': '市町村' });
  for (const m of ctx.info.municipalities) {
    const o = el('option', { value: m.code }, `${m.code} ${m.name}`);
    if (m.code === code) o.selected = true;
    picker.appendChild(o);
  }
  picker.addEventListener('change', () => (location.hash = `#/municipality/${picker.value}`));
  main.appendChild(el('div', { class: 'toolbar' }, el('label', { class: 'inline' }, '市町村: ', picker)));

  const d = await getJson<MunicipalityDetail>(`/api/municipalities/${encodeURIComponent(code)}`);
  main.appendChild(el('h1', {}, `${d.name} (${d.code}) — ${d.fiscal_year_wareki} 納付金・標準保険料率`));

  const k = d.kpi;
  const kpis = section(main, '主な指標', 'kpi');
  kpis.appendChild(el('div', { class: 'kpis' },
    kpiCard('納付金計', `${formatYen(d.nofukin_total)}円`),
    kpiCard('1人当たり納付金', `${formatYen(k.per_capita_nofukin)}円`),
    kpiCard('1人当たり保険料', `${formatYen(k.per_capita_premium)}円`,
      `県平均 ${formatYen(k.prefecture_per_capita_premium)}円・高い方から${k.rank_per_capita_premium}位/${k.municipalities}`),
    kpiCard('地域差指数 (医療費指数)', k.epsilon.toFixed(4)),
    kpiCard('標準的な収納率', pct(k.collection_rate)),
    kpiCard('被保険者数', `${formatYen(k.insured)}人`, `${formatYen(k.households)}世帯`),
    kpiCard('1人当たり所得', `${formatYen(k.income_per_capita)}円`),
    kpiCard('激変緩和', `${formatYen(d.relief)}円`),
  ));
  tableWithDownloads(kpis, `kpi-${d.code}`, `${d.name} 主な指標`, [{ label: '指標' }, { label: '値', format: 'number' }], [
    ['納付金計 (円)', d.nofukin_total],
    ['1人当たり納付金 (円)', k.per_capita_nofukin],
    ['1人当たり保険料 (円)', k.per_capita_premium],
    ['県平均 1人当たり保険料 (円)', k.prefecture_per_capita_premium],
    ['1人当たり保険料の順位 (高い方から)', k.rank_per_capita_premium],
    ['地域差指数 (医療費指数)', k.epsilon],
    ['標準的な収納率', k.collection_rate],
    ['被保険者数 (人)', k.insured],
    ['世帯数', k.households],
    ['1人当たり所得 (円)', k.income_per_capita],
    ['激変緩和 (円)', d.relief],
  ]).classList.add('compact');

  const history = ctx.info.has_scenario ? await renderHistory(main, d.code, d.name) : null;

  const nof = section(main, '分ごとの納付金', 'nofukin');
  const cols: TableColumn[] = [
    { label: '分' },
    { label: '納付金基礎額 B (円)', format: 'yen' },
    { label: '個別加算 (円)', format: 'yen' },
    { label: '個別減算 (円)', format: 'yen' },
    { label: '激変緩和 (円)', format: 'yen' },
    { label: '納付金 P (円)', format: 'yen' },
    { label: '保険料総額 S (円)', format: 'yen' },
    { label: '収納率 r', format: 'percent' },
    { label: '賦課総額 F = S/r (円)', format: 'yen' },
  ];
  const rows: TableCell[][] = d.parts.map((p) => [p.label, p.base, p.individual_add, p.individual_sub,
    p.relief - p.relief_contribution, p.nofukin, p.premium_need, p.collection_rate, p.levy_total]);
  rows.push(['合計', null, null, null, d.relief, d.nofukin_total, null, null, null]);
  tableWithDownloads(nof, `nofukin-${d.code}`, `${d.name} 分ごとの納付金`, cols, rows);

  const rates = section(main, '標準保険料率 (3種類)', 'rates');
  const rateCols: TableColumn[] = [
    { label: '分' }, { label: '種類' }, { label: '方式' },
    { label: '所得割率 (%)', format: 'number' }, { label: '資産割率 (%)', format: 'number' },
    { label: '均等割 (円/人)', format: 'yen' }, { label: '平等割 (円/世帯)', format: 'yen' },
  ];
  const rateRows: TableCell[][] = [];
  for (const p of d.parts) {
    rateRows.push(rateRow(p.label, '都道府県標準保険料率', p.standard_rates.prefecture));
    rateRows.push(rateRow(p.label, '市町村標準保険料率', p.standard_rates.municipal));
    rateRows.push(rateRow(p.label, '各市町村の算定基準に基づく標準的な保険料率', p.standard_rates.own_basis));
  }
  tableWithDownloads(rates, `standard-rates-${d.code}`, `${d.name} 標準保険料率`, rateCols, rateRows);

  const trace = section(main, '算定過程', 'trace');
  trace.appendChild(el('p', { class: 'hint' }, '各段の式・入力・結果・端数処理・根拠 (kokuho explain と同じ内容)。'));
  d.parts.forEach((p, i) => {
    const det = el('details', i === 0 ? { open: '' } : {}, el('summary', {}, `${p.label} — 納付金 ${formatYen(p.nofukin)}円 (${p.trace.length}段)`));
    det.appendChild(traceList(p.trace));
    trace.appendChild(det);
  });
  if (d.trace.length) {
    const det = el('details', {}, el('summary', {}, `全分共通 (激変緩和など, ${d.trace.length}段)`));
    det.appendChild(traceList(d.trace));
    trace.appendChild(det);
  }
  return () => {
    history?.dispose();
  };
}
