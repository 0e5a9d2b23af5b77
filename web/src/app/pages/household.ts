// 世帯の保険料: members, ages, incomes, 固定資産税額 (資産割), 非自発的失業 and 擬制世帯主 in;
// each 分's 所得割, 資産割, 均等割, 平等割, 軽減, 限度超過 and the total out, with the 期別
// (per 納期) amounts, the change from the previous year of the rates file, and the
// explanation, for any municipality and fiscal year of the rates file (POST /api/levy). What
// is typed here goes to the local server only and is not logged.
//
// Each box is checked as the person leaves it; a refused value (here or by the server) is
// named in Japanese beside its box, and a result computed from earlier input is marked as
// not recomputed until the input is fixed.
import { formatYen } from '../../common/format';
import type { TableCell, TableColumn } from '../../common/table';
import { ApiError, postJson, type LevyResult } from '../api';
import { parseWhole, parseYen, setFieldError, yenBox } from '../input';
import type { AppContext } from '../main';
import { el, section, showError, tableWithDownloads } from '../ui';

interface MemberRow {
  head: HTMLInputElement;
  insured: HTMLInputElement;
  age: HTMLInputElement;
  salary: HTMLInputElement;
  pension: HTMLInputElement;
  business: HTMLInputElement;
  asset: HTMLInputElement;
  reason: HTMLSelectElement;
  separation: HTMLInputElement;
  row: HTMLTableRowElement;
}

const DEFAULT_MEMBERS = [
  { head: true, age: 42, salary: 4_800_000, pension: 0, business: 0 },
  { head: false, age: 40, salary: 1_000_000, pension: 0, business: 0 },
  { head: false, age: 10, salary: 0, pension: 0, business: 0 },
  { head: false, age: 4, salary: 0, pension: 0, business: 0 },
];

// 離職理由コード of 特定受給資格者 and 特定理由離職者 (国保法施行令 29条の7の2; docs/household-format.md).
const REASON_CODES: [string, string][] = [
  ['11', '11 解雇'], ['12', '12 天災等による事業継続不可の解雇'], ['21', '21 雇止め (雇用期間3年以上等)'],
  ['22', '22 雇止め (更新明示あり)'], ['31', '31 事業主からの勧奨等'], ['32', '32 事業所移転等'],
  ['23', '23 期間満了 (更新なし)'], ['33', '33 正当な理由のある自己都合'], ['34', '34 正当な理由のある自己都合 (被保険者期間12か月未満)'],
];

/** One yearly amount's limit (the household file's: 100億円). */
const MAX_AMOUNT = 10_000_000_000;

/** 納期の回数 the form starts with: a municipal choice (条例), often 8〜10 (6月〜翌3月 …). */
const DEFAULT_INSTALMENTS = 10;

