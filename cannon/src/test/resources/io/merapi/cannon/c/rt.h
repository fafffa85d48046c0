/* A freestanding runtime for the cannon test programs: n64 syscalls, output, exit. */
typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef unsigned char u8;

static inline i64 sys3(i64 n, i64 a, i64 b, i64 c) {
  register i64 v0 __asm__("$2") = n;
  register i64 a0 __asm__("$4") = a;
  register i64 a1 __asm__("$5") = b;
  register i64 a2 __asm__("$6") = c;
  register i64 a3 __asm__("$7");
  __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0), "r"(a1), "r"(a2) : "memory", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25");
  return a3 ? -v0 : v0;
}

static void write_all(int fd, const char *p, u64 n) {
  while (n > 0) {
    i64 w = sys3(5001, fd, (i64)p, (i64)n);
    if (w <= 0) return;
    p += w;
    n -= (u64)w;
  }
}

static u64 slen(const char *s) { u64 n = 0; while (s[n]) n++; return n; }
static void puts_(const char *s) { write_all(1, s, slen(s)); }

static void puthex(u64 v) {
  char b[17];
  for (int i = 15; i >= 0; i--) { b[i] = "0123456789abcdef"[v & 15]; v >>= 4; }
  b[16] = 0;
  puts_(b);
}

static void putdec(u64 v) {
  char b[21];
  int i = 20;
  b[i] = 0;
  do { b[--i] = (char)('0' + v % 10); v /= 10; } while (v);
  puts_(b + i);
}

static __attribute__((noreturn)) void exit_(int code) {
  sys3(5205, code, 0, 0);
  for (;;) {}
}

void *memset(void *d, int c, u64 n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; }
void *memcpy(void *d, const void *s, u64 n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; }

int main(void);
void __start(void) { exit_(main()); }
