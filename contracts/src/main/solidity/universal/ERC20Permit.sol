// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { ERC20 } from "universal/ERC20.sol";

/// @title ERC20Permit
/// @notice Approvals by signature (EIP-2612) over an EIP-712 domain named after the token, version
///         "1". Storage and revert strings follow OpenZeppelin's ERC20Permit 4.x (nonces in slot 5,
///         slot 6 reserved), on which the OP Stack's OptimismMintableERC20 is built.
abstract contract ERC20Permit is ERC20 {
    /// @notice The permit typehash of EIP-2612.
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    /// @notice EIP-712's domain typehash.
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @notice The upper bound of a signature's s value (EIP-2): the lower half of the curve order,
    ///         so that a signature has one valid form.
    uint256 private constant MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @notice The next permit nonce of each owner.
    mapping(address => uint256) private _nonces;

    /// @notice Slot 6, where OpenZeppelin 4.x once stored the permit typehash; kept reserved.
    bytes32 private _PERMIT_TYPEHASH_DEPRECATED_SLOT;

    bytes32 private immutable HASHED_NAME;
    bytes32 private immutable HASHED_VERSION;
    bytes32 private immutable CACHED_DOMAIN_SEPARATOR;
    uint256 private immutable CACHED_CHAIN_ID;
    address private immutable CACHED_THIS;

    constructor(string memory _name) {
        HASHED_NAME = keccak256(bytes(_name));
        HASHED_VERSION = keccak256(bytes("1"));
        CACHED_CHAIN_ID = block.chainid;
        CACHED_THIS = address(this);
        CACHED_DOMAIN_SEPARATOR = _buildDomainSeparator();
    }

    /// @notice Sets `spender`'s allowance over `owner`'s tokens to `value`, authorised by
    ///         `owner`'s signature of the EIP-712 Permit message with their current nonce.
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    )
        public
        virtual
    {
        require(block.timestamp <= deadline, "ERC20Permit: expired deadline");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", _domainSeparator(), structHash));
        require(_recover(digest, v, r, s) == owner, "ERC20Permit: invalid signature");
        _approve(owner, spender, value);
    }

    /// @notice The nonce that `owner`'s next permit must sign.
    function nonces(address owner) public view virtual returns (uint256) {
        return _nonces[owner];
    }

    /// @notice The EIP-712 domain separator of permits on this chain.
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @notice The separator computed at construction, recomputed if the chain forked (another
    ///         chain id) or the code runs at another address (a delegatecall).
    function _domainSeparator() internal view returns (bytes32) {
        if (address(this) == CACHED_THIS && block.chainid == CACHED_CHAIN_ID) {
            return CACHED_DOMAIN_SEPARATOR;
        }
        return _buildDomainSeparator();
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, HASHED_NAME, HASHED_VERSION, block.chainid, address(this)));
    }

    function _useNonce(address owner) internal virtual returns (uint256 current_) {
        current_ = _nonces[owner];
        unchecked {
            _nonces[owner] = current_ + 1;
        }
    }

    /// @notice The signer of `_digest`, refusing malleable and invalid signatures.
    function _recover(bytes32 _digest, uint8 _v, bytes32 _r, bytes32 _s) internal pure returns (address signer_) {
        require(uint256(_s) <= MAX_S, "ECDSA: invalid signature 's' value");
        require(_v == 27 || _v == 28, "ECDSA: invalid signature 'v' value");
        signer_ = ecrecover(_digest, _v, _r, _s);
        require(signer_ != address(0), "ECDSA: invalid signature");
    }
}