function cellOf(input: HTMLElement): HTMLElement {
  return input.closest('td') ?? (input.parentElement as HTMLElement);
}

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
  form.appendChild(el('p', { class: 'hint' },
    '年齢は4月1日現在、収入・所得は前年 (1月〜12月) の額 (円、3桁区切りは自動で入ります)。固定資産税額は資産割のある市町村 (4方式) でだけ使われます。' +
    '「国保」のチェックを外した世帯主は擬制世帯主 (国保に加入していない世帯主) です。非自発的失業は離職理由コードと離職日を入れると給与所得を30/100として計算します。' +
    '料率は起動時に指定した料率表 (サンプルは架空の料率) のものです。'));

  const table = el('table', { class: 'members', id: 'members' });
  table.createTHead().appendChild(el('tr', {}, ...['世帯主', '国保', '年齢', '給与収入', '公的年金等収入', '事業所得など', '固定資産税額', '非自発的失業 (離職理由・離職日)', ''].map((h) => el('th', {}, h))));
  const body = table.createTBody();
  form.appendChild(el('div', { class: 'table-scroll' }, table));
  const members: MemberRow[] = [];

  // Checks of one member's boxes, in the words of the server's messages (server/messages_ja.h),
  // with the value typed (it is the person's own, shown in their own browser).
  const checkAge = (m: MemberRow): boolean => {
    const v = parseWhole(m.age.value);
    const max = m.insured.checked ? 74 : 120;
    let msg: string | null = null;
    if (v == null) msg = `「${m.age.value}」は年齢として読めません。4月1日現在の年齢を0〜${max}の整数で入力してください`;
    else if (v > max) msg = m.insured.checked
      ? `${v}歳は国保に加入できる年齢ではありません (75歳以上は後期高齢者医療)。0〜74の整数で入力してください`
      : `${v}歳は入力できません。0〜120の整数で入力してください`;
    setFieldError(m.age, cellOf(m.age), msg);
    return msg == null;
  };
  const checkYen = (box: HTMLInputElement): boolean => {
    const v = parseYen(box.value);
    let msg: string | null = null;
    if (v == null) msg = `「${box.value}」は金額として読めません。0以上の整数 (円) で入力してください (例: 4,800,000)`;
    else if (v > MAX_AMOUNT) msg = '1つの金額は100億円以下で入力してください';
    setFieldError(box, cellOf(box), msg);
    return msg == null;
  };
  const checkInsured = (m: MemberRow): boolean => {
    const msg = !m.insured.checked && !m.head.checked
      ? '国保に加入していない人を入力できるのは世帯主 (擬制世帯主) だけです。ほかの国保に加入していない人は世帯員に入れないでください'
      : null;
    setFieldError(m.insured, cellOf(m.insured), msg);
    return msg == null;
  };
  const checkUnemployment = (m: MemberRow): boolean => {
    let msg: string | null = null;
    if (m.reason.value && !m.insured.checked) msg = '非自発的失業は国保に加入している人についてだけ入力できます';
    else if (m.reason.value && !m.separation.value) msg = '離職日を入力してください';
    setFieldError(m.separation, cellOf(m.separation), msg);
    return msg == null;
  };
  const checkMember = (m: MemberRow): boolean =>
    [checkInsured(m), checkAge(m), checkYen(m.salary), checkYen(m.pension), checkYen(m.business), checkYen(m.asset), checkUnemployment(m)].every(Boolean);

  const addMember = (m = { head: false, age: 30, salary: 0, pension: 0, business: 0 }) => {
    const head = el('input', { type: 'radio', name: 'head', 'aria-label': '世帯主', class: 'head' });
    head.checked = m.head;
    const insured = el('input', { type: 'checkbox', 'aria-label': '国保に加入', class: 'insured' });
    insured.checked = true;
    const age = el('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', value: String(m.age), class: 'age', 'aria-label': '年齢' });
    const salary = yenBox(m.salary, '給与収入', 'salary');
    const pension = yenBox(m.pension, '公的年金等収入', 'pension');
    const business = yenBox(m.business, '事業所得など', 'business');
    const asset = yenBox(0, '固定資産税額', 'asset');
    const reason = el('select', { class: 'reason', 'aria-label': '離職理由コード' }, el('option', { value: '' }, 'なし'));
    for (const [code, label] of REASON_CODES) reason.appendChild(el('option', { value: code }, label));
    const separation = el('input', { type: 'date', class: 'separation', 'aria-label': '離職日' });
    const remove = el('button', { type: 'button', class: 'small' }, '削除');
    const row = el('tr', {}, el('td', {}, head), el('td', {}, insured), el('td', {}, age), el('td', {}, salary), el('td', {}, pension),
      el('td', {}, business), el('td', {}, asset), el('td', { class: 'unemployment' }, reason, ' ', separation), el('td', {}, remove));
    body.appendChild(row);
    const mr: MemberRow = { head, insured, age, salary, pension, business, asset, reason, separation, row };
    members.push(mr);
    age.addEventListener('change', () => checkAge(mr));
    for (const b of [salary, pension, business, asset]) b.addEventListener('change', () => checkYen(b));
    insured.addEventListener('change', () => { checkInsured(mr); checkAge(mr); checkUnemployment(mr); });
    head.addEventListener('change', () => members.forEach(checkInsured));
    reason.addEventListener('change', () => checkUnemployment(mr));
    separation.addEventListener('change', () => checkUnemployment(mr));
    remove.addEventListener('click', () => {
      if (members.length <= 1) return;
      members.splice(members.indexOf(mr), 1);
      row.remove();
      if (!members.some((x) => x.head.checked)) members[0].head.checked = true;
      members.forEach(checkInsured);
    });
  };
  DEFAULT_MEMBERS.forEach(addMember);
  const add = el('button', { type: 'button', id: 'add-member' }, '世帯員を追加');
  add.addEventListener('click', () => addMember());

  // 期別: 納期の回数 and the unit below which each share's fraction goes to 第1期.
  const count = el('input', { type: 'text', inputmode: 'numeric', id: 'instalment-count', value: String(DEFAULT_INSTALMENTS), class: 'count', 'aria-label': '納期の回数' });
  const unit = el('select', { id: 'instalment-unit', 'aria-label': '期別の端数の単位' },
    el('option', { value: '1000' }, '1,000円'), el('option', { value: '100' }, '100円'), el('option', { value: '1' }, '1円'));
  const countHolder = el('label', { class: 'inline' }, '納期の回数: ', count);
  const checkCount = (): boolean => {
    const v = parseWhole(count.value);
    const msg = v == null || v < 1 || v > 12 ? `「${count.value}」は納期の回数として使えません。1〜12の整数を入力してください` : null;
    setFieldError(count, countHolder, msg);
    return msg == null;
  };
  count.addEventListener('change', checkCount);
  form.appendChild(el('div', { class: 'toolbar' }, countHolder, el('label', { class: 'inline' }, '端数を第1期に寄せる単位: ', unit)));
  form.appendChild(el('p', { class: 'hint' },
    '納期の回数と端数の扱いは市町村が条例で決めます (例: 6月〜翌3月の10回、12回なら毎月)。保険税は各期の1,000円未満の端数を第1期に合算します (地方税法20条の4の2第6項、条例で別の定めも可)。保険料は条例によります。'));

  const compute = el('button', { type: 'button', id: 'compute-levy', class: 'primary' }, '計算する');
  const formStatus = el('p', { id: 'levy-form-status', class: 'status' });
  form.appendChild(el('div', { class: 'toolbar' }, add, compute));
  form.appendChild(formStatus);

  const out = el('div', { id: 'levy-result' });
  main.appendChild(out);

  /** The box of a server field path ("household.members[1].income.salary_revenue"). */
  const boxOf = (field: string | null): HTMLElement | null => {
    if (!field) return null;
    if (field.startsWith('instalments')) return count;
    if (field === 'year') return year;
    if (field === 'municipality') return muni;
    const m = field.match(/^household\.members\[(\d+)\](?:\.(.*))?$/);
    const row = m ? members[Number(m[1])] : undefined;
    if (!row) return field.startsWith('household') ? table : null;
    const rest = m![2] ?? '';
    if (rest === 'age' || rest === 'birth_date') return row.age;
    if (rest === 'head') return row.head;
    if (rest === 'insured') return row.insured;
    if (rest === 'fixed_asset_tax') return row.asset;
    if (rest.startsWith('involuntary_unemployment')) return rest.endsWith('reason_code') ? row.reason : row.separation;
    if (rest === 'income.salary_revenue') return row.salary;
    if (rest === 'income.pension_revenue') return row.pension;
    if (rest.startsWith('income')) return row.business;
    return row.age;
  };

  /** Marks the result on the page as computed from earlier input (or clears the mark). */
  const markStale = (why: string | null) => {
    out.querySelector('.stale-note')?.remove();
    if (why == null || !out.firstChild) {
      delete out.dataset.state;
      return;
    }
    out.dataset.state = 'stale';
    out.prepend(el('p', { class: 'stale-note', role: 'status' }, `${why}下の結果は再計算していません (直前に計算した入力の結果です)。`));
  };

  const householdOf = () => ({
    members: members.map((m) => {
      const income: Record<string, number> = {};
      const put = (k: string, i: HTMLInputElement) => {
        const v = parseYen(i.value) ?? 0;
        if (v > 0) income[k] = v;
      };
      put('salary_revenue', m.salary);
      put('pension_revenue', m.pension);
      put('business', m.business);
      const member: Record<string, unknown> = { head: m.head.checked, age: parseWhole(m.age.value) ?? 0, income };
      if (!m.insured.checked) member.insured = false;
      const asset = parseYen(m.asset.value) ?? 0;
      if (asset > 0) member.fixed_asset_tax = asset;
      if (m.reason.value) member.involuntary_unemployment = { separation_date: m.separation.value, reason_code: m.reason.value };
      return member;
    }),
  });

  const run = async () => {
    document.body.dataset.levy = 'running';
    // Messages of the last attempt go; the checks below put back those still true.
    form.querySelectorAll('.field-error').forEach((n) => n.remove());
    form.querySelectorAll('[aria-invalid]').forEach((n) => { n.removeAttribute('aria-invalid'); n.removeAttribute('aria-describedby'); });
    members.forEach(checkMember);
    checkCount();
    const bad = form.querySelectorAll('.field-error').length;  // boxes to fix
    if (bad) {
      formStatus.textContent = `入力に誤りが${bad}か所あります。赤く示した欄を直してから「計算する」を押してください。`;
      formStatus.classList.add('error');
      markStale('入力に誤りがあるため、');
      document.body.dataset.levy = 'refused';
      return;
    }
    const household = householdOf();
    const fy = Number(year.value);
    const instalments = { count: parseWhole(count.value)!, unit: Number(unit.value) };
    let r: LevyResult;
    try {
      r = await postJson<LevyResult>('/api/levy', { municipality: muni.value, year: fy, household, instalments, explain: true });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const box = e instanceof ApiError ? boxOf(e.field) : null;
      if (box) setFieldError(box, box === table ? form : cellOf(box), message);
      formStatus.textContent = `計算できませんでした: ${message}`;
      formStatus.classList.add('error');
      markStale('入力が受け付けられなかったため、');
      document.body.dataset.levy = 'refused';
      return;
    }
    formStatus.textContent = '';
    formStatus.classList.remove('error');
    out.replaceChildren();
    delete out.dataset.state;
    try {
      // 国民健康保険税 / 国民健康保険料 (levy_kind_label: 保険税 / 保険料).
      const res = section(out, `${r.municipality_name} ${r.fiscal_year_wareki} 国民健康${r.levy_kind_label}`, 'levy-table');
      res.appendChild(el('p', { class: 'total' }, '年額 ', el('strong', { id: 'levy-total' }, `${formatYen(r.total)}円`),
        ` (軽減: ${r.keigen.tier}・軽減判定所得 ${formatYen(r.keigen.judged_income)}円)`));
      const cols: TableColumn[] = r.table.header.map((h, i) => ({ label: i === 0 ? h : `${h} (円)`, format: i === 0 ? 'text' : 'yen' }));
      tableWithDownloads(res, `levy-${r.municipality}-${r.fiscal_year}`, r.table.title, cols, r.table.rows);
      if (r.unconfirmed_rules.length)
        res.appendChild(el('p', { class: 'hint' }, `注意: ${r.unconfirmed_rules.join('、')} は一次資料で未確認の値です。`));
      if (r.instalments) renderInstalments(out, r);
      await renderPreviousYear(out, r, info.levy_years.map((y) => y.year), { municipality: muni.value, household });
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
      document.body.dataset.levy = 'refused';
    }
  };
  compute.addEventListener('click', () => void run());
  return () => {};
}

