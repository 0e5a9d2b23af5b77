// 世帯の保険料: members, ages and incomes in; each 分's 所得割, 均等割, 平等割, 軽減, 限度超過
// and the total out, with the explanation, for any municipality and fiscal year of the rates
// file (POST /api/levy). What is typed here goes to the local server only and is not logged.
import { formatYen } from '../../shared/format';
import type { TableColumn } from '../../shared/table';
import { postJson, type LevyResult } from '../api';
import type { AppContext } from '../main';
import { el, section, showError, tableWithDownloads } from '../ui';

interface MemberRow {
  head: HTMLInputElement;
  age: HTMLInputElement;
  salary: HTMLInputElement;
  pension: HTMLInputElement;
  business: HTMLInputElement;
  row: HTMLTableRowElement;
}

const DEFAULT_MEMBERS = [
  { head: true, age: 42, salary: 4_800_000, pension: 0, business: 0 },
  { head: false, age: 40, salary: 1_000_000, pension: 0, business: 0 },
  { head: false, age: 10, salary: 0, pension: 0, business: 0 },
  { head: false, age: 4, salary: 0, pension: 0, business: 0 },
];

export async function renderHousehold(main: HTMLElement, ctx: AppContext): Promise<() => void> {
  const info = ctx.info;
  main.appendChild(el('h1', {}, '世帯の国民健康保険料(税)'));
  if (!info.levy_years.length) {
    main.appendChild(el('p', { class: 'error' }, 'この画面は料率表が必要です: kokuho serve CASE --rates FILE で起動してください。'));
    return () => {};
  }
  const form = section(main, '世帯', 'household-form');
  const muni = el('select', { id: 'levy-municipality', 'aria-label': '市町村' });
  for (const m of info.levy_municipalities) muni.appendChild(el('option', { value: m.code }, `${m.code} ${m.name}`));
  const year = el('select', { id: 'levy-year', 'aria-label': '年度' });
  for (const y of info.levy_years) year.appendChild(el('option', { value: String(y.year) }, y.wareki));
  year.value = String(info.levy_years[info.levy_years.length - 1].year);
  form.appendChild(el('div', { class: 'toolbar' }, el('label', { class: 'inline' }, '市町村: ', muni), el('label', { class: 'inline' }, '年度: ', year)));
  form.appendChild(el('p', { class: 'hint' }, '年齢は4月1日現在、収入・所得は前年 (1月〜12月) の額 (円)。料率は起動時に指定した料率表 (サンプルは架空の料率) のものです。'));

  const table = el('table', { class: 'members' });
  table.createTHead().appendChild(el('tr', {}, ...['世帯主', '年齢', '給与収入', '公的年金等収入', '事業所得など', ''].map((h) => el('th', {}, h))));
  const body = table.createTBody();
  form.appendChild(table);
  const members: MemberRow[] = [];

  const numberInput = (value: number, label: string, cls: string) =>
    el('input', { type: 'number', min: '0', step: '1', value: String(value), class: cls, 'aria-label': label });
  const addMember = (m = { head: false, age: 30, salary: 0, pension: 0, business: 0 }) => {
    const head = el('input', { type: 'radio', name: 'head', 'aria-label': '世帯主' });
    head.checked = m.head;
    const age = el('input', { type: 'number', min: '0', max: '74', step: '1', value: String(m.age), class: 'age', 'aria-label': '年齢' });
    const salary = numberInput(m.salary, '給与収入', 'salary');
    const pension = numberInput(m.pension, '公的年金等収入', 'pension');
    const business = numberInput(m.business, '事業所得など', 'business');
    const remove = el('button', { type: 'button', class: 'small' }, '削除');
    const row = el('tr', {}, el('td', {}, head), el('td', {}, age), el('td', {}, salary), el('td', {}, pension), el('td', {}, business), el('td', {}, remove));
    body.appendChild(row);
    const mr: MemberRow = { head, age, salary, pension, business, row };
    members.push(mr);
    remove.addEventListener('click', () => {
      if (members.length <= 1) return;
      members.splice(members.indexOf(mr), 1);
      row.remove();
      if (!members.some((x) => x.head.checked)) members[0].head.checked = true;
    });
  };
  DEFAULT_MEMBERS.forEach(addMember);
  const add = el('button', { type: 'button', id: 'add-member' }, '世帯員を追加');
  add.addEventListener('click', () => addMember());
  const compute = el('button', { type: 'button', id: 'compute-levy', class: 'primary' }, '計算する');
  form.appendChild(el('div', { class: 'toolbar' }, add, compute));

  const out = el('div', { id: 'levy-result' });
  main.appendChild(out);

  const run = async () => {
    out.replaceChildren();
    const household = {
      members: members.map((m) => {
        const income: Record<string, number> = {};
        const put = (k: string, i: HTMLInputElement) => {
          const v = Math.max(0, Math.floor(i.valueAsNumber || 0));
          if (v > 0) income[k] = v;
        };
        put('salary_revenue', m.salary);
        put('pension_revenue', m.pension);
        put('business', m.business);
        return { head: m.head.checked, age: Math.floor(m.age.valueAsNumber || 0), income };
      }),
    };
    try {
      const r = await postJson<LevyResult>('/api/levy', { municipality: muni.value, year: Number(year.value), household, explain: true });
      const res = section(out, `${r.municipality_name} ${r.fiscal_year_wareki} 国民健康保険${r.levy_kind_label}`, 'levy-table');
      res.appendChild(el('p', { class: 'total' }, '年額 ', el('strong', { id: 'levy-total' }, `${formatYen(r.total)}円`),
        ` (軽減: ${r.keigen.tier}・軽減判定所得 ${formatYen(r.keigen.judged_income)}円)`));
      const cols: TableColumn[] = r.table.header.map((h, i) => ({ label: i === 0 ? h : `${h} (円)`, format: i === 0 ? 'text' : 'yen' }));
      tableWithDownloads(res, `levy-${r.municipality}-${r.fiscal_year}`, r.table.title, cols, r.table.rows);
      if (r.unconfirmed_rules.length)
        res.appendChild(el('p', { class: 'hint' }, `注意: ${r.unconfirmed_rules.join('、')} は一次資料で未確認の値です。`));
      if (r.explanation?.length) {
        const ex = section(out, '計算の過程', 'levy-explanation');
        const ol = el('ol', { class: 'trace' });
        for (const e of r.explanation) {
          const li = el('li', {}, el('div', { class: 'trace-step' }, e.step), el('div', {}, e.text));
          if (e.source) li.appendChild(el('div', { class: 'trace-meta' }, `根拠: ${e.source}`));
          ol.appendChild(li);
        }
        ex.appendChild(ol);
      }
      document.body.dataset.levy = 'done';
    } catch (e) {
      showError(out, e);
    }
  };
  compute.addEventListener('click', () => void run());
  return () => {};
}
