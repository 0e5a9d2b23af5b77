// A choropleth of one prefecture's municipalities, shared by the report and the web app.
//
//   const h = renderChoropleth(container, topology, '10',
//       { label: '1人当たり保険料', unit: '円', values: { '102016': 123456, '102024': 110000 } });
//   h.setMetric({ label: '納付金', unit: '円', values: {...} });   // recolour
//   h.missingCodes   // value keys with no municipality on the map
//   renderChoropleth(container, topology, '10', metric, { labels: true });  // names on the map
//
// `topology` is data/geo/municipalities-2021.topojson (国土数値情報 行政区域, 2021-01-01,
// designated-city wards merged); its municipalities carry N03_007 = the 5-digit 団体コード.
// Value keys are 6-digit 団体コード (with check digit) or 5-digit ones; they are joined on
// their first 5 digits. Municipalities without a value are grey. The container gets the
// map and, under it, a note when some municipalities are grey and the credit line
// MAP_CREDIT, which must be shown wherever the map is.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import { createChart, DIVERGING_STOPS, echarts, FONT_FAMILY, SEQUENTIAL_STOPS } from './charts';
import { formatWithUnit } from './format';

/** The credit the MLIT data asks for (CC BY 4.0), shown under every map. */
export const MAP_CREDIT = '出典：国土交通省 国土数値情報（行政区域データ）を加工して作成';

/** The municipalities object of the topojson (the SOURCE.md name, else the first object). */
export const MUNICIPALITY_OBJECT = 'N03-21_210101';

export interface MunicipalityProperties {
  /** 5-digit 団体コード, also the region name ECharts joins on. */
  name: string;
  code5: string;
  /** 市区町村名 (a designated city's name for its merged wards). */
  label: string;
}

export type MunicipalityFeatures = FeatureCollection<Geometry, MunicipalityProperties>;

interface RawProps {
  N03_001?: string | null;
  N03_003?: string | null;
  N03_004?: string | null;
  N03_007?: string | null;
}

/** The GeoJSON features of prefecture `prefectureCode` ("10" or a 6-digit code starting with it). */
export function prefectureFeatures(topology: Topology, prefectureCode: string): MunicipalityFeatures {
  const pref = String(prefectureCode).padStart(2, '0').slice(0, 2);
  const objects = topology.objects as Record<string, GeometryCollection<RawProps>>;
  const obj =
    objects[MUNICIPALITY_OBJECT] ??
    objects[`${MUNICIPALITY_OBJECT}_designated_city`] ??
    objects[Object.keys(objects)[0]];
  if (!obj || obj.type !== 'GeometryCollection') throw new Error('地図データに市町村がありません');
  const geometries = obj.geometries.filter((g) =>
    String((g.properties as RawProps | undefined)?.N03_007 ?? '').startsWith(pref),
  );
  const fc = feature(topology, { type: 'GeometryCollection', geometries }) as FeatureCollection<
    Geometry,
    RawProps
  >;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => {
      const p = f.properties ?? {};
      const code5 = String(p.N03_007 ?? '');
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: { name: code5, code5, label: p.N03_004 ?? p.N03_003 ?? code5 },
      };
    }),
  };
}

/** One figure to colour the map by. */
export interface ChoroplethMetric {
  label: string;
  unit?: string;
  /** 団体コード (6 or 5 digits) -> value; null = no value. */
  values: Record<string, number | null>;
  /**
   * 'diverging' for a change (blue = fall, red = rise, DIVERGING_NEUTRAL exactly at 0, the
   * range symmetric around 0), 'sequential' for a level (light to dark). Default: diverging
   * when the values have both signs, else sequential.
   */
  scale?: 'sequential' | 'diverging';
}

export interface ChoroplethHandle {
  chart: echarts.ECharts;
  setMetric(metric: ChoroplethMetric): void;
  /** Keys of the current metric that match no municipality on the map. */
  missingCodes: string[];
  dispose(): void;
}

export interface ChoroplethOptions {
  /** Write each municipality's name on the map (the report does, for paper; default off). */
  labels?: boolean;
}

let mapCounter = 0;

function bounds(fc: MunicipalityFeatures): { minLat: number; maxLat: number } {
  let minLat = 90;
  let maxLat = -90;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      minLat = Math.min(minLat, c[1] as number);
      maxLat = Math.max(maxLat, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) {
    if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  }
  return { minLat, maxLat };
}

