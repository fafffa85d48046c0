/* A pre-image reader as op-program's client is one: computes the keccak256 key of a known text,
 * sends a hint on fd 4 (reading the host's acknowledgement on fd 3), writes the key to fd 6 and
 * reads the length-prefixed pre-image from fd 5. Prints what it read; exits 0 when the pre-image
 * hashes back to the key, 1 when it does not, 2 on an I/O error. */
#include "rt.h"

static const u64 RC[24] = {
  0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
  0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
  0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
  0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
  0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
  0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL};
static const int ROT[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43,
                            25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

static u64 rotl(u64 x, int n) { return n == 0 ? x : (x << n) | (x >> (64 - n)); }

static void keccakf(u64 *a) {
  for (int r = 0; r < 24; r++) {
    u64 c[5], b[25];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      u64 d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], ROT[x + 5 * y]);
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 25; y += 5) a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    a[0] ^= RC[r];
  }
}

/* keccak256 (the pre-NIST padding Ethereum uses); lanes are little-endian byte groups. */
static void keccak256(const u8 *in, u64 n, u8 *out) {
  u64 a[25];
  u8 block[136];
  memset(a, 0, sizeof a);
  for (;;) {
    u64 take = n < 136 ? n : 136;
    memset(block, 0, 136);
    memcpy(block, in, take);
    if (take < 136) { block[take] ^= 0x01; block[135] ^= 0x80; }
    for (int i = 0; i < 17; i++) {
      u64 lane = 0;
      for (int j = 7; j >= 0; j--) lane = (lane << 8) | block[i * 8 + j];
      a[i] ^= lane;
    }
    keccakf(a);
    if (take < 136) break;
    in += 136; n -= 136;
    if (n == 0) { /* a whole extra padding block */
      memset(block, 0, 136); block[0] = 0x01; block[135] = 0x80;
      for (int i = 0; i < 17; i++) {
        u64 lane = 0;
        for (int j = 7; j >= 0; j--) lane = (lane << 8) | block[i * 8 + j];
        a[i] ^= lane;
      }
      keccakf(a);
      break;
    }
  }
  for (int i = 0; i < 32; i++) out[i] = (u8)(a[i / 8] >> (8 * (i % 8)));
}

static int read_full(int fd, u8 *p, u64 n) {
  while (n > 0) {
    i64 r = sys3(5000, fd, (i64)p, (i64)n);
    if (r <= 0) return -1;
    p += r; n -= (u64)r;
  }
  return 0;
}

static int write_full(int fd, const u8 *p, u64 n) {
  while (n > 0) {
    i64 w = sys3(5001, fd, (i64)p, (i64)n);
    if (w <= 0) return -1;
    p += w; n -= (u64)w;
  }
  return 0;
}

static void puthexbytes(const u8 *p, u64 n) {
  char b[3];
  b[2] = 0;
  for (u64 i = 0; i < n; i++) { b[0] = "0123456789abcdef"[p[i] >> 4]; b[1] = "0123456789abcdef"[p[i] & 15]; puts_(b); }
}

int main(void) {
  static const char text[] = "the pre-image a cannon guest asks its host for";
  u8 key[32];
  keccak256((const u8 *)text, sizeof text - 1, key);
  key[0] = 2; /* keccak256 pre-image key type */
  puts_("key "); puthexbytes(key, 32); puts_("\n");

  static const char hint[] = "keccak-demo 0x01";
  u8 prefix[4] = {0, 0, 0, (u8)(sizeof hint - 1)};
  u8 ack;
  if (write_full(4, prefix, 4) || write_full(4, (const u8 *)hint, sizeof hint - 1)) return 2;
  if (read_full(3, &ack, 1)) return 2;

  if (write_full(6, key, 32)) return 2;
  u8 len_bytes[8];
  if (read_full(5, len_bytes, 8)) return 2;
  u64 len = 0;
  for (int i = 0; i < 8; i++) len = (len << 8) | len_bytes[i];
  static u8 data[4096];
  if (len > sizeof data) { puts_("pre-image too long\n"); return 2; }
  if (read_full(5, data, len)) return 2;
  puts_("pre-image "); putdec(len); puts_(" bytes: "); write_all(1, (const char *)data, len); puts_("\n");

  u8 check[32];
  keccak256(data, len, check);
  check[0] = 2;
  for (int i = 0; i < 32; i++) if (check[i] != key[i]) { puts_("hash mismatch\n"); return 1; }
  puts_("verified\n");
  return 0;
}
