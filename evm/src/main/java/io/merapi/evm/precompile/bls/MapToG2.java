package io.merapi.evm.precompile.bls;

/**
 * MAP_FP2_TO_G2 (EIP-2537): RFC 9380's simplified SWU map to the curve E2': y^2 = x^3 + 240u x +
 * 1012 (1 + u), 3-isogenous to the twist, with Z = -(2 + u); the 3-isogeny (RFC 9380 appendix E.3),
 * then cofactor clearing by h_eff.
 */
final class MapToG2 {
  private static final String K0 =
      "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6";
  private static final Fp2[] X_NUM = {
    Fp2.of(K0, K0),
    Fp2.of(
        "0",
        "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"),
    Fp2.of(
        "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e",
        "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"),
    Fp2.of(
        "171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1",
        "0")
  };
  private static final Fp2[] X_DEN = {
    Fp2.of(
        "0",
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"),
    Fp2.of(
        "c",
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"),
    Fp2.ONE
  };
  private static final String K3 =
      "1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706";
  private static final Fp2[] Y_NUM = {
    Fp2.of(K3, K3),
    Fp2.of(
        "0",
        "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"),
    Fp2.of(
        "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c",
        "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"),
    Fp2.of(
        "124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10",
        "0")
  };
  private static final String K4 =
      "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb";
  private static final Fp2[] Y_DEN = {
    Fp2.of(K4, K4),
    Fp2.of(
        "0",
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"),
    Fp2.of(
        "12",
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"),
    Fp2.ONE
  };

  private static final Sswu<Fp2> MAP =
      new Sswu<>(
          Fp2.of(0, 240), Fp2.of(1012, 1012), Fp2.of(-2, -1), X_NUM, X_DEN, Y_NUM, Y_DEN, G2.CURVE);

  private MapToG2() {}

  static Point<Fp2> map(Fp2 u) {
    return G2.clearCofactor(MAP.map(u));
  }
}
