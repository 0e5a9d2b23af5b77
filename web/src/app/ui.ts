// Small DOM helpers of the app: elements, a titled section, download buttons under a table,
// error messages.
import { renderTable, type TableCell, type TableColumn } from '../common/table';
import { download, type ExportTable } from './api';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export function section(parent: HTMLElement, title: string, id?: string): HTMLElement {
  const s = el('section', id ? { class: 'card', id } : { class: 'card' }, el('h2', {}, title));
  parent.appendChild(s);
  return s;
}

export function showError(parent: HTMLElement, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  parent.appendChild(el('p', { class: 'error', role: 'alert' }, `エラー: ${msg}`));
}

/** CSV and xlsx buttons for the table `get()` returns at the time of the click. */
export function downloadButtons(parent: HTMLElement, get: () => ExportTable): HTMLElement {
  const box = el('div', { class: 'downloads' });
  for (const format of ['csv', 'xlsx'] as const) {
    const b = el('button', { type: 'button', class: 'download', 'data-format': format },
      format === 'csv' ? 'CSV (BOM付き)' : 'Excel (xlsx)');
    b.addEventListener('click', () => {
      download(get(), format).catch((e) => showError(parent, e));
    });
    box.appendChild(b);
  }
  parent.appendChild(box);
  return box;
}

/** A sortable table (web/src/common/table.ts) with its download buttons. */
export function tableWithDownloads(
  parent: HTMLElement,
  filename: string,
  title: string,
  columns: TableColumn[],
  rows: TableCell[][],
): HTMLTableElement {
  const holder = el('div', { class: 'table-holder', 'data-table': filename });
  parent.appendChild(holder);
  const table = renderTable(holder, { columns, rows });
  downloadButtons(holder, () => ({
    filename,
    title,
    header: columns.map((c) => c.label),
    rows,
  }));
  return table;
}

/** Ratio for display: 0.9306 → "93.06%". */
export function pct(v: number, digits = 2): string {
  return `${(v * 100).toFixed(digits)}%`;
}