/** Draws the choropleth of `prefectureCode` in `container` (see the header). */
export function renderChoropleth(
  container: HTMLElement,
  topology: Topology,
  prefectureCode: string,
  metric: ChoroplethMetric,
  options: ChoroplethOptions = {},
): ChoroplethHandle {
  const fc = prefectureFeatures(topology, prefectureCode);
  if (fc.features.length === 0) throw new Error(`都道府県コード ${prefectureCode} の市町村が地図データにありません`);
  const mapName = `kokuho-pref-${prefectureCode}-${++mapCounter}`;
  // ECharts' types want its own GeoJSON type; ours is the standard one.
  echarts.registerMap(mapName, fc as unknown as Parameters<typeof echarts.registerMap>[1]);
  const labels = new Map(fc.features.map((f) => [f.properties.code5, f.properties.label]));
  const { minLat, maxLat } = bounds(fc);
  const aspectScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);

  const wrap = document.createElement('div');
  wrap.className = 'kk-map-wrap';
  container.appendChild(wrap);
  const chart = createChart(wrap, 'kk-chart kk-map');
  const nodata = document.createElement('p');
  nodata.className = 'kk-note kk-map-nodata';
  nodata.textContent = '灰色の市町村は値がありません。';
  wrap.appendChild(nodata);
  const credit = document.createElement('p');
  credit.className = 'kk-credit';
  credit.textContent = MAP_CREDIT;
  wrap.appendChild(credit);

  const handle: ChoroplethHandle = {
    chart,
    missingCodes: [],
    setMetric(m: ChoroplethMetric) {
      const byCode = new Map<string, number>();
      const missing: string[] = [];
      for (const [key, v] of Object.entries(m.values)) {
        const code5 = String(key).slice(0, 5);
        if (!labels.has(code5)) missing.push(key);
        else if (typeof v === 'number' && Number.isFinite(v)) byCode.set(code5, v);
      }
      handle.missingCodes = missing;
      nodata.hidden = byCode.size >= labels.size;
      const vals = [...byCode.values()];
      let min = vals.length ? Math.min(...vals) : 0;
      let max = vals.length ? Math.max(...vals) : 1;
      const diverging = m.scale ? m.scale === 'diverging' : min < 0 && max > 0;
      if (diverging) {
        // Symmetric around 0, so that 0 falls on the neutral middle stop.
        const m0 = Math.max(Math.abs(min), Math.abs(max)) || 1;
        min = -m0;
        max = m0;
      } else if (max === min) {
        max = min + 1;
      }
      const unit = m.unit ?? '';
      chart.setOption(
        {
          animation: false,
          textStyle: { fontFamily: FONT_FAMILY },
          tooltip: {
            trigger: 'item',
            formatter: (p: { name: string; value: unknown }) =>
              `${labels.get(p.name) ?? p.name}<br>${m.label}: ${formatWithUnit(
                typeof p.value === 'number' && Number.isFinite(p.value) ? p.value : null,
                unit,
              )}`,
          },
          visualMap: {
            type: 'continuous',
            min,
            max,
            left: 8,
            bottom: 8,
            calculable: true,
            text: diverging ? ['増', '減'] : ['高', '低'],
            inRange: { color: diverging ? DIVERGING_STOPS : SEQUENTIAL_STOPS },
            formatter: (v: number) => formatWithUnit(v, unit),
          },
          series: [
            {
              type: 'map',
              map: mapName,
              aspectScale,
              roam: false,
              layoutCenter: ['55%', '50%'],
              layoutSize: '92%',
              itemStyle: { borderColor: '#555', borderWidth: 0.6, areaColor: '#bdbdbd' },
              emphasis: { label: { show: true }, itemStyle: { areaColor: '#fdae6b' } },
              // Town names on the map (also on paper, where there is no tooltip).
              label: {
                show: options.labels ?? false,
                fontSize: 8,
                color: '#1b1f24',
                textBorderColor: '#fff',
                textBorderWidth: 2,
                formatter: (p: { name: string }) => labels.get(p.name) ?? p.name,
              },
              select: { disabled: true },
              data: fc.features.map((f) => ({
                name: f.properties.code5,
                value: byCode.get(f.properties.code5) ?? NaN,
              })),
            },
          ],
        },
        { notMerge: true },
      );
    },
    dispose() {
      chart.dispose();
      wrap.remove();
    },
  };
  handle.setMetric(metric);
  return handle;
}
