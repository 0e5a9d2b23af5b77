// The local web app of `kokuho serve`: four pages over the JSON API, routed by the URL hash
// (#/, #/municipality/102016, #/scenario, #/household). Built by vite.app.config.ts.
import type { Topology } from 'topojson-specification';
import { getJson, type CaseInfo } from './api';
import { renderOverview } from './pages/overview';
import { renderMunicipality } from './pages/municipality';
import { renderScenario } from './pages/scenario';
import { renderHousehold } from './pages/household';
import { showError } from './ui';
import './app.css';

export interface AppContext {
  info: CaseInfo;
  topology: () => Promise<Topology>;
}

let topologyPromise: Promise<Topology> | null = null;
function topology(): Promise<Topology> {
  topologyPromise ??= getJson<Topology>('/geo/municipalities.topojson');
  return topologyPromise;
}

let cleanup: (() => void) | null = null;

async function route(ctx: AppContext): Promise<void> {
  const main = document.getElementById('app')!;
  cleanup?.();
  cleanup = null;
  main.replaceChildren();
  const hash = location.hash.replace(/^#\/?/, '');
  const [page, arg] = hash.split('/');
  const name = page || 'overview';
  document.querySelectorAll<HTMLAnchorElement>('.app-nav a').forEach((a) => {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  document.body.dataset.page = name;
  try {
    switch (name) {
      case 'municipality':
        cleanup = await renderMunicipality(main, ctx, arg);
        break;
      case 'scenario':
        cleanup = await renderScenario(main, ctx);
        break;
      case 'household':
        cleanup = await renderHousehold(main, ctx);
        break;
      default:
        cleanup = await renderOverview(main, ctx);
    }
    document.body.dataset.ready = name;
  } catch (e) {
    showError(main, e);
  }
}

async function start(): Promise<void> {
  const main = document.getElementById('app')!;
  try {
    const info = await getJson<CaseInfo>('/api/case');
    document.getElementById('case-title')!.textContent =
      `${info.prefecture} ${info.fiscal_year_wareki} 納付金・標準保険料率 (${info.coefficients})`;
    document.title = `kokuho — ${info.prefecture} ${info.fiscal_year_wareki}`;
    const ctx: AppContext = { info, topology };
    window.addEventListener('hashchange', () => {
      delete document.body.dataset.ready;
      void route(ctx);
    });
    await route(ctx);
  } catch (e) {
    showError(main, e);
  }
}

void start();
