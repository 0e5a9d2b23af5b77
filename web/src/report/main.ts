// The self-contained HTML report: reads the report data ("kokuho.report/1", see
// docs/report-format.md) and the prefecture's boundaries from the page's inline
// <script type="application/json"> elements, and draws the sections and their blocks
// (line, bar, map, table). Built into one IIFE (vite.report.config.ts) that the C++
// renderer (src/report/html_report.cc) inlines; nothing is fetched at run time.
import type { Topology } from 'topojson-specification';
import {
  LEGEND_INLINE_MAX,
  renderBarChart,
  renderLineChart,
  renderSmallMultiples,
  resizeAllCharts,
} from '../common/charts';
import { renderChoropleth, type ChoroplethMetric } from '../common/map';
import { renderTable, type TableCell, type TableColumn } from '../common/table';
import css from './report.css?inline';

interface SeriesBlock {
  kind: 'line' | 'bar';
  id?: string;
  title?: string;
  unit?: string;
  stacked?: boolean;
  /** Colours of the series: ordered bands of a change ('diverging') or of a level ('sequential'). */
  palette?: 'categorical' | 'diverging' | 'sequential';
  x: string[];
  series: { name: string; values: (number | null)[] }[];
}
interface MapBlock {
  kind: 'map';
  id?: string;
  title?: string;
  metrics: ChoroplethMetric[];
}
interface TableBlock {
  kind: 'table';
  id?: string;
  title?: string;
  columns: TableColumn[];
  rows: TableCell[][];
  /** A short note printed under the table (e.g. that its figures are a 試算). */
  note?: string;
  /**
   * Placed to the right of the table block before it (which keeps its narrowest width)
   * when both fit the width; otherwise below it, as usual.
   */
  beside?: boolean;
}
type Block = SeriesBlock | MapBlock | TableBlock;
interface Section {
  id?: string;
  /** 'appendix': printed last, in smaller type (sources and the like). */
  role?: 'appendix';
  title: string;
  text?: string;
  blocks?: Block[];
}
interface Report {
  schema: string;
  title: string;
  subtitle?: string;
  generated_by?: string;
  prefecture_code?: string;
  /** Shown at the top and on every printed page, e.g. that the data are a 架空 sample. */
  notice?: string;
  /** "compact": the first section continues the title's page (a one-page handout). */
  layout?: 'compact';
  notes?: string[];
  /** Rule values used that are unconfirmed or carried past the years the data know. */
  warnings?: string[];
  sections: Section[];
}

const DATA_ID = 'kokuho-report-data';
const GEO_ID = 'kokuho-geo-data';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function readJson<T>(id: string): T | null {
  const node = document.getElementById(id);
  if (!node || !node.textContent) return null;
  return JSON.parse(node.textContent) as T;
}

function paragraphs(parent: HTMLElement, text: string | undefined, className = 'kk-text'): void {
  if (!text) return;
  for (const para of text.split(/\n{2,}/)) {
    const p = el('p', className);
    const lines = para.split('\n');
    lines.forEach((line, i) => {
      if (i) p.appendChild(el('br'));
      p.appendChild(document.createTextNode(line));
    });
    parent.appendChild(p);
  }
}

function renderMapBlock(fig: HTMLElement, block: MapBlock, report: Report, geo: Topology | null): void {
  if (!geo) throw new Error('地図データがレポートに含まれていません');
  const metrics = block.metrics;
  let current = 0;
  const body = el('div', 'kk-map-body');
  if (metrics.length > 1) {
    const label = el('label', 'kk-metric');
    label.appendChild(document.createTextNode('表示する指標: '));
    const select = el('select', 'kk-metric-select');
    metrics.forEach((m, i) => {
      const opt = el('option', undefined, m.unit ? `${m.label} (${m.unit})` : m.label);
      opt.value = String(i);
      select.appendChild(opt);
    });
    label.appendChild(select);
    fig.appendChild(label);
    select.addEventListener('change', () => {
      current = Number(select.value);
      handle.setMetric(metrics[current]);
      caption.textContent = metricCaption(metrics[current]);
      fig.dataset.metric = String(current);
      showMissing();
    });
  }
  const caption = el('p', 'kk-map-metric', metricCaption(metrics[0]));
  fig.appendChild(caption);
  fig.appendChild(body);
  const handle = renderChoropleth(body, geo, report.prefecture_code ?? '', metrics[0], { labels: true });
  fig.dataset.metric = '0';
  const missing = el('p', 'kk-note');
  fig.appendChild(missing);
  // On paper there is no selector: every metric gets its own map (drawn now, at the
  // page's width, and shown only in print).
  if (metrics.length > 1) {
    const printMaps = el('div', 'kk-print-maps');
    fig.appendChild(printMaps);
    for (const m of metrics) {
      const item = el('div', 'kk-print-map-item');
      item.appendChild(el('p', 'kk-map-metric', metricCaption(m)));
      printMaps.appendChild(item);
      renderChoropleth(item, geo, report.prefecture_code ?? '', m, { labels: true });
    }
  }
  const showMissing = () => {
    missing.textContent = handle.missingCodes.length
      ? `地図に該当する市町村がない団体コード: ${handle.missingCodes.join(', ')}`
      : '';
    missing.hidden = handle.missingCodes.length === 0;
  };
  showMissing();
}

function metricCaption(m: ChoroplethMetric): string {
  return m.unit ? `${m.label} (単位: ${m.unit})` : m.label;
}

