/* Baseline: the household levy as a plain single-threaded C loop, compiled with plain -O2 —
 * what a competent programmer writes without tuning: arrays of structs filled from the
 * columns exported by `kokuho_premium_bench --export DIR` (a household table and a segment
 * table: the months of a household's group — every member, or the 介護 members — in which its
 * members, bases and 平等割 status stay the same; src/premium/prepared.h), the compiled tables
 * as nested arrays, and one straightforward function per 分 implementing LevyHousehold's
 * formulas for the total (src/premium/levy_kernel.h):
 *
 *   for each segment, the annual amount: 所得割 = ⌊(base − former − birth) × rate ÷ 10^6⌋,
 *   資産割 likewise (the 旧被扶養者 part only where the 分 exempts it), 均等割 = Σ_c
 *   table[tier][final stage][c] × members[c] − adult × birth, 平等割 = table[status];
 *   prorated cap: Σ over cap groups of min(Σ annual × months, cap × Σ months), ÷ 12;
 *   otherwise min(⌊Σ annual × months ÷ 12⌋, cap); then truncated to the 分's rounding unit
 *   (or the total to its unit).
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
  uint32_t group, cap_group;
  int64_t base, base_former, base_birth, asset, asset_former;
  uint8_t members[4];
  uint8_t birth, status, months;
} Segment;

typedef struct {
  uint16_t municipality;
  uint8_t tier;
  size_t first, count; /* its segments */
} Household;

typedef struct {
  int levied;
  int former_exempt; /* 旧被扶養者's 所得割・資産割 exempt in this 分 */
  int64_t income_rate, asset_rate, cap, rounding_unit;
  int32_t per_capita[4][6][4]; /* [tier][stage][category] */
  int32_t household[4][5][6];  /* [tier][stage][status] */
} Part;

typedef struct {
  Part parts[4];
  int64_t total_unit;
  int round_total, cap_prorated;
} Schedule;

static const char* dir;
static Segment* segments;

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

/* Column `name` into field `field` of every record of `array` (n records). */
#define COLUMN(array, n, name, type, field)            \
  do {                                                 \
    size_t size;                                       \
    type* v = load(name, &size);                       \
    for (size_t i = 0; i < (n); ++i) array[i].field = v[i]; \
    free(v);                                           \
  } while (0)

/* One 分 of a household: the amount after the cap, before the rounding. */
static int64_t part_amount(const Part* p, int tier, const Household* h, uint32_t group,
                           int cap_prorated) {
  if (!p->levied) return 0;
  int64_t sum = 0, capped = 0, group_sum = 0, group_cap = 0;
  int months = 0;
  uint32_t current = UINT32_MAX;
  for (size_t k = h->first; k < h->first + h->count; ++k) {
    const Segment* s = &segments[k];
    if (s->group != group) continue;
    int64_t former = p->former_exempt ? s->base_former : 0;
    int64_t asset_former = p->former_exempt ? s->asset_former : 0;
    int64_t annual = (s->base - former - s->base_birth) * p->income_rate / 1000000 +
                     (s->asset - asset_former) * p->asset_rate / 1000000;
    for (int c = 0; c < 4; ++c) annual += (int64_t)p->per_capita[tier][5][c] * s->members[c];
    annual -= (int64_t)p->per_capita[tier][5][0] * s->birth;
    annual += p->household[tier][4][s->status];
    if (s->cap_group != current) { /* a new cap group */
      capped += group_sum < group_cap ? group_sum : group_cap;
      group_sum = group_cap = 0;
      current = s->cap_group;
    }
    group_sum += annual * s->months;
    group_cap += p->cap * s->months;
    sum += annual * s->months;
    months += s->months;
  }
  capped += group_sum < group_cap ? group_sum : group_cap;
  if (months == 0) return 0;
  if (cap_prorated) return capped / 12;
  return sum / 12 < p->cap ? sum / 12 : p->cap;
}

static int64_t levy_total(const Household* h, const Schedule* s) {
  int64_t sum = 0;
  for (int p = 0; p < 4; ++p) {
    int64_t amount = part_amount(&s->parts[p], h->tier, h, p == 2 ? 1 : 0, s->cap_prorated);
    int64_t unit = s->parts[p].rounding_unit;
    sum += s->round_total ? amount : amount / unit * unit;
  }
  return s->round_total ? sum / s->total_unit * s->total_unit : sum;
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
  COLUMN(households, n, "municipality", uint16_t, municipality);
  COLUMN(households, n, "tier", uint8_t, tier);
  size_t segment_bytes;
  free(load("seg_household", &segment_bytes));
  const size_t ns = segment_bytes / sizeof(uint32_t);
  segments = calloc(ns, sizeof *segments);
  {
    size_t size;
    uint32_t* owner = load("seg_household", &size);
    for (size_t k = 0; k < ns; ++k) { /* the segments of a household are consecutive */
      Household* h = &households[owner[k]];
      if (h->count == 0) h->first = k;
      ++h->count;
    }
    free(owner);
  }
  COLUMN(segments, ns, "seg_group", uint8_t, group);
  COLUMN(segments, ns, "seg_cap_group", uint32_t, cap_group);
  COLUMN(segments, ns, "seg_base", int64_t, base);
  COLUMN(segments, ns, "seg_base_former", int64_t, base_former);
  COLUMN(segments, ns, "seg_base_birth", int64_t, base_birth);
  COLUMN(segments, ns, "seg_asset", int64_t, asset);
  COLUMN(segments, ns, "seg_asset_former", int64_t, asset_former);
  COLUMN(segments, ns, "seg_m0", uint8_t, members[0]);
  COLUMN(segments, ns, "seg_m1", uint8_t, members[1]);
  COLUMN(segments, ns, "seg_m2", uint8_t, members[2]);
  COLUMN(segments, ns, "seg_m3", uint8_t, members[3]);
  COLUMN(segments, ns, "seg_birth", uint8_t, birth);
  COLUMN(segments, ns, "seg_status", uint8_t, status);
  COLUMN(segments, ns, "seg_months", uint8_t, months);

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
    int64_t* total_unit = load("sched_total_unit", &size);
    uint8_t* round_total = load("sched_round_total", &size);
    uint8_t* cap_prorated = load("sched_cap_prorated", &size);
    for (size_t i = 0; i < m; ++i) {
      schedules[i].total_unit = total_unit[i];
      schedules[i].round_total = round_total[i];
      schedules[i].cap_prorated = cap_prorated[i];
      for (int p = 0; p < 4; ++p) {
        Part* part = &schedules[i].parts[p];
        part->levied = levied[i * 4 + p];
        part->former_exempt = former_exempt[i * 4 + p];
        part->income_rate = income_rate[i * 4 + p];
        part->asset_rate = asset_rate[i * 4 + p];
        part->cap = cap[i * 4 + p];
        part->rounding_unit = unit[i * 4 + p];
        memcpy(part->per_capita, per_capita + (i * 4 + p) * 96, sizeof part->per_capita);
        memcpy(part->household, household + (i * 4 + p) * 120, sizeof part->household);
      }
    }
    free(levied), free(former_exempt), free(income_rate), free(asset_rate), free(cap),
        free(per_capita);
    free(household), free(unit), free(total_unit), free(round_total), free(cap_prorated);
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
