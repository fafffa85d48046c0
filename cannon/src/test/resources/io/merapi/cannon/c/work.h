/* Workloads shared by the C test programs: a PRNG, shell sort, FNV-1a and 256-bit multiply. */

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

/* 256-bit numbers as four 64-bit limbs: multiply mod 2^256 with 128-bit products. */
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
