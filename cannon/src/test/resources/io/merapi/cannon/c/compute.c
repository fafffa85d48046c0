/* Hashes, sorting, big-number arithmetic, unaligned access and 32/64-bit division:
 * prints results that the VM and qemu-mips64 must agree on. */
#include "rt.h"

static u64 fnv(const u8 *p, u64 n) {
  u64 h = 0xcbf29ce484222325UL;
  for (u64 i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3UL; }
  return h;
}

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

struct __attribute__((packed)) un { u8 pad; u64 v; u32 w; };

int main(void) {
  static i64 arr[2000];
  for (int i = 0; i < 2000; i++) arr[i] = (i64)next();
  sort(arr, 2000);
  for (int i = 1; i < 2000; i++) if (arr[i - 1] > arr[i]) { puts_("unsorted\n"); return 3; }
  puts_("sorted fnv "); puthex(fnv((u8 *)arr, sizeof arr)); puts_("\n");

  u64 x[4] = {3, 0, 0, 0};
  u64 acc[4] = {1, 0, 0, 0};
  for (int i = 0; i < 300; i++) mul256(acc, acc, x);
  puts_("3^300 mod 2^256 = ");
  for (int i = 3; i >= 0; i--) puthex(acc[i]);
  puts_("\n");

  volatile struct un u;
  u.v = 0x0123456789abcdefUL;
  u.w = 0xdeadbeef;
  puts_("unaligned "); puthex(u.v + u.w); puts_("\n");

  i64 s = -1234567890123L;
  int q = -2147483647 - 1;
  volatile int d = -7;
  puts_("div "); putdec((u64)(s / 977)); puts_(" "); putdec((u64)(s % 977));
  puts_(" "); putdec((u64)(u32)(q / d)); puts_(" "); putdec((u64)(u32)(q % d)); puts_("\n");
  u64 total = 0;
  for (u64 i = 1; i < 300000; i++) total += (i * i) ^ (total >> 3);
  puts_("loop "); putdec(total); puts_("\n");
  return 7;
}
