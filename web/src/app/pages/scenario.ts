// シナリオ: α, β′, 均等割指数, 標準的な収納率 and the 激変緩和 allowance as sliders; every
// change is recomputed by the engine on the server (POST /api/compute) and redraws the
// table, the map and the winners/losers chart. Scenarios can be saved (in this browser)
// and compared side by side.
//
// A value the server refuses (α = 1.5, "abc") is named in Japanese beside its box, and the
// box and its slider go back to the last value the server accepted, which is the value the
// figures on the page were computed with: box, slider and figures always agree.
import { renderBarChart, type ChartHandle } from '../../common/charts';
import { formatYen } from '../../common/format';
import { renderChoropleth, type ChoroplethHandle } from '../../common/map';
import type { TableCell, TableColumn } from '../../common/table';
import { ApiError, postJson, type ComputeResult, type Range, type ScenarioParams } from '../api';
import { parseDecimal, setFieldError } from '../input';
import type { AppContext } from '../main';
import { el, section, showError, tableWithDownloads } from '../ui';
import { MAP_METRICS, linkRows, metricFor, municipalityColumns, municipalityRows } from './overview';

interface SavedScenario {
  name: string;
  params: ScenarioParams;
  perCapitaPremium: Record<string, number>;
  nofukin: Record<string, number>;
}

interface Control {
  key: keyof ScenarioParams;
  label: string;
  help: string;
  /** The range the server accepts (/api/case). */
  range: Range;
  /** The slider's usual span, inside `range`; widened when an accepted value lies outside. */
  min: number;
  max: number;
  step: number;
  value: number;
  /** Off until touched (a value for every 分 would replace the case's per-分 values). */
  optional: boolean;
}

/** The slider's ends inside the accepted range (an open end moves in by one step). */
function sliderSpan(r: Range, min: number, max: number, step: number): [number, number] {
  const lo = Math.max(min, r.min_open ? r.min + step : r.min);
  const hi = Math.min(max, r.max_open ? r.max - step : r.max);
  return [lo, hi];
}

function storageKey(ctx: AppContext): string {
  return `kokuho.scenarios.${ctx.info.prefecture_code}.${ctx.info.fiscal_year}`;
}

function loadSaved(ctx: AppContext): SavedScenario[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey(ctx)) ?? '[]') as SavedScenario[];
  } catch {
    return [];
  }
}

function describe(p: ScenarioParams): string {
  const parts: string[] = [];
  if (p.alpha != null) parts.push(`α=${p.alpha}`);
  if (p.beta_prime != null) parts.push(`β′=${p.beta_prime}`);
  if (p.equal_share_index != null) parts.push(`e=${p.equal_share_index}`);
  if (typeof p.collection_rate === 'number') parts.push(`収納率=${(p.collection_rate * 100).toFixed(1)}%`);
  if (p.relief_enabled === false) parts.push('激変緩和なし');
  else if (p.relief_allowance != null) parts.push(`x=${p.relief_allowance}`);
  return parts.join(', ') || '現行';
}

