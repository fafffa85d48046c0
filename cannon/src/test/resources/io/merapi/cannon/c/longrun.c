/* A long-running program for the benchmark (bench/.../cannon/CannonSteps): rounds of sorting,
 * hashing, 256-bit multiplication and a memory-walking loop, about 3M steps a round, printing a
 * checksum every 100 rounds. Exits 0 after ROUNDS rounds. */
#include "rt.h"

#define ROUNDS 100000

static u64 rng = 88172645463325252UL;
static u64 next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static void sort(i64 *a, int n) {
  for (int gap = n / 2; gap > 0; gap /= 2)
    for (int i = gap; i < n; i++) {
      i64 t = a[i]; int j = i;
      while (j >= gap && a[j - gap] > t) { a[j] = a[j - gap]; j -= gap; }
      a[j] = t;
    }
}

static u64 fnv(const u8 *p, u64 n) {
  u64 h = 0xcbf29ce484222325UL;
  for (u64 i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3UL; }
  return h;
}

static void mul256(u64 *r, const u64 *a, const u64 *b) {
  u64 t[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; i++) {
    u64 carry = 0;
    for (int j = 0; i + j < 4; j++) {
      unsigned __int128 p = (unsigned __int128)a[i] * b[j] + t[i + j] + carry;
      t[i + j] = (u64)p;
      carry = (u64)(p >> 64);
    }
  }
  for (int i = 0; i < 4; i++) r[i] = t[i];
}

static u64 table[1 << 15]; /* 256 KiB: walks across many pages */

int main(void) {
  static i64 arr[2000];
  u64 sum = 0;
  u64 acc[4] = {1, 0, 0, 0};
  const u64 x[4] = {3, 5, 7, 11};
  for (int round = 1; round <= ROUNDS; round++) {
    for (int i = 0; i < 2000; i++) arr[i] = (i64)next();
    sort(arr, 2000);
    sum += fnv((u8 *)arr, sizeof arr);
    for (int i = 0; i < 200; i++) mul256(acc, acc, x);
    for (u64 i = 0, j = sum; i < 20000; i++) {
      j = j * 6364136223846793005UL + 1442695040888963407UL;
      table[j >> 49] += i ^ sum;
    }
    if (round % 100 == 0) { puts_("round "); putdec((u64)round); puts_(" "); puthex(sum ^ acc[0] ^ table[round]); puts_("\n"); }
  }
  return 0;
}
