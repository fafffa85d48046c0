/* A long-running program for the benchmark (bench/.../cannon/CannonSteps): rounds of sorting,
 * hashing, 256-bit multiplication and a memory-walking loop, about 1.06M steps a round, printing a
 * checksum every 100 rounds. Exits 0 after ROUNDS rounds. */
#include "rt.h"
#include "work.h"

#define ROUNDS 100000

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
