/* Baseline: the household levy as a plain single-threaded C loop, compiled with plain -O2 —
 * what a competent programmer writes without tuning: an array of structs filled from the
 * columns exported by `kokuho_premium_bench --export DIR`, the compiled tables as nested
 * arrays, and one straightforward function per 分 implementing LevyHousehold's formulas for
 * the total (src/premium/levy_kernel.h):
 *
 *   所得割 = ⌊(base_mm − former − birth) × rate ÷ (12 × 10^6)⌋, 資産割 likewise (the 旧被扶養者
 *   part only where the 分 exempts it);
 *   均等割 = ⌊(Σ_c table[tier][final stage][c] × mm[c] − adult × mm_birth) ÷ 12⌋;
 *   平等割 = ⌊Σ_s table[tier][final stage][s] × hm[s] ÷ 12⌋;
 *   amount = min(sum, cap × months ÷ 12 or cap), then truncated to the rounding unit per 分
 *   (or on the total).
 *
 * Only the loop over the households is timed (median and best of RUNS); it prints one JSON
 * line with the checksum Σ total, checked against the manifest's, and the per-municipality
 * totals are checked against kokuho's (untimed).
 *
 *   cc -O2 -o premium_naive bench/premium_naive.c && ./premium_naive DIR [RUNS]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  uint16_t municipality;
  uint8_t tier;
  int64_t base_mm, base_mm_former, base_mm_birth, asset_mm, asset_mm_former;
  uint16_t mm[4];
  uint16_t mm_birth;
  uint8_t hm[6];
  int64_t base_mm_kaigo, base_mm_kaigo_birth, asset_mm_kaigo;
  uint16_t mm_kaigo, mm_kaigo_birth;
  uint8_t hm_kaigo;
} Household;

typedef struct {
  int levied;
  int former_exempt; /* 旧被扶養者's 所得割・資産割 exempt in this 分 */
  int64_t income_rate, asset_rate, cap;
  int32_t per_capita[4][6][4]; /* [tier][stage][category] */
  int32_t household[4][5][6];  /* [tier][stage][status] */
} Part;

typedef struct {
  Part parts[4];
  int64_t rounding_unit;
  int round_total, cap_prorated;
} Schedule;

static const char* dir;

static void* load(const char* name, size_t* size) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.bin", dir, name);
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "premium_naive: cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  *size = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  void* data = malloc(*size ? *size : 1);
  if (!data || fread(data, 1, *size, f) != *size) {
    fprintf(stderr, "premium_naive: cannot read %s\n", path);
    exit(2);
  }
  fclose(f);
  return data;
}

/* Column `name` into field `field` of every household. */
#define COLUMN(name, type, field)                              \
  do {                                                         \
    size_t size;                                               \
    type* v = load(name, &size);                               \
    for (size_t i = 0; i < n; ++i) households[i].field = v[i]; \
    free(v);                                                   \
  } while (0)

static int64_t part_amount(const Part* p, int tier, int64_t base, int64_t base_former,
                           int64_t base_birth, int64_t asset, int64_t asset_former,
                           const uint16_t* mm, int categories, int64_t mm_birth, const uint8_t* hm,
                           int statuses, int cap_prorated) {
  int months = 0;
  for (int s = 0; s < statuses; ++s) months += hm[s];
  if (!p->levied || months == 0) return 0;
  if (!p->former_exempt) base_former = asset_former = 0;
  int64_t income = (base - base_former - base_birth) * p->income_rate / 12000000;
  int64_t assets = (asset - asset_former) * p->asset_rate / 12000000;
  int64_t per_capita = 0;
  for (int c = 0; c < categories; ++c) per_capita += (int64_t)p->per_capita[tier][5][c] * mm[c];
  per_capita -= (int64_t)p->per_capita[tier][5][0] * mm_birth;
  int64_t household = 0;
  for (int s = 0; s < statuses; ++s) household += (int64_t)p->household[tier][4][s] * hm[s];
  int64_t amount = income + assets + per_capita / 12 + household / 12;
  int64_t cap = cap_prorated ? p->cap * months / 12 : p->cap;
  return amount < cap ? amount : cap;
}

