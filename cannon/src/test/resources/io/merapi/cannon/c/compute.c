/* Hashes, sorting, big-number arithmetic, unaligned access and 32/64-bit division:
 * prints results that the VM and qemu-mips64 must agree on. */
#include "rt.h"
#include "work.h"

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