export async function renderScenario(main: HTMLElement, ctx: AppContext): Promise<() => void> {
  const info = ctx.info;
  const P = info.parameters;
  main.appendChild(el('h1', {}, `シナリオ — ${info.prefecture} ${info.fiscal_year_wareki} (${info.coefficients})`));
  const layout = el('div', { class: 'scenario' });
  main.appendChild(layout);
  const panel = el('aside', { class: 'card controls', 'aria-label': '係数' });
  const results = el('div', { class: 'results' });
  layout.append(panel, results);

  const controls: Control[] = [
    { key: 'alpha', label: 'α 医療費指数反映係数 (医療分)', help: '1: 医療費水準を全部反映, 0: 反映しない (保険料水準の統一)', range: P.alpha, min: 0, max: 1, step: 0.01, value: P.alpha.value, optional: false },
    { key: 'beta_prime', label: 'β′ 所得係数 (市町村標準保険料率, 全分)', help: '応能:応益 = β′ : 1', range: P.beta_prime, min: 0.3, max: 2, step: 0.01, value: P.beta_prime.value, optional: true },
    { key: 'equal_share_index', label: 'e 均等割指数 (全分)', help: '応益分のうち均等割の割合 (残りが平等割)', range: P.equal_share_index, min: 0.3, max: 0.9, step: 0.01, value: P.equal_share_index.value, optional: true },
    { key: 'collection_rate', label: '標準的な収納率 (県内統一)', help: 'チェックすると全市町村に同じ収納率を使う (0.95 や 95% と入力)', range: P.collection_rate, min: 0.85, max: 1, step: 0.001, value: 0.95, optional: true },
    { key: 'relief_allowance', label: '激変緩和 x (許容する伸び)', help: '自然増 + x を超える伸びを緩和', range: P.relief_allowance, min: 0, max: 0.2, step: 0.001, value: P.relief_allowance.value, optional: false },
  ];
  // `accepted`: the values of the figures on the page (the last request the server answered);
  // `params`: what the boxes ask for now.
  const params: ScenarioParams = { alpha: P.alpha.value, relief_allowance: P.relief_allowance.value, relief_enabled: P.relief_enabled };
  let accepted: ScenarioParams = { ...params };
  interface Inputs { range: HTMLInputElement; number: HTMLInputElement; on?: HTMLInputElement; holder: HTMLElement; control: Control }
  const inputs = new Map<string, Inputs>();

  /** Shows the value `v` in the box and the slider (widening the slider to reach it). */
  const showValue = (i: Inputs, v: number) => {
    if (v < Number(i.range.min)) i.range.min = String(v);
    if (v > Number(i.range.max)) i.range.max = String(v);
    i.range.value = String(v);
    i.number.value = String(v);
  };

  for (const c of controls) {
    const id = `ctl-${c.key}`;
    const [lo, hi] = sliderSpan(c.range, c.min, c.max, c.step);
    // step "any": the slider can stand exactly at the case's value (β′ = 0.8874213650917); a
    // drag is rounded to the control's step below.
    const range = el('input', { type: 'range', id, min: String(lo), max: String(hi), step: 'any', value: String(c.value), 'aria-label': `${c.label} (スライダー)` });
    const decimals = Math.max(0, Math.round(-Math.log10(c.step)));
    const number = el('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', id: `${id}-num`, value: String(c.value), 'aria-label': c.label, title: `${c.range.text}の数` });
    const row = el('div', { class: 'control', 'data-key': c.key });
    let on: HTMLInputElement | undefined;
    if (c.optional) {
      on = el('input', { type: 'checkbox', id: `${id}-on` });
      row.append(el('label', { class: 'control-label', for: `${id}-on` }, on, ' ', c.label));
    } else {
      row.append(el('label', { class: 'control-label', for: id }, c.label));
    }
    const holder = el('div', { class: 'control-inputs' }, range, number);
    row.append(holder, el('div', { class: 'hint' }, `${c.help}。${c.range.text}`));
    panel.appendChild(row);
    const i: Inputs = { range, number, on, holder, control: c };
    inputs.set(c.key, i);
    const ask = (v: number | string) => {
      if (on) on.checked = true;
      (params as Record<string, unknown>)[c.key] = v;
      schedule();
    };
    range.addEventListener('input', () => {
      const v = Number((Math.round(range.valueAsNumber / c.step) * c.step).toFixed(decimals));
      range.value = String(v);
      number.value = String(v);
      setFieldError(number, holder, null);
      ask(v);
    });
    number.addEventListener('change', () => {
      // A number moves the slider once the server accepts it; anything else goes as typed,
      // for the server's message to name.
      const v = parseDecimal(number.value);
      ask(v ?? number.value.trim());
    });
    on?.addEventListener('change', () => {
      (params as Record<string, unknown>)[c.key] = on!.checked ? range.valueAsNumber : null;
      schedule();
    });
  }
  const reliefOn = el('input', { type: 'checkbox', id: 'ctl-relief-on' });
  reliefOn.checked = P.relief_enabled;
  reliefOn.addEventListener('change', () => {
    params.relief_enabled = reliefOn.checked;
    schedule();
  });

  /** After a refusal: every box, slider and checkbox back to the accepted values. */
  const revert = () => {
    for (const [key, i] of inputs) {
      const v = (accepted as Record<string, unknown>)[key];
      if (i.on) i.on.checked = v != null;
      showValue(i, typeof v === 'number' ? v : i.control.value);
      (params as Record<string, unknown>)[key] = v ?? null;
    }
    reliefOn.checked = accepted.relief_enabled ?? P.relief_enabled;
    params.relief_enabled = reliefOn.checked;
  };
  panel.appendChild(el('div', { class: 'control' }, el('label', { for: 'ctl-relief-on' }, reliefOn, ' 激変緩和を行う')));
  const reset = el('button', { type: 'button', id: 'reset' }, '現行に戻す');
  panel.appendChild(reset);
  const status = el('p', { class: 'status', id: 'recompute-status' }, '');
  panel.appendChild(status);

  // Save and compare.
  const saveRow = el('div', { class: 'save' });
  const nameInput = el('input', { type: 'text', id: 'scenario-name', placeholder: 'シナリオ名', 'aria-label': 'シナリオ名' });
  const saveButton = el('button', { type: 'button', id: 'save-scenario' }, '保存');
  saveRow.append(nameInput, saveButton);
  panel.appendChild(el('h3', {}, 'シナリオの保存と比較'));
  panel.appendChild(saveRow);

  // Results.
  const summary = el('div', { class: 'kpis', id: 'scenario-summary' });
  results.appendChild(summary);
  const chartSec = section(results, '1人当たり保険料の増減 (現行との差)', 'winners-losers');
  const mapSec = section(results, '地図', 'scenario-map');
  const mapSelect = el('select', { id: 'scenario-map-metric', 'aria-label': '地図に示す指標' });
  for (const m of MAP_METRICS) mapSelect.appendChild(el('option', { value: m.key }, m.label));
  mapSelect.value = 'change_per_capita_premium';
  mapSec.appendChild(el('label', { class: 'inline' }, '指標: ', mapSelect));
  const mapBox = el('div', { class: 'map-box' });
  mapSec.appendChild(mapBox);
  const tableSec = section(results, '市町村別の結果', 'scenario-table');
  const tableBox = el('div', {});
  tableSec.appendChild(tableBox);
  const compareSec = section(main, '保存したシナリオの比較', 'compare');
  const compareBox = el('div', {});
  compareSec.appendChild(compareBox);

  const topo = await ctx.topology();
  let chart: ChartHandle | null = null;
  let map: ChoroplethHandle | null = null;
  let latest: ComputeResult | null = null;
  let baseline: ComputeResult | null = null;
  let inFlight = false;
  let pending = false;
  let generation = 0;

  const draw = (r: ComputeResult) => {
    latest = r;
    summary.replaceChildren(
      kpi('納付金総額', `${formatYen(r.totals.nofukin)}円`),
      kpi('激変緩和', `${formatYen(r.totals.relief)}円`, `${r.relief.municipalities_relieved}市町村${r.relief.short_of_funds ? '・財源不足で按分' : ''}`),
      kpi('1人当たり保険料が上がる市町村', `${r.municipalities.filter((m) => m.change_per_capita_premium > 0).length}`),
      kpi('下がる市町村', `${r.municipalities.filter((m) => m.change_per_capita_premium < 0).length}`),
    );
    const sorted = [...r.municipalities].sort((a, b) => b.change_per_capita_premium - a.change_per_capita_premium);
    const x = sorted.map((m) => m.name);
    const up = sorted.map((m) => (m.change_per_capita_premium > 0 ? m.change_per_capita_premium : null));
    const down = sorted.map((m) => (m.change_per_capita_premium < 0 ? m.change_per_capita_premium : null));
    if (!chart) {
      chart = renderBarChart(chartSec, { x, unit: '円', stacked: true, series: [{ name: '上がる', values: up }, { name: '下がる', values: down }] });
      chart.chart.setOption({ color: ['#c23b52', '#1f5fa8'], xAxis: { axisLabel: { rotate: 60, interval: 0 } } });
    } else {
      chart.chart.setOption({ xAxis: { data: x }, series: [{ data: up }, { data: down }] });
    }
    if (!map) map = renderChoropleth(mapBox, topo, info.prefecture_code, metricFor(mapSelect.value, r));
    else map.setMetric(metricFor(mapSelect.value, r));
    tableBox.replaceChildren();
    const cols: TableColumn[] = [...municipalityColumns(r), { label: '1人当たり保険料 現行 (円)', format: 'yen' }, { label: '増減 (円)', format: 'yen' }, { label: '増減率', format: 'percent' }];
    const rows = municipalityRows(r).map((row, i) => [...row, r.municipalities[i].baseline_per_capita_premium, r.municipalities[i].change_per_capita_premium, r.municipalities[i].change_ratio]);
    linkRows(tableWithDownloads(tableBox, 'scenario-municipalities', `シナリオ (${describe(accepted)}) 市町村別の結果`, cols, rows));
  };

  const run = async () => {
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    const gen = ++generation;
    const t0 = performance.now();
    const asked: ScenarioParams = { ...params };
    try {
      const r = await postJson<ComputeResult>('/api/compute', asked);
      const t1 = performance.now();
      accepted = asked;
      for (const [key, i] of inputs) {
        const v = (asked as Record<string, unknown>)[key];
        setFieldError(i.number, i.holder, null);
        // The box shows the value read ("０．５" → 0.5) unless something new is being typed.
        if (typeof v === 'number' && (i.number !== document.activeElement || parseDecimal(i.number.value) === v)) showValue(i, v);
        else if (typeof v === 'number') i.range.value = String(v);
      }
      draw(r);
      const ms = performance.now() - t0;
      status.textContent = `再計算と描画: ${ms.toFixed(0)} ms (うちサーバー往復 ${(t1 - t0).toFixed(0)} ms)`;
      status.dataset.ms = ms.toFixed(1);
      status.dataset.fetchMs = (t1 - t0).toFixed(1);
      status.dataset.generation = String(gen);
      status.classList.remove('error');
    } catch (e) {
      // The figures stay those of `accepted`; the boxes go back to it, the message stays
      // beside the box of the refused field (or under the panel).
      const message = e instanceof Error ? e.message : String(e);
      const key = e instanceof ApiError && e.field ? e.field.split('.')[0] : '';
      revert();
      const target = inputs.get(key);
      if (target) setFieldError(target.number, target.holder, `${message}。表示は直前の値 ${target.number.value} のままです。`);
      status.textContent = `エラー: ${message} — 入力は受け付けられず、図表は直前の値 (${describe(accepted)}) のままです。`;
      status.dataset.generation = String(gen);
      status.dataset.refused = key;
      status.classList.add('error');
    } finally {
      inFlight = false;
      if (pending) {
        pending = false;
        void run();
      }
    }
  };
  function schedule() {
    void run();
  }
  mapSelect.addEventListener('change', () => latest && map?.setMetric(metricFor(mapSelect.value, latest)));
  reset.addEventListener('click', () => {
    for (const c of controls) {
      const i = inputs.get(c.key)!;
      showValue(i, c.value);
      setFieldError(i.number, i.holder, null);
      if (i.on) i.on.checked = false;
      (params as Record<string, unknown>)[c.key] = c.optional ? null : c.value;
    }
    reliefOn.checked = P.relief_enabled;
    params.relief_enabled = P.relief_enabled;
    schedule();
  });

  const renderCompare = () => {
    const saved = loadSaved(ctx);
    compareBox.replaceChildren();
    if (!saved.length || !baseline) {
      compareBox.appendChild(el('p', { class: 'hint' }, 'シナリオを保存すると、ここで現行と並べて比較できます。'));
      return;
    }
    const list = el('ul', { class: 'saved' });
    saved.forEach((s, i) => {
      const del = el('button', { type: 'button', class: 'small' }, '削除');
      del.addEventListener('click', () => {
        const all = loadSaved(ctx);
        all.splice(i, 1);
        localStorage.setItem(storageKey(ctx), JSON.stringify(all));
        renderCompare();
      });
      list.appendChild(el('li', {}, `${s.name}: ${describe(s.params)} `, del));
    });
    compareBox.appendChild(list);
    const cols: TableColumn[] = [{ label: '団体コード' }, { label: '市町村名' }, { label: '現行 1人当たり保険料 (円)', format: 'yen' }];
    for (const s of saved) cols.push({ label: `${s.name} (円)`, format: 'yen' }, { label: `${s.name} 増減 (円)`, format: 'yen' });
    const rows: TableCell[][] = baseline.municipalities.map((m) => {
      const row: TableCell[] = [m.code, m.name, m.baseline_per_capita_premium];
      for (const s of saved) {
        const v = s.perCapitaPremium[m.code] ?? null;
        row.push(v, v == null ? null : v - m.baseline_per_capita_premium);
      }
      return row;
    });
    tableWithDownloads(compareBox, 'scenario-compare', '保存したシナリオの比較 (1人当たり保険料)', cols, rows);
  };

  saveButton.addEventListener('click', () => {
    if (!latest) return;
    const saved = loadSaved(ctx);
    const name = nameInput.value.trim() || `シナリオ${saved.length + 1}`;
    const perCapitaPremium: Record<string, number> = {};
    const nofukin: Record<string, number> = {};
    for (const m of latest.municipalities) {
      perCapitaPremium[m.code] = m.per_capita_premium;
      nofukin[m.code] = m.nofukin_total;
    }
    saved.push({ name, params: { ...accepted }, perCapitaPremium, nofukin });
    localStorage.setItem(storageKey(ctx), JSON.stringify(saved));
    nameInput.value = '';
    renderCompare();
  });

  try {
    baseline = await postJson<ComputeResult>('/api/compute', {});
    draw(baseline);
    status.textContent = 'スライダーを動かすと再計算します。';
  } catch (e) {
    showError(results, e);
  }
  renderCompare();
  return () => {
    chart?.dispose();
    map?.dispose();
  };
}

function kpi(label: string, value: string, note = ''): HTMLElement {
  return el('div', { class: 'kpi' }, el('div', { class: 'kpi-label' }, label), el('div', { class: 'kpi-value' }, value), note ? el('div', { class: 'kpi-note' }, note) : '');
}
