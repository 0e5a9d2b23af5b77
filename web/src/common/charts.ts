// Line and bar charts (ECharts, bundled at build time), shared by the report and the web app.
//
//   const h = renderLineChart(container, { x: ['R9', 'R10'], unit: '円',
//                                          series: [{ name: '前橋市', values: [123456, null] }] });
//   renderBarChart(container, { x, series, unit: '世帯', stacked: true });
//   h.setSeriesVisible('前橋市', false);  h.dispose();
//
// Each call fills `container` with the chart (a canvas, resized with the container) and,
// when there are more than LEGEND_INLINE_MAX series, an HTML legend beside it that
// scrolls and toggles each series (with すべて表示 / すべて非表示). null values are gaps.
// `echarts` is exported with the line, bar and map charts registered; register more
// with echarts.use([...]) before rendering them.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatCompact, formatWithUnit } from './format';

echarts.use([
  LineChart,
  BarChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };

/** System fonts only (no web fonts): Noto CJK on Debian, the usual ones elsewhere. */
export const FONT_FAMILY =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif';

/**
 * The diverging scale of changes, shared by maps and bars: blue for a fall, red for a rise,
 * DIVERGING_NEUTRAL exactly at 0. Stops from the largest fall to the largest rise.
 */
export const DIVERGING_STOPS = ['#2166ac', '#92c5de', '#f0f0f0', '#f4a582', '#b2182b'];
/** The colour of a change of 0 (also of the "変化なし" band). */
export const DIVERGING_NEUTRAL = DIVERGING_STOPS[2];
/** The sequential scale of levels (no sign): light to dark, a hue that means neither up nor down. */
export const SEQUENTIAL_STOPS = ['#f7fcf5', '#a1d99b', '#41ab5d', '#00441b'];

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour at `t` in [0, 1] along `stops` (linear in RGB, as ECharts' visualMap does). */
export function rampColor(stops: string[], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(stops[i]);
  const b = hexToRgb(stops[i + 1]);
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/**
 * Colours of `n` ordered bands of a change, from the largest fall to the largest rise, with
 * the neutral colour in the middle when `n` is odd (e.g. 20%以上減 … 変化なし … 20%以上増).
 */
export function divergingPalette(n: number): string[] {
  if (n <= 1) return [DIVERGING_NEUTRAL];
  return Array.from({ length: n }, (_, k) => rampColor(DIVERGING_STOPS, k / (n - 1)));
}

/** Colours of `n` ordered bands of a level, light to dark. */
export function sequentialPalette(n: number): string[] {
  if (n <= 1) return [SEQUENTIAL_STOPS[2]];
  return Array.from({ length: n }, (_, k) => rampColor(SEQUENTIAL_STOPS, 0.15 + (0.85 * k) / (n - 1)));
}

/** One named series: values aligned with the chart's x labels; null = no value. */
export interface SeriesData {
  name: string;
  values: (number | null)[];
}

export interface SeriesChartSpec {
  x: string[];
  series: SeriesData[];
  /** Shown on the y axis and after values in tooltips ("円", "世帯", "%"); values are shown as given. */
  unit?: string;
  /** Bars only: stack the series. */
  stacked?: boolean;
  /**
   * The series' colours: 'categorical' (default, distinguishable hues), 'diverging' (ordered
   * bands of a change, fall → rise, DIVERGING_STOPS) or 'sequential' (ordered bands of a level).
   */
  palette?: 'categorical' | 'diverging' | 'sequential';
}

export interface ChartHandle {
  chart: echarts.ECharts;
  /** Shows or hides one series (and ticks its legend entry). */
  setSeriesVisible(name: string, visible: boolean): void;
  dispose(): void;
}

/** With more series than this, the legend is an HTML list that scrolls. */
export const LEGEND_INLINE_MAX = 10;

const BASE_PALETTE = [
  '#1f5fa8', '#d9622b', '#2e8b57', '#c23b52', '#7b57b0',
  '#8c6d31', '#d4a017', '#3a9bb5', '#6b6b6b', '#b5478f',
];

/** `n` distinguishable colours: a fixed palette up to 10, evenly spaced hues beyond. */
export function seriesPalette(n: number): string[] {
  if (n <= BASE_PALETTE.length) return BASE_PALETTE.slice(0, Math.max(n, 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const hue = Math.round((i * 360) / n);
    const light = i % 2 === 0 ? 38 : 52;
    out.push(`hsl(${hue}, 65%, ${light}%)`);
  }
  return out;
}

const live = new Set<echarts.ECharts>();

/** Resizes every chart made by this module (e.g. before printing). */
export function resizeAllCharts(): void {
  for (const c of live) c.resize();
}

/** Makes an ECharts instance in a new div of `container` that follows its size. */
export function createChart(container: HTMLElement, className = 'kk-chart'): echarts.ECharts {
  const el = document.createElement('div');
  el.className = className;
  container.appendChild(el);
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  live.add(chart);
  const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => chart.resize()) : null;
  ro?.observe(el);
  const dispose = chart.dispose.bind(chart);
  chart.dispose = () => {
    ro?.disconnect();
    live.delete(chart);
    dispose();
  };
  return chart;
}

function renderSeriesChart(
  container: HTMLElement,
  spec: SeriesChartSpec,
  kind: 'line' | 'bar',
): ChartHandle {
  const many = spec.series.length > LEGEND_INLINE_MAX;
  const wrap = document.createElement('div');
  wrap.className = many ? 'kk-chart-wrap kk-chart-wrap--side' : 'kk-chart-wrap';
  container.appendChild(wrap);
  const chart = createChart(wrap);
  const n = spec.series.length;
  const colors =
    spec.palette === 'diverging'
      ? divergingPalette(n)
      : spec.palette === 'sequential'
        ? sequentialPalette(n)
        : seriesPalette(n);
  const unit = spec.unit ?? '';
  const fmt = (v: unknown) => formatWithUnit(typeof v === 'number' ? v : null, unit);
  chart.setOption({
    animation: false,
    color: colors,
    textStyle: { fontFamily: FONT_FAMILY },
    grid: { left: 8, right: 16, top: many ? 32 : 56, bottom: 8, containLabel: true },
    legend: many ? { show: false } : { type: 'scroll', top: 4, left: 'center' },
    tooltip: {
      trigger: many ? 'item' : 'axis',
      confine: true,
      valueFormatter: fmt,
    },
    xAxis: { type: 'category', data: spec.x, boundaryGap: kind === 'bar' },
    yAxis: {
      type: 'value',
      name: unit,
      scale: kind === 'line',
      axisLabel: {
        formatter: (v: number) => (unit === '%' ? formatCompact(v) + '%' : formatCompact(v)),
      },
    },
    series: spec.series.map((s) => ({
      name: s.name,
      type: kind,
      data: s.values.map((v) => (typeof v === 'number' ? v : null)),
      stack: kind === 'bar' && spec.stacked ? 'total' : undefined,
      connectNulls: false,
      symbolSize: 5,
      emphasis: { focus: 'series' },
      // Light bands (the neutral one) stay visible on white paper.
      itemStyle: kind === 'bar' && spec.palette ? { borderColor: '#8c8c8c', borderWidth: 0.5 } : undefined,
    })),
  });

  const boxes = new Map<string, HTMLInputElement>();
  if (many) wrap.appendChild(buildLegend(chart, spec.series, colors, boxes));

  return {
    chart,
    setSeriesVisible(name: string, visible: boolean) {
      chart.dispatchAction({ type: visible ? 'legendSelect' : 'legendUnSelect', name });
      const box = boxes.get(name);
      if (box) box.checked = visible;
    },
    dispose() {
      chart.dispose();
      wrap.remove();
    },
  };
}

function buildLegend(
  chart: echarts.ECharts,
  series: SeriesData[],
  colors: string[],
  boxes: Map<string, HTMLInputElement>,
): HTMLElement {
  const legend = document.createElement('div');
  legend.className = 'kk-legend';
  const tools = document.createElement('div');
  tools.className = 'kk-legend-tools';
  const all = (visible: boolean, label: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => {
      for (const s of series) {
        chart.dispatchAction({ type: visible ? 'legendSelect' : 'legendUnSelect', name: s.name });
        const box = boxes.get(s.name);
        if (box) box.checked = visible;
      }
    });
    return b;
  };
  tools.append(all(true, 'すべて表示'), all(false, 'すべて非表示'));
  const list = document.createElement('ul');
  list.className = 'kk-legend-list';
  series.forEach((s, i) => {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', () =>
      chart.dispatchAction({ type: box.checked ? 'legendSelect' : 'legendUnSelect', name: s.name }),
    );
    const swatch = document.createElement('span');
    swatch.className = 'kk-swatch';
    swatch.style.background = colors[i % colors.length];
    label.append(box, swatch, document.createTextNode(s.name));
    label.addEventListener('mouseenter', () =>
      chart.dispatchAction({ type: 'highlight', seriesName: s.name }),
    );
    label.addEventListener('mouseleave', () =>
      chart.dispatchAction({ type: 'downplay', seriesName: s.name }),
    );
    li.appendChild(label);
    list.appendChild(li);
    boxes.set(s.name, box);
  });
  legend.append(tools, list);
  return legend;
}

/** A line chart of `spec` in `container` (see the header). */
export function renderLineChart(container: HTMLElement, spec: SeriesChartSpec): ChartHandle {
  return renderSeriesChart(container, spec, 'line');
}

/** A bar chart of `spec` in `container`; `spec.stacked` stacks the series. */
export function renderBarChart(container: HTMLElement, spec: SeriesChartSpec): ChartHandle {
  return renderSeriesChart(container, spec, 'bar');
}

/**
 * Small multiples of a line chart with many series (e.g. 35 municipalities): one small
 * panel per series, titled with its name, its line in the accent colour over the other
 * series in light grey, every panel on the same y range so that panels compare.
 * `container` gets a grid of panels (class kk-multiples, one kk-multiple per series).
 */
export function renderSmallMultiples(container: HTMLElement, spec: SeriesChartSpec): echarts.ECharts[] {
  const grid = document.createElement('div');
  grid.className = 'kk-multiples';
  container.appendChild(grid);
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'));
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  const unit = spec.unit ?? '';
  const fmt = (v: unknown) => formatWithUnit(typeof v === 'number' ? v : null, unit);
  const charts: echarts.ECharts[] = [];
  spec.series.forEach((focus, i) => {
    const cell = document.createElement('div');
    cell.className = 'kk-multiple';
    cell.dataset.series = focus.name;
    const title = document.createElement('div');
    title.className = 'kk-multiple-title';
    title.textContent = focus.name;
    cell.appendChild(title);
    grid.appendChild(cell);
    const chart = createChart(cell, 'kk-chart kk-chart--small');
    const others = spec.series
      .filter((_, j) => j !== i)
      .map((s) => ({
        name: s.name,
        type: 'line',
        data: s.values.map((v) => (typeof v === 'number' ? v : null)),
        silent: true,
        symbol: 'none',
        lineStyle: { width: 0.6, color: '#d0d0d0' },
        z: 1,
      }));
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 9 },
      grid: { left: 4, right: 8, top: 6, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: fmt },
      xAxis: { type: 'category', data: spec.x, boundaryGap: false, axisLabel: { fontSize: 8 } },
      yAxis: {
        type: 'value',
        min: Math.floor(lo - pad),
        max: Math.ceil(hi + pad),
        splitNumber: 2,
        axisLabel: { fontSize: 8, formatter: (v: number) => formatCompact(v) },
      },
      series: [
        ...others,
        {
          name: focus.name,
          type: 'line',
          data: focus.values.map((v) => (typeof v === 'number' ? v : null)),
          symbolSize: 3,
          lineStyle: { width: 2, color: BASE_PALETTE[0] },
          itemStyle: { color: BASE_PALETTE[0] },
          z: 3,
        },
      ],
    });
    charts.push(chart);
  });
  return charts;
}
