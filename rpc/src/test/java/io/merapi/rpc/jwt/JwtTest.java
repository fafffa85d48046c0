package io.merapi.rpc.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final JwtSecret SECRET = JwtSecret.fromHex("0x" + "11".repeat(32));
  private final Jwt jwt = new Jwt(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsItsOwnTokens() {
    assertThat(jwt.verify(jwt.mint())).isEmpty();
    assertThat(jwt.check(Optional.of(jwt.authorizationHeader()))).isEmpty();
  }

  @Test
  void acceptsIatWithinSixtySecondsEitherWay() {
    assertThat(jwt.verify(jwt.mint(NOW.minusSeconds(60)))).isEmpty();
    assertThat(jwt.verify(jwt.mint(NOW.plusSeconds(60)))).isEmpty();
  }

  @Test
  void refusesStaleAndFutureTokens() {
    assertThat(jwt.verify(jwt.mint(NOW.minusSeconds(61)))).contains("stale token");
    assertThat(jwt.verify(jwt.mint(NOW.plusSeconds(61)))).contains("future token");
  }

  @Test
  void refusesAnotherSecret() {
    Jwt other = new Jwt(JwtSecret.fromHex("22".repeat(32)), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(jwt.verify(other.mint())).contains("token signature is invalid");
  }

  @Test
  void refusesMissingHeaderOrScheme() {
    assertThat(jwt.check(Optional.empty())).contains("missing token");
    assertThat(jwt.check(Optional.of("Basic abc"))).contains("missing token");
    assertThat(jwt.check(Optional.of("Bearer "))).contains("missing token");
  }

  @Test
  void refusesAlgNoneEvenWithoutSignature() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String claims = b64("{\"iat\":" + NOW.getEpochSecond() + "}");
    assertThat(jwt.verify(header + "." + claims + "."))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("signing method none is invalid"));
  }

  @Test
  void refusesTokensWithoutIat() {
    assertThat(jwt.verify(signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"id\":\"op-node\"}")))
        .contains("missing issued-at");
  }

  @Test
  void acceptsExtraClaimsAndFractionalIat() {
    String token =
        signed(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"iat\":" + NOW.getEpochSecond() + ".5,\"id\":\"op-node\",\"clv\":\"v1\"}");
    assertThat(jwt.verify(token)).isEmpty();
  }

  @Test
  void honoursExpiry() {
    String expired =
        signed(
            "{\"alg\":\"HS256\"}",
            "{\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() - 1) + "}");
    assertThat(jwt.verify(expired)).contains("token is expired");
  }

  @Test
  void refusesMalformedTokens() {
    for (String token :
        new String[] {"abc", "a.b", "a.b.c.d", "!!.??.**", "e30.e30.", "W10.W10.AA"}) {
      assertThat(jwt.verify(token)).as(token).isPresent();
    }
  }

  @Test
  void tokenIsStandardHs256() throws Exception {
    // Checked against an independent HMAC computation, so a client in another language agrees.
    String token = jwt.mint(NOW);
    String[] parts = token.split("\\.");
    assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
        .isEqualTo("{\"iat\":" + NOW.getEpochSecond() + "}");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.key(), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String signed(String header, String claims) {
    try {
      String input = b64(header) + "." + b64(claims);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.key(), "HmacSHA256"));
      return input
          + "."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