function renderBlock(parent: HTMLElement, block: Block, report: Report, geo: Topology | null): void {
  const fig = el('figure', `kk-block kk-block--${block.kind}`);
  if (block.id) fig.id = block.id;
  fig.dataset.kind = block.kind;
  if (block.title) {
    const unit = 'unit' in block && block.unit ? ` (単位: ${block.unit})` : '';
    fig.appendChild(el('figcaption', 'kk-block-title', block.title + unit));
  }
  parent.appendChild(fig);
  switch (block.kind) {
    case 'line':
      // Many lines (e.g. 35 municipalities) read as small multiples, not as spaghetti.
      if (block.series.length > LEGEND_INLINE_MAX) renderSmallMultiples(fig, block);
      else renderLineChart(fig, block);
      break;
    case 'bar':
      renderBarChart(fig, block);
      break;
    case 'map':
      renderMapBlock(fig, block, report, geo);
      break;
    case 'table':
      renderTable(fig, { columns: block.columns, rows: block.rows });
      if (block.note) fig.appendChild(el('p', 'kk-note kk-table-note', block.note));
      break;
    default:
      throw new Error(`未知のブロックの種類: ${(block as { kind: string }).kind}`);
  }
}

/** A CSS string literal of `text` (for the @page margin box). */
function cssString(text: string): string {
  return '"' + text.replace(/[\\"]/g, (c) => '\\' + c).replace(/[\r\n]+/g, ' ') + '"';
}

/** The notice on every printed page: an @page margin box (Chromium ≥ 131) with its text. */
function printNotice(text: string): void {
  const style = document.createElement('style');
  style.textContent =
    `@media print { @page { @top-center { content: ${cssString(text)}; ` +
    'color: #a40e26; font-size: 9pt; font-weight: 700; } } }';
  document.head.appendChild(style);
}

function render(root: HTMLElement, report: Report, geo: Topology | null): void {
  if (report.layout === 'compact') root.classList.add('kk-compact');
  if (report.notice) {
    const notice = el('p', 'kk-notice', report.notice);
    notice.setAttribute('role', 'note');
    root.appendChild(notice);
    printNotice(report.notice);
  }
  const header = el('header', 'kk-header');
  header.appendChild(el('h1', undefined, report.title));
  if (report.subtitle) header.appendChild(el('p', 'kk-subtitle', report.subtitle));
  if (report.generated_by) header.appendChild(el('p', 'kk-meta', `作成: ${report.generated_by}`));
  root.appendChild(header);

  if (report.warnings && report.warnings.length) {
    const box = el('section', 'kk-warnings');
    box.setAttribute('role', 'note');
    box.appendChild(el('h2', undefined, '注意事項 (この資料に使った値について)'));
    const ul = el('ul');
    for (const w of report.warnings) ul.appendChild(el('li', undefined, w));
    box.appendChild(ul);
    root.appendChild(box);
  }

  if (report.sections.length > 1) {
    const nav = el('nav', 'kk-toc');
    nav.appendChild(el('h2', undefined, '目次'));
    const ol = el('ol');
    report.sections.forEach((s, i) => {
      const a = el('a', undefined, s.title);
      a.href = `#${s.id || `section-${i + 1}`}`;
      const li = el('li');
      li.appendChild(a);
      ol.appendChild(li);
    });
    nav.appendChild(ol);
    root.appendChild(nav);
  }

  if (report.notes && report.notes.length) {
    const notes = el('section', 'kk-notes');
    notes.appendChild(el('h2', undefined, 'この資料について'));
    for (const n of report.notes) paragraphs(notes, n);
    root.appendChild(notes);
  }

  report.sections.forEach((s, i) => {
    const sec = el('section', s.role === 'appendix' ? 'kk-section kk-section--appendix' : 'kk-section');
    if (i === 0 && report.layout === 'compact') sec.classList.add('kk-section--continue');
    sec.id = s.id || `section-${i + 1}`;
    sec.appendChild(el('h2', undefined, s.title));
    paragraphs(sec, s.text);
    root.appendChild(sec);
    let previous: { block: Block; fig: Element } | null = null;
    for (const b of s.blocks ?? []) {
      // A table `beside` the table before it: both in one wrapping row (report.css).
      let parent: HTMLElement = sec;
      if (b.kind === 'table' && b.beside && previous?.block.kind === 'table') {
        let row = previous.fig.parentElement;
        if (!row?.classList.contains('kk-block-row')) {
          row = el('div', 'kk-block-row');
          previous.fig.replaceWith(row);
          row.appendChild(previous.fig);
        }
        parent = row;
      }
      try {
        renderBlock(parent, b, report, geo);
        previous = parent.lastElementChild ? { block: b, fig: parent.lastElementChild } : null;
      } catch (e) {
        previous = null;
        const msg = e instanceof Error ? e.message : String(e);
        sec.appendChild(el('p', 'kk-error', `「${b.title ?? b.kind}」を表示できません: ${msg}`));
        console.error(e);
      }
    }
  });

  const footer = el('footer', 'kk-footer');
  footer.appendChild(
    el('p', undefined, `${report.generated_by ?? 'kokuho'} で作成した資料です。数値の出典と前提は本文${
        report.sections.some((s) => s.role === 'appendix') ? 'と付録' : ''
      }を参照してください。`),
  );
  root.appendChild(footer);
}

function main(): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
  const root = document.getElementById('kokuho-report') ?? document.body;
  try {
    const report = readJson<Report>(DATA_ID);
    if (!report) throw new Error('レポートのデータがありません');
    render(root, report, readJson<Topology>(GEO_ID));
  } catch (e) {
    root.appendChild(
      el('p', 'kk-error', `レポートを表示できません: ${e instanceof Error ? e.message : String(e)}`),
    );
    console.error(e);
  }
  window.addEventListener('beforeprint', resizeAllCharts);
  window.addEventListener('afterprint', resizeAllCharts);
  document.body.dataset.ready = '1';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
