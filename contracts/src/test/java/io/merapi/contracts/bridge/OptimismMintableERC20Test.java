package io.merapi.contracts.bridge;

import static io.merapi.contracts.bridge.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.testing.TestChain;
import io.merapi.contracts.testing.TestChain.Outcome;
import io.merapi.contracts.universal.OptimismMintableERC20;
import io.merapi.contracts.universal.OptimismMintableERC20.Events.Approval;
import io.merapi.contracts.universal.OptimismMintableERC20.Events.Burn;
import io.merapi.contracts.universal.OptimismMintableERC20.Events.Mint;
import io.merapi.contracts.universal.OptimismMintableERC20.Events.Transfer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OptimismMintableERC20: an ERC-20 (with EIP-2612 permits) that only its bridge mints and burns,
 * recognised by the bridges through ERC-165 (specs bridges.md).
 */
class OptimismMintableERC20Test {
  static final Address PERMIT2 = Address.fromHex("0x000000000022D473030F116dDEE9F6B43aC78BA3");

  private final TestChain chain = TestChain.l2();
  private final Address bridge = TestChain.address("bridge");
  private final Address remote = TestChain.address("remote token");
  private final Address alice = TestChain.address("alice");
  private final Address bob = TestChain.address("bob");
  private Address token;

  @BeforeEach
  void setUp() {
    token =
        chain.deploy(
            alice, OptimismMintableERC20.deployment(bridge, remote, "Merapi Token", "MRP", 6));
  }

  private UInt256 balance(Address holder) {
    return chain.call(token, OptimismMintableERC20.balanceOf(holder));
  }

  private void mint(Address to, UInt256 amount) {
    chain.send(bridge, token, OptimismMintableERC20.mint(to, amount)).requireSuccess();
  }

  @Test
  void describesItsRemoteTokenAndBridge() {
    assertThat(chain.call(token, OptimismMintableERC20.REMOTE_TOKEN())).isEqualTo(remote);
    assertThat(chain.call(token, OptimismMintableERC20.remoteToken())).isEqualTo(remote);
    assertThat(chain.call(token, OptimismMintableERC20.l1Token())).isEqualTo(remote);
    assertThat(chain.call(token, OptimismMintableERC20.BRIDGE())).isEqualTo(bridge);
    assertThat(chain.call(token, OptimismMintableERC20.bridge())).isEqualTo(bridge);
    assertThat(chain.call(token, OptimismMintableERC20.l2Bridge())).isEqualTo(bridge);
    assertThat(chain.call(token, OptimismMintableERC20.decimals())).isEqualTo(6);
    assertThat(chain.call(token, OptimismMintableERC20.name())).isEqualTo("Merapi Token");
    assertThat(chain.call(token, OptimismMintableERC20.symbol())).isEqualTo("MRP");
    assertThat(chain.call(token, OptimismMintableERC20.version())).isEqualTo("1.4.0");
    assertThat(chain.call(token, OptimismMintableERC20.PERMIT2())).isEqualTo(PERMIT2);
    assertThat(chain.call(token, OptimismMintableERC20.totalSupply())).isEqualTo(UInt256.ZERO);
  }

  @Test
  void answersErc165ForBothMintableInterfaces() {
    Bytes erc165 = Messages.selector("supportsInterface(bytes4)");
    Bytes legacy =
        xor(
            Messages.selector("l1Token()"),
            Messages.selector("mint(address,uint256)"),
            Messages.selector("burn(address,uint256)"));
    Bytes current =
        xor(
            Messages.selector("remoteToken()"),
            Messages.selector("bridge()"),
            Messages.selector("mint(address,uint256)"),
            Messages.selector("burn(address,uint256)"));
    assertThat(legacy).isEqualTo(Bytes.fromHex("0x1d1d8b63"));
    assertThat(current).isEqualTo(Bytes.fromHex("0xec4fc8e3"));
    for (Bytes id : new Bytes[] {erc165, legacy, current}) {
      assertThat(chain.call(token, OptimismMintableERC20.supportsInterface(id))).isTrue();
    }
    for (Bytes id : new Bytes[] {Bytes.fromHex("0xffffffff"), Bytes.fromHex("0x36372b07")}) {
      assertThat(chain.call(token, OptimismMintableERC20.supportsInterface(id))).isFalse();
    }
  }

