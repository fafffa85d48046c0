package io.merapi.execution.api.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * EIP-712 hashing against the EIP's own example (the {@code Mail} message signed by the key {@code
 * keccak256("cow")}), and the refusals of malformed typed data.
 */
public class TypedDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The example of EIP-712's "Test cases" section. */
  public static final String MAIL =
      """
      {"types":{
         "EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
           {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
         "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
         "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},
           {"name":"contents","type":"string"}]},
       "primaryType":"Mail",
       "domain":{"name":"Ether Mail","version":"1","chainId":1,
         "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
       "message":{
         "from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
         "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
         "contents":"Hello, Bob!"}}
      """;

  private static TypedData parse(String json) throws Exception {
    return TypedData.parse(JSON.readTree(json));
  }

  @Test
  void hashesTheEipExampleAsTheEipDoes() throws Exception {
    TypedData mail = parse(MAIL);
    assertThat(mail.encodeType("Mail"))
        .isEqualTo("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
    JsonNode message = JSON.readTree(MAIL).get("message");
    assertThat(mail.hashStruct("Mail", message).toHex())
        .isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
    assertThat(mail.domainSeparator().toHex())
        .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    assertThat(mail.signingHash().toHex())
        .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
  }

  @Test
  void signsTheEipExampleWithTheEipsSignature() throws Exception {
    Secp256k1.PrivateKey cow =
        Secp256k1.PrivateKey.fromBytes(Keccak256.hash("cow".getBytes(StandardCharsets.UTF_8)));
    assertThat(cow.address().toHex()).isEqualTo("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
    byte[] signature = MessageSignatures.sign(parse(MAIL).signingHash(), cow);
    assertThat(Hex.encode(signature))
        .isEqualTo(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
                + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"
                + "1c");
  }

  @Test
  void derivesTheDomainTypeWhenLeftOutAndTakesNumbersAsStrings() throws Exception {
    String withoutDomainType =
        MAIL.replaceFirst("\"EIP712Domain\":\\[[^\\]]*\\],", "")
            .replace("\"chainId\":1", "\"chainId\":\"0x1\"");
    assertThat(parse(withoutDomainType).signingHash()).isEqualTo(parse(MAIL).signingHash());
  }

  @Test
  void hashesArraysAndSignedIntegers() throws Exception {
    String json =
        """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"}],
           "Item":[{"name":"ids","type":"uint8[]"},{"name":"delta","type":"int16"},
             {"name":"tag","type":"bytes4"},{"name":"ok","type":"bool"}]},
         "primaryType":"Item","domain":{"name":"x"},
         "message":{"ids":[1,"2"],"delta":"-1","tag":"0x01020304","ok":true}}
        """;
    TypedData data = parse(json);
    byte[] ids = new byte[64];
    ids[31] = 1;
    ids[63] = 2;
    byte[] expected = new byte[32 * 5];
    System.arraycopy(
        Keccak256.hash("Item(uint8[] ids,int16 delta,bytes4 tag,bool ok)".getBytes()),
        0,
        expected,
        0,
        32);
    System.arraycopy(Keccak256.hash(ids), 0, expected, 32, 32);
    java.util.Arrays.fill(expected, 64, 96, (byte) 0xff);
    System.arraycopy(new byte[] {1, 2, 3, 4}, 0, expected, 96, 4);
    expected[159] = 1;
    assertThat(data.hashStruct("Item", JSON.readTree(json).get("message")))
        .isEqualTo(Keccak256.digest(expected));
  }

  @Test
  void refusesMalformedTypedData() {
    assertThatThrownBy(() -> parse("{\"types\":{},\"primaryType\":\"Mail\",\"domain\":{}}"))
        .hasMessageContaining("primaryType Mail is not among the types");
    assertThatThrownBy(
            () -> parse(MAIL.replace("\"contents\":\"Hello, Bob!\"", "\"c\":1")).signingHash())
        .hasMessageContaining("no value for field contents of type Mail");
    assertThatThrownBy(
            () ->
                parse(MAIL.replace("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0x12"))
                    .signingHash())
        .hasMessageContaining("Person.wallet is not a 20-byte address");
    assertThatThrownBy(
            () ->
                parse(MAIL.replace("\"type\":\"string\"}]},", "\"type\":\"strin\"}]},"))
                    .signingHash())
        .hasMessageContaining("unknown type strin");
  }
}
