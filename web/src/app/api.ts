// The JSON API of `kokuho serve` (docs/web-app.md): typed fetch wrappers. The server is the
// same origin; a token, when the server asks for one, travels in its HttpOnly cookie.

export interface RateSet {
  method: string;
  income_rate_percent: number;
  asset_rate_percent?: number;
  per_capita: number;
  per_household: number;
}

export interface CaseInfo {
  prefecture: string;
  prefecture_code: string;
  fiscal_year: number;
  fiscal_year_wareki: string;
  coefficients: string;
  allocation: string;
  parts: {
    key: string;
    label: string;
    short_label: string;
    alpha: number;
    beta: number;
    beta_prime: number;
    equal_share_index: number;
    standard_levy: string;
  }[];
  parameters: {
    alpha: Range;
    beta_prime: Range;
    equal_share_index: Range;
    collection_rate: Range & { value: number | null };
    relief_allowance: Range;
    relief_enabled: boolean;
  };
  municipalities: { code: string; name: string }[];
  levy_years: { year: number; wareki: string }[];
  levy_municipalities: { code: string; name: string }[];
  geo_credit: string;
  /** `kokuho serve --scenario FILE` was given: GET /api/municipalities/{code}/history answers. */
  has_scenario: boolean;
}

/** A coefficient's value in the case and the range the server accepts ("0以上1以下"). */
export interface Range {
  value: number;
  min: number;
  max: number;
  min_open: boolean;
  max_open: boolean;
  text: string;
}

export interface MunicipalityRow {
  code: string;
  name: string;
  insured: number;
  nofukin: Record<string, number>;
  nofukin_total: number;
  levy_total: number;
  per_capita_nofukin: number;
  per_capita_premium: number;
  epsilon: number;
  collection_rate: number;
  relief: number;
  baseline_per_capita_nofukin: number;
  baseline_per_capita_premium: number;
  change_per_capita_premium: number;
  change_ratio: number;
}

export interface ComputeResult {
  prefecture: string;
  fiscal_year: number;
  fiscal_year_wareki: string;
  parameters: Record<string, unknown>;
  parts: {
    key: string;
    label: string;
    required_total: number;
    base_total: number;
    nofukin_total: number;
    insured: number;
    gamma: string;
    prefecture_standard: RateSet;
  }[];
  municipalities: MunicipalityRow[];
  totals: { nofukin: number; relief: number };
  relief: {
    enabled: boolean;
    needed: number;
    granted: number;
    short_of_funds: boolean;
    municipalities_relieved: number;
  };
}

export interface TraceStep {
  step: string;
  part?: string;
  formula: string;
  inputs: [string, string][];
  result: string;
  rounding: string;
  source: string;
}

export interface MunicipalityDetail {
  code: string;
  name: string;
  prefecture: string;
  fiscal_year_wareki: string;
  coefficients: string;
  nofukin_total: number;
  retiree_nofukin: number;
  relief: number;
  parts: {
    key: string;
    label: string;
    insured: number;
    households: number;
    base: number;
    individual_add: number;
    individual_sub: number;
    before_relief: number;
    relief: number;
    relief_contribution: number;
    nofukin: number;
    rate_add: number;
    rate_sub: number;
    premium_need: number;
    levy_total: number;
    collection_rate: number;
    standard_rates: { prefecture: RateSet; municipal: RateSet; own_basis: RateSet };
    trace: TraceStep[];
  }[];
  trace: TraceStep[];
  kpi: {
    insured: number;
    households: number;
    per_capita_nofukin: number;
    per_capita_premium: number;
    prefecture_per_capita_premium: number;
    rank_per_capita_premium: number;
    municipalities: number;
    epsilon: number;
    collection_rate: number;
    income_per_capita: number;
  };
}

/** One municipality across the years of the roadmap scenario (serve --scenario). */
export interface MunicipalityHistory {
  scenario: string;
  code: string;
  name: string;
  years: {
    fiscal_year: number;
    label: string;
    stage: string;
    nofukin: number;
    nofukin_per_capita: number;
    premium_per_capita: number;
    relief: number;
    /** Exact to 4 decimals: "0.9306". */
    collection_rate: string;
  }[];
  /** The case's own fiscal year when the scenario has it: both figures and why they differ. */
  case_year?: {
    fiscal_year: number;
    label: string;
    case_nofukin: number;
    case_premium_per_capita: number;
    scenario_nofukin: number;
    scenario_premium_per_capita: number;
    differences: string[];
  };
}

export interface LevyTable {
  title: string;
  header: string[];
  rows: (string | number | null)[][];
}

export interface LevyResult {
  municipality: string;
  municipality_name: string;
  fiscal_year: number;
  fiscal_year_wareki: string;
  levy_kind_label: string;
  /** 保険税 (zei) or 保険料 (ryo). */
  levy_kind: 'zei' | 'ryo';
  keigen: { tier: string; judged_income: number; persons_counted: number; earners: number };
  /** 期別 (POST with instalments): the first 納期 takes every fraction under `unit`. */
  instalments?: { count: number; unit: number; amounts: number[] };
  parts: Record<string, Record<string, number>>;
  total: number;
  unconfirmed_rules: string[];
  explanation?: { step: string; text: string; source: string }[];
  table: LevyTable;
}

/**
 * Scenario overrides; absent or null = the case's own value. A box's text that does not read
 * as a number is sent as typed, for the server to name in its refusal.
 */
export interface ScenarioParams {
  alpha?: number | string | null;
  beta_prime?: number | string | null;
  equal_share_index?: number | string | null;
  collection_rate?: number | string | null;
  relief_allowance?: number | string | null;
  relief_enabled?: boolean | null;
}

/** A refusal of the server: its status, Japanese message and the offending field's path. */
export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public field: string | null = null,
  ) {
    super(message);
  }
}

async function handle<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `サーバーがエラーを返しました (${res.status})`;
    let field: string | null = null;
    try {
      const body = (await res.json()) as { error?: { message?: string; field?: string | null } };
      message = body.error?.message ?? message;
      field = body.error?.field ?? null;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message, field);
  }
  return (await res.json()) as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return handle<T>(await fetch(path, { credentials: 'same-origin' }));
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return handle<T>(
    await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    }),
  );
}

/** A table as the server's export endpoint takes it. */
export interface ExportTable {
  filename: string;
  title?: string;
  header: string[];
  rows: (string | number | boolean | null)[][];
}

/** Asks the server for the CSV (UTF-8 with BOM) or xlsx of `table` and saves it. */
export async function download(table: ExportTable, format: 'csv' | 'xlsx'): Promise<void> {
  const res = await fetch('/api/export', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...table, format }),
  });
  if (!res.ok) await handle(res);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${table.filename}.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