  @Test
  void onlyTheBridgeMintsAndBurns() {
    Outcome minted =
        chain.send(bridge, token, OptimismMintableERC20.mint(alice, UInt256.valueOf(500)));
    minted.requireSuccess();
    assertThat(Transfer.in(minted.logs()))
        .containsExactly(new Transfer(Address.ZERO, alice, UInt256.valueOf(500)));
    assertThat(Mint.in(minted.logs())).containsExactly(new Mint(alice, UInt256.valueOf(500)));
    assertThat(balance(alice)).isEqualTo(UInt256.valueOf(500));
    assertThat(chain.call(token, OptimismMintableERC20.totalSupply()))
        .isEqualTo(UInt256.valueOf(500));

    Outcome burned =
        chain.send(bridge, token, OptimismMintableERC20.burn(alice, UInt256.valueOf(200)));
    burned.requireSuccess();
    assertThat(Transfer.in(burned.logs()))
        .containsExactly(new Transfer(alice, Address.ZERO, UInt256.valueOf(200)));
    assertThat(Burn.in(burned.logs())).containsExactly(new Burn(alice, UInt256.valueOf(200)));
    assertThat(balance(alice)).isEqualTo(UInt256.valueOf(300));
    assertThat(chain.call(token, OptimismMintableERC20.totalSupply()))
        .isEqualTo(UInt256.valueOf(300));

    for (Address caller : new Address[] {alice, remote}) {
      assertThat(reason(chain.send(caller, token, OptimismMintableERC20.mint(caller, UInt256.ONE))))
          .isEqualTo("OptimismMintableERC20: only bridge can mint and burn");
      assertThat(reason(chain.send(caller, token, OptimismMintableERC20.burn(alice, UInt256.ONE))))
          .isEqualTo("OptimismMintableERC20: only bridge can mint and burn");
    }
    assertThat(
            reason(
                chain.send(bridge, token, OptimismMintableERC20.burn(alice, UInt256.valueOf(301)))))
        .isEqualTo("ERC20: burn amount exceeds balance");
    assertThat(
            reason(
                chain.send(bridge, token, OptimismMintableERC20.mint(Address.ZERO, UInt256.ONE))))
        .isEqualTo("ERC20: mint to the zero address");
    assertThat(
            reason(
                chain.send(bridge, token, OptimismMintableERC20.burn(Address.ZERO, UInt256.ONE))))
        .isEqualTo("ERC20: burn from the zero address");
  }

