// A table sortable by clicking a column header, shared by the report and the web app.
//
//   const table = renderTable(container, {
//     columns: [{ label: '市町村' }, { label: '納付金 (円)', align: 'right', format: 'yen' }],
//     rows: [['前橋市', 1234567890], ['高崎市', null]],
//   });
//
// Clicking a header sorts by that column, ascending then descending (aria-sort on the
// <th> says which); numbers sort numerically, text in Japanese order, empty cells last.
// Cells are formatted by the column's format (format.ts); the raw value stays in
// data-value.
import { formatCell, type ValueFormat } from './format';

export interface TableColumn {
  label: string;
  align?: 'left' | 'right' | 'center';
  format?: ValueFormat;
  /** 'number' columns: show exactly this many decimals (e.g. 2 for percentages in %). */
  decimals?: number;
}

export type TableCell = string | number | boolean | null;

export interface TableSpec {
  columns: TableColumn[];
  rows: TableCell[][];
  caption?: string;
}

const collator = new Intl.Collator('ja-JP', { numeric: true });

function compareCells(a: TableCell, b: TableCell): number {
  const ea = a === null || a === undefined || a === '';
  const eb = b === null || b === undefined || b === '';
  if (ea || eb) return ea && eb ? 0 : ea ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Appends a sortable <table> of `spec` to `container` and returns it. */
export function renderTable(container: HTMLElement, spec: TableSpec): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'kk-table';
  if (spec.caption) table.createCaption().textContent = spec.caption;
  const thead = table.createTHead();
  const headRow = thead.insertRow();
  const tbody = table.createTBody();
  const rows = spec.rows.map((r) => r.slice());
  let sortCol = -1;
  let ascending = true;
  // Text columns with long entries (sentences, 指標名) may wrap; short ones (年度, 市町村名) not.
  const WRAP_FROM = 12;
  const wraps = spec.columns.map(
    (col, i) =>
      (col.format ?? 'text') === 'text' &&
      rows.some((r) => typeof r[i] === 'string' && (r[i] as string).length > WRAP_FROM),
  );

  const fill = () => {
    tbody.replaceChildren();
    for (const r of rows) {
      const tr = tbody.insertRow();
      spec.columns.forEach((col, i) => {
        const td = tr.insertCell();
        const v = r[i] ?? null;
        td.textContent =
          typeof v === 'number' && col.decimals !== undefined && (col.format ?? 'number') === 'number'
            ? v.toLocaleString('ja-JP', {
                minimumFractionDigits: col.decimals,
                maximumFractionDigits: col.decimals,
              })
            : formatCell(v, col.format ?? 'text');
        if (v !== null) td.dataset.value = String(v);
        // A number, or the "—" of a missing one in a column of numbers, stands right.
        const numeric = typeof v === 'number' || (v === null && (col.format ?? 'text') !== 'text');
        td.style.textAlign = col.align ?? (numeric ? 'right' : 'left');
        // Long text may wrap when the table must fit a printed page; numbers never do.
        if (wraps[i] && typeof v !== 'number') td.className = 'kk-cell-text';
      });
    }
  };

  const ths: HTMLTableCellElement[] = [];
  spec.columns.forEach((col, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.style.textAlign = col.align ?? 'left';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'kk-sort';
    button.title = 'クリックで並べ替え';
    button.append(document.createTextNode(col.label), document.createElement('span'));
    // Printed instead of the button: Chromium repeats a table's header on each printed page
    // only when the header holds no form control.
    const printed = document.createElement('span');
    printed.className = 'kk-th-print';
    printed.textContent = col.label;
    printed.hidden = true;  // shown by print CSS (web/src/report/report.css)
    button.addEventListener('click', () => {
      ascending = sortCol === i ? !ascending : true;
      sortCol = i;
      // A stable sort on the original order keeps ties as they were given.
      rows.sort((a, b) => {
        const c = compareCells(a[i] ?? null, b[i] ?? null);
        const empty = (x: TableCell) => x === null || x === undefined || x === '';
        if (empty(a[i] ?? null) || empty(b[i] ?? null)) return c;  // empty cells last either way
        return ascending ? c : -c;
      });
      ths.forEach((h, j) => {
        const mark = h.querySelector('.kk-sort span');
        if (j === i) {
          h.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          if (mark) mark.textContent = ascending ? ' ▲' : ' ▼';
        } else {
          h.removeAttribute('aria-sort');
          if (mark) mark.textContent = '';
        }
      });
      fill();
    });
    th.append(button, printed);
    headRow.appendChild(th);
    ths.push(th);
  });
  fill();
  const scroller = document.createElement('div');
  scroller.className = 'kk-table-wrap';
  scroller.appendChild(table);
  container.appendChild(scroller);
  return table;
}