static int64_t levy_total(const Household* h, const Schedule* s) {
  int64_t amount[4];
  for (int p = 0; p < 4; ++p) {
    if (p == 2) { /* 介護: members aged 40–64 only */
      uint16_t mm = h->mm_kaigo;
      uint8_t hm = h->hm_kaigo;
      amount[p] =
          part_amount(&s->parts[p], h->tier, h->base_mm_kaigo, 0, h->base_mm_kaigo_birth,
                      h->asset_mm_kaigo, 0, &mm, 1, h->mm_kaigo_birth, &hm, 1, s->cap_prorated);
    } else {
      amount[p] = part_amount(&s->parts[p], h->tier, h->base_mm, h->base_mm_former,
                              h->base_mm_birth, h->asset_mm, h->asset_mm_former, h->mm, 4,
                              h->mm_birth, h->hm, 6, s->cap_prorated);
    }
  }
  int64_t unit = s->rounding_unit, sum = 0;
  for (int p = 0; p < 4; ++p) sum += s->round_total ? amount[p] : amount[p] / unit * unit;
  return s->round_total ? sum / unit * unit : sum;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

/* The integer after "key": in the manifest (a flat search is enough for this file). */
static int64_t manifest_int(const char* text, const char* key) {
  char pattern[128];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char* p = strstr(text, pattern);
  return p ? strtoll(p + strlen(pattern), NULL, 10) : -1;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: premium_naive DIR [RUNS]\n");
    return 2;
  }
  dir = argv[1];
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  if (runs < 1) runs = 1;
  char path[4096];
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  FILE* mf = fopen(path, "rb");
  if (!mf) {
    fprintf(stderr, "premium_naive: cannot open %s\n", path);
    return 2;
  }
  static char manifest[1 << 16];
  manifest[fread(manifest, 1, sizeof manifest - 1, mf)] = 0;
  fclose(mf);
  const int64_t expected = manifest_int(manifest, "checksum");
  const size_t n = (size_t)manifest_int(manifest, "households");
  const size_t m = (size_t)manifest_int(manifest, "municipalities");

  Household* households = calloc(n, sizeof *households);
  COLUMN("municipality", uint16_t, municipality);
  COLUMN("tier", uint8_t, tier);
  COLUMN("base_mm", int64_t, base_mm);
  COLUMN("base_mm_former", int64_t, base_mm_former);
  COLUMN("base_mm_birth", int64_t, base_mm_birth);
  COLUMN("asset_mm", int64_t, asset_mm);
  COLUMN("asset_mm_former", int64_t, asset_mm_former);
  COLUMN("mm0", uint16_t, mm[0]);
  COLUMN("mm1", uint16_t, mm[1]);
  COLUMN("mm2", uint16_t, mm[2]);
  COLUMN("mm3", uint16_t, mm[3]);
  COLUMN("mm_birth", uint16_t, mm_birth);
  COLUMN("hm0", uint8_t, hm[0]);
  COLUMN("hm1", uint8_t, hm[1]);
  COLUMN("hm2", uint8_t, hm[2]);
  COLUMN("hm3", uint8_t, hm[3]);
  COLUMN("hm4", uint8_t, hm[4]);
  COLUMN("hm5", uint8_t, hm[5]);
  COLUMN("base_mm_kaigo", int64_t, base_mm_kaigo);
  COLUMN("base_mm_kaigo_birth", int64_t, base_mm_kaigo_birth);
  COLUMN("asset_mm_kaigo", int64_t, asset_mm_kaigo);
  COLUMN("mm_kaigo", uint16_t, mm_kaigo);
  COLUMN("mm_kaigo_birth", uint16_t, mm_kaigo_birth);
  COLUMN("hm_kaigo", uint8_t, hm_kaigo);

  Schedule* schedules = calloc(m, sizeof *schedules);
  {
    size_t size;
    uint8_t* levied = load("sched_levied", &size);
    uint8_t* former_exempt = load("sched_former_exempt", &size);
    int64_t* income_rate = load("sched_income_rate", &size);
    int64_t* asset_rate = load("sched_asset_rate", &size);
    int64_t* cap = load("sched_cap", &size);
    int32_t* per_capita = load("sched_per_capita", &size);
    int32_t* household = load("sched_household", &size);
    int64_t* unit = load("sched_rounding_unit", &size);
    uint8_t* round_total = load("sched_round_total", &size);
    uint8_t* cap_prorated = load("sched_cap_prorated", &size);
    for (size_t i = 0; i < m; ++i) {
      schedules[i].rounding_unit = unit[i];
      schedules[i].round_total = round_total[i];
      schedules[i].cap_prorated = cap_prorated[i];
      for (int p = 0; p < 4; ++p) {
        Part* part = &schedules[i].parts[p];
        part->levied = levied[i * 4 + p];
        part->former_exempt = former_exempt[i * 4 + p];
        part->income_rate = income_rate[i * 4 + p];
        part->asset_rate = asset_rate[i * 4 + p];
        part->cap = cap[i * 4 + p];
        memcpy(part->per_capita, per_capita + (i * 4 + p) * 96, sizeof part->per_capita);
        memcpy(part->household, household + (i * 4 + p) * 120, sizeof part->household);
      }
    }
    free(levied), free(former_exempt), free(income_rate), free(asset_rate), free(cap),
        free(per_capita);
    free(household), free(unit), free(round_total), free(cap_prorated);
  }

  double* seconds = malloc(sizeof(double) * (size_t)runs);
  int64_t checksum = 0;
  int consistent = 1;
  for (int r = 0; r < runs; ++r) {
    double t0 = now();
    int64_t sum = 0;
    for (size_t i = 0; i < n; ++i)
      sum += levy_total(&households[i], &schedules[households[i].municipality]);
    seconds[r] = now() - t0;
    if (r == 0) checksum = sum;
    consistent &= sum == checksum;
  }
  qsort(seconds, (size_t)runs, sizeof(double), compare);
  double median = runs % 2 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;

  /* Per-municipality totals against kokuho's (not timed). */
  size_t size;
  int64_t* kokuho_totals = load("municipality_totals", &size);
  int64_t* totals = calloc(m, sizeof(int64_t));
  for (size_t i = 0; i < n; ++i)
    totals[households[i].municipality] +=
        levy_total(&households[i], &schedules[households[i].municipality]);
  int municipalities_ok = 1;
  for (size_t i = 0; i < m; ++i) municipalities_ok &= totals[i] == kokuho_totals[i];

  int ok = consistent && checksum == expected && municipalities_ok;
  printf(
      "{\"engine\": \"naive C (-O2, 1 thread)\", \"households\": %zu, \"runs\": %d, "
      "\"median_ms\": %.4f, \"best_ms\": %.4f, \"checksum\": %lld, \"expected\": %lld, "
      "\"municipalities_ok\": %s, \"ok\": %s}\n",
      n, runs, median * 1e3, seconds[0] * 1e3, (long long)checksum, (long long)expected,
      municipalities_ok ? "true" : "false", ok ? "true" : "false");
  return ok ? 0 : 1;
}