  @Test
  void transfersAndAllowancesFollowErc20() {
    mint(alice, UInt256.valueOf(1000));
    Outcome sent =
        chain.send(alice, token, OptimismMintableERC20.transfer(bob, UInt256.valueOf(100)));
    assertThat(
            OptimismMintableERC20.transfer(bob, UInt256.ONE)
                .decode(sent.requireSuccess().output().array()))
        .isTrue();
    assertThat(Transfer.in(sent.logs()))
        .containsExactly(new Transfer(alice, bob, UInt256.valueOf(100)));
    assertThat(balance(alice)).isEqualTo(UInt256.valueOf(900));
    assertThat(balance(bob)).isEqualTo(UInt256.valueOf(100));
    assertThat(
            reason(
                chain.send(
                    bob, token, OptimismMintableERC20.transfer(alice, UInt256.valueOf(101)))))
        .isEqualTo("ERC20: transfer amount exceeds balance");
    assertThat(
            reason(
                chain.send(
                    alice, token, OptimismMintableERC20.transfer(Address.ZERO, UInt256.ONE))))
        .isEqualTo("ERC20: transfer to the zero address");
    assertThat(
            reason(
                chain.send(Address.ZERO, token, OptimismMintableERC20.transfer(bob, UInt256.ZERO))))
        .isEqualTo("ERC20: transfer from the zero address");

    Outcome approved =
        chain.send(alice, token, OptimismMintableERC20.approve(bob, UInt256.valueOf(300)));
    assertThat(Approval.in(approved.requireSuccess().logs()))
        .containsExactly(new Approval(alice, bob, UInt256.valueOf(300)));
    chain
        .send(bob, token, OptimismMintableERC20.transferFrom(alice, bob, UInt256.valueOf(200)))
        .requireSuccess();
    assertThat(chain.call(token, OptimismMintableERC20.allowance(alice, bob)))
        .isEqualTo(UInt256.valueOf(100));
    assertThat(
            reason(
                chain.send(
                    bob,
                    token,
                    OptimismMintableERC20.transferFrom(alice, bob, UInt256.valueOf(101)))))
        .isEqualTo("ERC20: insufficient allowance");

    chain
        .send(alice, token, OptimismMintableERC20.increaseAllowance(bob, UInt256.valueOf(50)))
        .requireSuccess();
    assertThat(chain.call(token, OptimismMintableERC20.allowance(alice, bob)))
        .isEqualTo(UInt256.valueOf(150));
    chain
        .send(alice, token, OptimismMintableERC20.decreaseAllowance(bob, UInt256.valueOf(150)))
        .requireSuccess();
    assertThat(chain.call(token, OptimismMintableERC20.allowance(alice, bob)))
        .isEqualTo(UInt256.ZERO);
    assertThat(
            reason(
                chain.send(
                    alice, token, OptimismMintableERC20.decreaseAllowance(bob, UInt256.ONE))))
        .isEqualTo("ERC20: decreased allowance below zero");
    assertThat(
            reason(
                chain.send(alice, token, OptimismMintableERC20.approve(Address.ZERO, UInt256.ONE))))
        .isEqualTo("ERC20: approve to the zero address");
    assertThat(
            reason(
                chain.send(Address.ZERO, token, OptimismMintableERC20.approve(bob, UInt256.ONE))))
        .isEqualTo("ERC20: approve from the zero address");

    // An unlimited allowance is not spent.
    chain
        .send(alice, token, OptimismMintableERC20.approve(bob, UInt256.MAX_VALUE))
        .requireSuccess();
    chain
        .send(bob, token, OptimismMintableERC20.transferFrom(alice, bob, UInt256.valueOf(10)))
        .requireSuccess();
    assertThat(chain.call(token, OptimismMintableERC20.allowance(alice, bob)))
        .isEqualTo(UInt256.MAX_VALUE);
  }

  @Test
  void permit2HasAnUnlimitedAllowanceItNeverSpends() {
    mint(alice, UInt256.valueOf(1000));
    assertThat(chain.call(token, OptimismMintableERC20.allowance(alice, PERMIT2)))
        .isEqualTo(UInt256.MAX_VALUE);
    chain
        .send(PERMIT2, token, OptimismMintableERC20.transferFrom(alice, bob, UInt256.valueOf(400)))
        .requireSuccess();
    assertThat(balance(bob)).isEqualTo(UInt256.valueOf(400));
    // Nothing was written to the allowance mapping (slot 1).
    assertThat(chain.storage(token, nestedSlot(alice, PERMIT2, 1))).isEqualTo(UInt256.ZERO);
  }

