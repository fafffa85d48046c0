package io.merapi.rpc.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens as the Engine API uses them (execution-apis {@code
 * src/engine/authentication.md}): the consensus client signs a token with the shared secret for
 * each request, carrying an {@code iat} claim; the execution client accepts it if the signature
 * matches and {@code iat} is within 60 seconds of its own clock. Only HS256 is accepted ({@code
 * none} in particular is refused). An {@code exp} claim, if present, is honoured as geth does.
 */
public final class Jwt {
  /** How far {@code iat} may be from the verifier's clock, either way. */
  public static final Duration IAT_WINDOW = Duration.ofSeconds(60);

  private static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String ENCODED_HEADER =
      ENCODER.encodeToString(HEADER_JSON.getBytes(StandardCharsets.UTF_8));
  private static final String BEARER = "Bearer ";

  private final JwtSecret secret;
  private final Clock clock;
  private final ThreadLocal<Mac> macs;

  public Jwt(JwtSecret secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public Jwt(JwtSecret secret) {
    this(secret, Clock.systemUTC());
  }

  /** A token issued now. */
  public String mint() {
    return mint(clock.instant());
  }

  public String mint(Instant issuedAt) {
    String claims = "{\"iat\":" + issuedAt.getEpochSecond() + "}";
    String signingInput =
        ENCODED_HEADER + '.' + ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    return signingInput + '.' + ENCODER.encodeToString(sign(signingInput));
  }

  /** The value of an {@code Authorization} header carrying a token issued now. */
  public String authorizationHeader() {
    return BEARER + mint();
  }

  /**
   * Checks an {@code Authorization} header ({@code Bearer <token>}); empty when absent.
   *
   * @return empty when the token is good, else why it is refused (the HTTP 401 body)
   */
  public Optional<String> check(Optional<String> authorization) {
    if (authorization.isEmpty() || !authorization.get().startsWith(BEARER)) {
      return Optional.of("missing token");
    }
    String token = authorization.get().substring(BEARER.length());
    if (token.isEmpty()) {
      return Optional.of("missing token");
    }
    return verify(token);
  }

  /** Empty when {@code token} is valid now, else the reason it is not. */
  public Optional<String> verify(String token) {
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
      return Optional.of("token is malformed: token contains an invalid number of segments");
    }
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      header = RpcJson.mapper().readTree(DECODER.decode(token.substring(0, firstDot)));
      claims = RpcJson.mapper().readTree(DECODER.decode(token.substring(firstDot + 1, secondDot)));
      signature = DECODER.decode(token.substring(secondDot + 1));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.of("token is malformed: " + e.getMessage());
    }
    if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
      return Optional.of("token is malformed: header and claims must be JSON objects");
    }
    JsonNode alg = header.get("alg");
    if (alg == null || !"HS256".equals(alg.asText())) {
      return Optional.of(
          "token is unverifiable: signing method "
              + (alg == null ? "(none)" : alg.asText())
              + " is invalid");
    }
    byte[] expected = sign(token.substring(0, secondDot));
    if (!MessageDigest.isEqual(expected, signature)) {
      return Optional.of("token signature is invalid");
    }
    Instant now = clock.instant();
    JsonNode exp = claims.get("exp");
    if (exp != null && !exp.isNull()) {
      if (!exp.isNumber()) {
        return Optional.of("token is malformed: exp is not a number");
      }
      if (!now.isBefore(epochSeconds(exp))) {
        return Optional.of("token is expired");
      }
    }
    JsonNode iat = claims.get("iat");
    if (iat == null || iat.isNull()) {
      return Optional.of("missing issued-at");
    }
    if (!iat.isNumber()) {
      return Optional.of("token is malformed: iat is not a number");
    }
    Instant issuedAt = epochSeconds(iat);
    if (Duration.between(issuedAt, now).compareTo(IAT_WINDOW) > 0) {
      return Optional.of("stale token");
    }
    if (Duration.between(now, issuedAt).compareTo(IAT_WINDOW) > 0) {
      return Optional.of("future token");
    }
    return Optional.empty();
  }

  /** NumericDate: seconds since the epoch, possibly fractional (RFC 7519 section 2). */
  private static Instant epochSeconds(JsonNode number) {
    double seconds = number.asDouble();
    if (!(Math.abs(seconds) < 1e15)) {
      return seconds > 0 ? Instant.MAX : Instant.MIN;
    }
    long whole = (long) Math.floor(seconds);
    long nanos = (long) ((seconds - whole) * 1e9);
    return Instant.ofEpochSecond(whole, nanos);
  }

  private byte[] sign(String signingInput) {
    return macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.keyArray(), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
