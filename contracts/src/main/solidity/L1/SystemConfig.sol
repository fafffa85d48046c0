// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import { OwnableUpgradeable } from "universal/OwnableUpgradeable.sol";
import { ISemver } from "universal/ISemver.sol";
import { IResourceMetering } from "L1/interfaces/IResourceMetering.sol";
import { Storage } from "libraries/Storage.sol";

/// @custom:proxied true
/// @title SystemConfig
/// @notice A chain's configuration on L1 (specs system-config.md). Changes that L2 must follow are
///         emitted as ConfigUpdate events, which op-node applies in derivation from the L1 block
///         that contains them; the unsafe block signer and the L1 contract addresses are read by
///         off-chain services from the named slots below.
/// @dev Storage as the OP Stack's SystemConfig: OwnableUpgradeable's owner at slot 51, this
///      contract's state from slot 101.
contract SystemConfig is OwnableUpgradeable, ISemver {
    /// @notice The kinds of ConfigUpdate (specs system-config.md "System Config Updates"); the event
    ///         data is abi.encode(bytes payload) with the payload below.
    /// @custom:value BATCHER             abi.encode(bytes32 batcherHash)
    /// @custom:value FEE_SCALARS         abi.encode(uint256 overhead, uint256 scalar)
    /// @custom:value GAS_LIMIT           abi.encode(uint64 gasLimit)
    /// @custom:value UNSAFE_BLOCK_SIGNER abi.encode(address unsafeBlockSigner)
    /// @custom:value EIP_1559_PARAMS     abi.encode(uint256(denominator) << 32 | elasticity)
    enum UpdateType {
        BATCHER,
        FEE_SCALARS,
        GAS_LIMIT,
        UNSAFE_BLOCK_SIGNER,
        EIP_1559_PARAMS
    }

    /// @notice The chain's L1 contracts.
    /// @custom:field gasPayingToken A custom gas token: not supported, must be address(0) (or the
    ///                              ETHER placeholder); kept so that initialize has the OP Stack's
    ///                              signature.
    struct Addresses {
        address l1CrossDomainMessenger;
        address l1ERC721Bridge;
        address l1StandardBridge;
        address disputeGameFactory;
        address optimismPortal;
        address optimismMintableERC20Factory;
        address gasPayingToken;
    }

    /// @notice The version of the ConfigUpdate encoding (the event's first indexed topic).
    uint256 public constant VERSION = 0;

    /// @notice keccak256("systemconfig.unsafeblocksigner"), without the usual minus one: op-node
    ///         reads it there with a storage proof.
    bytes32 public constant UNSAFE_BLOCK_SIGNER_SLOT = keccak256("systemconfig.unsafeblocksigner");

    bytes32 public constant L1_CROSS_DOMAIN_MESSENGER_SLOT =
        bytes32(uint256(keccak256("systemconfig.l1crossdomainmessenger")) - 1);

    bytes32 public constant L1_ERC_721_BRIDGE_SLOT = bytes32(uint256(keccak256("systemconfig.l1erc721bridge")) - 1);

    bytes32 public constant L1_STANDARD_BRIDGE_SLOT = bytes32(uint256(keccak256("systemconfig.l1standardbridge")) - 1);

    bytes32 public constant OPTIMISM_PORTAL_SLOT = bytes32(uint256(keccak256("systemconfig.optimismportal")) - 1);

    bytes32 public constant OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT =
        bytes32(uint256(keccak256("systemconfig.optimismmintableerc20factory")) - 1);

    bytes32 public constant BATCH_INBOX_SLOT = bytes32(uint256(keccak256("systemconfig.batchinbox")) - 1);

    bytes32 public constant START_BLOCK_SLOT = bytes32(uint256(keccak256("systemconfig.startBlock")) - 1);

    bytes32 public constant DISPUTE_GAME_FACTORY_SLOT =
        bytes32(uint256(keccak256("systemconfig.disputegamefactory")) - 1);

    /// @notice The largest L2 gas limit: blocks must stay provable (specs configurability.md).
    uint64 internal constant MAX_GAS_LIMIT = 200_000_000;

    /// @notice The OP Stack's placeholder address for ETH as the gas paying token.
    address internal constant ETHER = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    /// @notice The pre-Ecotone L1 fee overhead (ignored after Ecotone).
    uint256 public overhead;

    /// @notice The L1 fee scalar; after Ecotone a versioned encoding of the two scalars below.
    uint256 public scalar;

    /// @notice Who may submit batches: bytes32(uint256(uint160(batcher))) (version 0).
    bytes32 public batcherHash;

    /// @notice The L2 block gas limit.
    uint64 public gasLimit;

    /// @notice The Ecotone L1 fee scalar of the L1 base fee.
    uint32 public basefeeScalar;

    /// @notice The Ecotone L1 fee scalar of the L1 blob base fee.
    uint32 public blobbasefeeScalar;

    /// @notice The deposit gas market's parameters (read by the portal).
    IResourceMetering.ResourceConfig internal _resourceConfig;

    /// @notice The Holocene EIP-1559 denominator of L2 (0 until set: op-node then uses its defaults).
    uint32 public eip1559Denominator;

    /// @notice The Holocene EIP-1559 elasticity of L2 (0 until set).
    uint32 public eip1559Elasticity;

    /// @notice A configuration change for L2 (specs system-config.md "System Config Updates").
    event ConfigUpdate(uint256 indexed version, UpdateType indexed updateType, bytes data);

    /// @notice Locks the implementation's own storage so that only proxies are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @notice Semantic version.
    /// @custom:semver 2.3.0
    function version() public pure virtual returns (string memory) {
        return "2.3.0";
    }

    /// @notice Sets the whole configuration. The batcher, the fee scalars and the gas limit are
    ///         emitted as ConfigUpdates, in the order of their update types.
    /// @param _owner             Who may change the configuration.
    /// @param _basefeeScalar     The Ecotone base fee scalar.
    /// @param _blobbasefeeScalar The Ecotone blob base fee scalar.
    /// @param _batcherHash       The batcher hash.
    /// @param _gasLimit          The L2 block gas limit.
    /// @param _unsafeBlockSigner The signer of unsafe blocks on the p2p network.
    /// @param _config            The deposit gas market's parameters.
    /// @param _batchInbox        Where batches are sent.
    /// @param _addresses         The chain's L1 contracts.
    function initialize(
        address _owner,
        uint32 _basefeeScalar,
        uint32 _blobbasefeeScalar,
        bytes32 _batcherHash,
        uint64 _gasLimit,
        address _unsafeBlockSigner,
        IResourceMetering.ResourceConfig memory _config,
        address _batchInbox,
        SystemConfig.Addresses memory _addresses
    )
        public
        initializer
    {
        // As OpenZeppelin's transferOwnership, which the OP Stack's initialize calls: a chain's
        // configuration must have an owner.
        require(_owner != address(0), "Ownable: new owner is the zero address");
        __Ownable_init(_owner);

        _setBatcherHash(_batcherHash);
        _setGasConfigEcotone(_basefeeScalar, _blobbasefeeScalar);
        _setGasLimit(_gasLimit);

        Storage.setAddress(UNSAFE_BLOCK_SIGNER_SLOT, _unsafeBlockSigner);
        Storage.setAddress(BATCH_INBOX_SLOT, _batchInbox);
        Storage.setAddress(L1_CROSS_DOMAIN_MESSENGER_SLOT, _addresses.l1CrossDomainMessenger);
        Storage.setAddress(L1_ERC_721_BRIDGE_SLOT, _addresses.l1ERC721Bridge);
        Storage.setAddress(L1_STANDARD_BRIDGE_SLOT, _addresses.l1StandardBridge);
        Storage.setAddress(DISPUTE_GAME_FACTORY_SLOT, _addresses.disputeGameFactory);
        Storage.setAddress(OPTIMISM_PORTAL_SLOT, _addresses.optimismPortal);
        Storage.setAddress(OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT, _addresses.optimismMintableERC20Factory);
        require(
            _addresses.gasPayingToken == address(0) || _addresses.gasPayingToken == ETHER,
            "SystemConfig: custom gas token not supported"
        );

        // op-node starts reading the chain's L1 logs here; kept across re-initializations.
        if (Storage.getUint(START_BLOCK_SLOT) == 0) {
            Storage.setUint(START_BLOCK_SLOT, block.number);
        }

        _setResourceConfig(_config);
        // Checked again now that the resource config raised the minimum.
        require(_gasLimit >= minimumGasLimit(), "SystemConfig: gas limit too low");
    }

    /// @notice The least L2 gas limit: room for all the deposit gas of a block and the system
    ///         transaction.
    function minimumGasLimit() public view returns (uint64) {
        return uint64(_resourceConfig.maxResourceLimit) + uint64(_resourceConfig.systemTxMaxGas);
    }

    /// @notice The largest L2 gas limit.
    function maximumGasLimit() public pure returns (uint64) {
        return MAX_GAS_LIMIT;
    }

    /// @notice The signer of unsafe blocks.
    function unsafeBlockSigner() public view returns (address addr_) {
        addr_ = Storage.getAddress(UNSAFE_BLOCK_SIGNER_SLOT);
    }

    function l1CrossDomainMessenger() external view returns (address addr_) {
        addr_ = Storage.getAddress(L1_CROSS_DOMAIN_MESSENGER_SLOT);
    }

    function l1ERC721Bridge() external view returns (address addr_) {
        addr_ = Storage.getAddress(L1_ERC_721_BRIDGE_SLOT);
    }

    function l1StandardBridge() external view returns (address addr_) {
        addr_ = Storage.getAddress(L1_STANDARD_BRIDGE_SLOT);
    }

    function disputeGameFactory() external view returns (address addr_) {
        addr_ = Storage.getAddress(DISPUTE_GAME_FACTORY_SLOT);
    }

    function optimismPortal() public view returns (address addr_) {
        addr_ = Storage.getAddress(OPTIMISM_PORTAL_SLOT);
    }

    function optimismMintableERC20Factory() external view returns (address addr_) {
        addr_ = Storage.getAddress(OPTIMISM_MINTABLE_ERC20_FACTORY_SLOT);
    }

    /// @notice Where batches are sent.
    function batchInbox() external view returns (address addr_) {
        addr_ = Storage.getAddress(BATCH_INBOX_SLOT);
    }

    /// @notice The L1 block the chain's configuration starts at (op-node reads logs from here).
    function startBlock() external view returns (uint256 startBlock_) {
        startBlock_ = Storage.getUint(START_BLOCK_SLOT);
    }

    /// @notice The deposit gas market's parameters.
    function resourceConfig() external view returns (IResourceMetering.ResourceConfig memory) {
        return _resourceConfig;
    }

    /// @notice Sets the unsafe block signer (a p2p policy, not a consensus value). Only the owner.
    function setUnsafeBlockSigner(address _unsafeBlockSigner) external onlyOwner {
        Storage.setAddress(UNSAFE_BLOCK_SIGNER_SLOT, _unsafeBlockSigner);
        emit ConfigUpdate(VERSION, UpdateType.UNSAFE_BLOCK_SIGNER, abi.encode(_unsafeBlockSigner));
    }

    /// @notice Sets the batcher hash. Only the owner.
    function setBatcherHash(bytes32 _batcherHash) external onlyOwner {
        _setBatcherHash(_batcherHash);
    }

    /// @notice Sets the pre-Ecotone overhead and scalar. Only the owner. The scalar's top byte
    ///         must be zero: it is the version byte of the Ecotone encoding.
    function setGasConfig(uint256 _overhead, uint256 _scalar) external onlyOwner {
        require((uint256(0xff) << 248) & _scalar == 0, "SystemConfig: scalar exceeds max.");
        overhead = _overhead;
        scalar = _scalar;
        emit ConfigUpdate(VERSION, UpdateType.FEE_SCALARS, abi.encode(_overhead, _scalar));
    }

    /// @notice Sets the Ecotone fee scalars. Only the owner.
    function setGasConfigEcotone(uint32 _basefeeScalar, uint32 _blobbasefeeScalar) external onlyOwner {
        _setGasConfigEcotone(_basefeeScalar, _blobbasefeeScalar);
    }

    /// @notice Sets the L2 block gas limit, within [minimumGasLimit(), maximumGasLimit()]. Only the
    ///         owner.
    function setGasLimit(uint64 _gasLimit) external onlyOwner {
        _setGasLimit(_gasLimit);
    }

    /// @notice Sets the Holocene EIP-1559 parameters of L2, both at least 1. Only the owner.
    function setEIP1559Params(uint32 _denominator, uint32 _elasticity) external onlyOwner {
        require(_denominator >= 1, "SystemConfig: denominator must be >= 1");
        require(_elasticity >= 1, "SystemConfig: elasticity must be >= 1");
        eip1559Denominator = _denominator;
        eip1559Elasticity = _elasticity;
        // op-node keeps the low 8 bytes: denominator then elasticity, big-endian uint32s.
        emit ConfigUpdate(
            VERSION, UpdateType.EIP_1559_PARAMS, abi.encode((uint256(_denominator) << 32) | uint256(_elasticity))
        );
    }

    function _setBatcherHash(bytes32 _batcherHash) internal {
        batcherHash = _batcherHash;
        emit ConfigUpdate(VERSION, UpdateType.BATCHER, abi.encode(_batcherHash));
    }

    /// @notice Stores the scalars and the scalar in its version 1 encoding (specs system-config.md
    ///         "Post-Ecotone Scalar Encoding"): byte 0 = 1, bytes 24-27 the blob base fee scalar,
    ///         bytes 28-31 the base fee scalar.
    function _setGasConfigEcotone(uint32 _basefeeScalar, uint32 _blobbasefeeScalar) internal {
        basefeeScalar = _basefeeScalar;
        blobbasefeeScalar = _blobbasefeeScalar;
        scalar = (uint256(0x01) << 248) | (uint256(_blobbasefeeScalar) << 32) | uint256(_basefeeScalar);
        emit ConfigUpdate(VERSION, UpdateType.FEE_SCALARS, abi.encode(overhead, scalar));
    }

    function _setGasLimit(uint64 _gasLimit) internal {
        require(_gasLimit >= minimumGasLimit(), "SystemConfig: gas limit too low");
        require(_gasLimit <= maximumGasLimit(), "SystemConfig: gas limit too high");
        gasLimit = _gasLimit;
        emit ConfigUpdate(VERSION, UpdateType.GAS_LIMIT, abi.encode(_gasLimit));
    }

    /// @notice Sets the deposit gas market's parameters, which must keep the market working: a
    ///         non-empty fee range, a change denominator above 1 (else cdexp divides by zero),
    ///         deposits and the system transaction within the L2 gas limit, a non-zero elasticity
    ///         that divides the limit exactly (the target loses nothing to rounding).
    function _setResourceConfig(IResourceMetering.ResourceConfig memory _config) internal {
        require(
            _config.minimumBaseFee <= _config.maximumBaseFee, "SystemConfig: min base fee must be less than max base"
        );
        require(_config.baseFeeMaxChangeDenominator > 1, "SystemConfig: denominator must be larger than 1");
        require(
            uint64(_config.maxResourceLimit) + uint64(_config.systemTxMaxGas) <= gasLimit,
            "SystemConfig: gas limit too low"
        );
        require(_config.elasticityMultiplier > 0, "SystemConfig: elasticity multiplier cannot be 0");
        require(
            ((_config.maxResourceLimit / _config.elasticityMultiplier) * _config.elasticityMultiplier)
                == _config.maxResourceLimit,
            "SystemConfig: precision loss with target resource limit"
        );
        _resourceConfig = _config;
    }
}