/** 期別: 第1期〜第n期 and their sum (= the yearly amount). */
function renderInstalments(out: HTMLElement, r: LevyResult): void {
  const inst = r.instalments!;
  const sec = section(out, `期別の納付額 (${inst.count}回)`, 'levy-instalments');
  sec.appendChild(el('p', { class: 'hint' },
    `各期は年額 ÷ ${inst.count} の${formatYen(inst.unit)}円未満を切り捨てた額、端数は第1期に合算しています。実際の納期と金額は市町村の納税通知書で確かめてください。`));
  const rows: TableCell[][] = inst.amounts.map((a, i) => [`第${i + 1}期`, a]);
  rows.push(['合計 (年額)', inst.amounts.reduce((s, a) => s + a, 0)]);
  tableWithDownloads(sec, `levy-instalments-${r.municipality}-${r.fiscal_year}`, `${r.municipality_name} ${r.fiscal_year_wareki} 期別の納付額`,
    [{ label: '納期' }, { label: '金額 (円)', format: 'yen' }], rows).classList.add('compact');
}

/** 前年度との比較: the same household under the previous fiscal year of the rates file. */
async function renderPreviousYear(out: HTMLElement, r: LevyResult, years: number[], req: { municipality: string; household: unknown }): Promise<void> {
  const earlier = years.filter((y) => y < r.fiscal_year);
  if (!earlier.length) return;
  const prevYear = earlier[earlier.length - 1];
  const sec = section(out, '前年度との比較', 'levy-compare');
  let p: LevyResult;
  try {
    p = await postJson<LevyResult>('/api/levy', { ...req, year: prevYear, explain: false });
  } catch (e) {
    sec.appendChild(el('p', { class: 'hint' }, `前年度 (${prevYear}年度) と比べられません: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  sec.appendChild(el('p', { class: 'hint' },
    `同じ世帯・同じ所得で、${p.fiscal_year_wareki}の料率と${r.fiscal_year_wareki}の料率を比べています (所得は同じ額として計算)。`));
  const totalOf = (x: LevyResult) => new Map(x.table.rows.map((row) => [String(row[0]), row[row.length - 1]]));
  const before = totalOf(p);
  const after = totalOf(r);
  // This year's rows in this year's order; a row of last year only (a reduction since
  // abolished) follows the row it followed last year. A row of this year only (18歳未満均等割軽減
  // from 令和8年度) thus stays in its place above 小計, not after 年税額.
  const labels = [...after.keys()];
  let previous: string | null = null;
  for (const label of before.keys()) {
    if (!after.has(label)) labels.splice(previous == null ? 0 : labels.indexOf(previous) + 1, 0, label);
    previous = label;
  }
  const rows: TableCell[][] = labels.map((label) => {
    const a = before.get(label);
    const b = after.get(label);
    const na = typeof a === 'number' ? a : null;
    const nb = typeof b === 'number' ? b : null;
    return [label, na, nb, na != null && nb != null ? nb - na : null];
  });
  tableWithDownloads(sec, `levy-compare-${r.municipality}-${p.fiscal_year}-${r.fiscal_year}`, `${r.municipality_name} 前年度との比較`,
    [{ label: '項目' }, { label: `${p.fiscal_year_wareki} (円)`, format: 'yen' }, { label: `${r.fiscal_year_wareki} (円)`, format: 'yen' }, { label: '増減 (円)', format: 'yen' }], rows);
}