  @Test
  void permitsFollowEip2612() {
    Secp256k1.PrivateKey key = Secp256k1.PrivateKey.fromHex("0x" + "11".repeat(32));
    Address owner = key.address();
    Hash domain = domainSeparator("Merapi Token", chain.chainId(), token);
    assertThat(chain.call(token, OptimismMintableERC20.DOMAIN_SEPARATOR())).isEqualTo(domain);
    assertThat(chain.call(token, OptimismMintableERC20.nonces(owner))).isEqualTo(UInt256.ZERO);

    UInt256 value = UInt256.valueOf(777);
    UInt256 deadline = UInt256.valueOf(chain.timestamp() + 3600);
    Signature sig =
        Secp256k1.sign(permitDigest(domain, owner, bob, value, UInt256.ZERO, deadline), key);
    Outcome permitted =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner,
                bob,
                value,
                deadline,
                27 + sig.recoveryId(),
                sig.r().toHash(),
                sig.s().toHash()));
    assertThat(Approval.in(permitted.requireSuccess().logs()))
        .containsExactly(new Approval(owner, bob, value));
    assertThat(chain.call(token, OptimismMintableERC20.allowance(owner, bob))).isEqualTo(value);
    assertThat(chain.call(token, OptimismMintableERC20.nonces(owner))).isEqualTo(UInt256.ONE);
    // The nonce sits in the OP Stack's slot 5.
    assertThat(chain.storage(token, mappingSlot(owner.toWord(), 5))).isEqualTo(UInt256.ONE);

    // The same signature again: the nonce moved on, so it recovers someone else.
    Outcome replayed =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner,
                bob,
                value,
                deadline,
                27 + sig.recoveryId(),
                sig.r().toHash(),
                sig.s().toHash()));
    assertThat(reason(replayed)).isEqualTo("ERC20Permit: invalid signature");

    UInt256 past = UInt256.valueOf(chain.timestamp() - 1);
    Outcome expired =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner, bob, value, past, 27, sig.r().toHash(), sig.s().toHash()));
    assertThat(reason(expired)).isEqualTo("ERC20Permit: expired deadline");

    UInt256 highS = Secp256k1.ORDER.subtract(sig.s());
    Outcome malleable =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner, bob, value, deadline, 27, sig.r().toHash(), highS.toHash()));
    assertThat(reason(malleable)).isEqualTo("ECDSA: invalid signature 's' value");
    Outcome badV =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner, bob, value, deadline, 29, sig.r().toHash(), sig.s().toHash()));
    assertThat(reason(badV)).isEqualTo("ECDSA: invalid signature 'v' value");
    Outcome noSigner =
        chain.send(
            stranger(),
            token,
            OptimismMintableERC20.permit(
                owner, bob, value, deadline, 27, Hash.ZERO, sig.s().toHash()));
    assertThat(reason(noSigner)).isEqualTo("ECDSA: invalid signature");
  }

  @Test
  void storageFollowsOpenZeppelinsErc20Layout() {
    mint(alice, UInt256.valueOf(1234));
    chain
        .send(alice, token, OptimismMintableERC20.approve(bob, UInt256.valueOf(55)))
        .requireSuccess();
    assertThat(chain.storage(token, mappingSlot(alice.toWord(), 0)))
        .isEqualTo(UInt256.valueOf(1234));
    assertThat(chain.storage(token, nestedSlot(alice, bob, 1))).isEqualTo(UInt256.valueOf(55));
    assertThat(chain.storage(token, UInt256.valueOf(2))).isEqualTo(UInt256.valueOf(1234));
    // Short strings: the bytes left-aligned, twice the length in the last byte.
    assertThat(chain.storage(token, UInt256.valueOf(3))).isEqualTo(shortString("Merapi Token"));
    assertThat(chain.storage(token, UInt256.valueOf(4))).isEqualTo(shortString("MRP"));
  }

  private static Address stranger() {
    return TestChain.address("relayer");
  }

  static Bytes xor(Bytes... selectors) {
    byte[] out = new byte[4];
    for (Bytes s : selectors) {
      for (int i = 0; i < 4; i++) {
        out[i] ^= s.get(i);
      }
    }
    return Bytes.wrap(out);
  }

  static UInt256 shortString(String s) {
    byte[] word = new byte[32];
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, word, 0, b.length);
    word[31] = (byte) (2 * b.length);
    return UInt256.fromBytes(word);
  }

  static Hash keccak(String s) {
    return Keccak256.digest(s.getBytes(StandardCharsets.UTF_8));
  }

  /** EIP-712's domain separator, written out. */
  static Hash domainSeparator(String name, long chainId, Address verifyingContract) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
            .array());
    out.writeBytes(keccak(name).array());
    out.writeBytes(keccak("1").array());
    out.writeBytes(UInt256.valueOf(chainId).toBytes());
    out.writeBytes(verifyingContract.toWord().array());
    return Keccak256.digest(out.toByteArray());
  }

  static Hash permitDigest(
      Hash domain, Address owner, Address spender, UInt256 value, UInt256 nonce, UInt256 deadline) {
    ByteArrayOutputStream struct = new ByteArrayOutputStream();
    struct.writeBytes(
        keccak("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)")
            .array());
    struct.writeBytes(owner.toWord().array());
    struct.writeBytes(spender.toWord().array());
    struct.writeBytes(value.toBytes());
    struct.writeBytes(nonce.toBytes());
    struct.writeBytes(deadline.toBytes());
    ByteArrayOutputStream digest = new ByteArrayOutputStream();
    digest.write(0x19);
    digest.write(0x01);
    digest.writeBytes(domain.array());
    digest.writeBytes(Keccak256.hash(struct.toByteArray()));
    return Keccak256.digest(digest.toByteArray());
  }
}
