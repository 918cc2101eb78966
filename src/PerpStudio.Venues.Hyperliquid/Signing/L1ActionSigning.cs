using PerpStudio.Ethereum;
using PerpStudio.Ethereum.Eip712;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Signing;

/// <summary>
/// Signs L1 actions (orders, cancels, leverage...) as Hyperliquid expects: the action's connection id goes into a
/// phantom agent {source, connectionId} that is signed as EIP-712 typed data under the domain
/// {name "Exchange", version "1", chainId 1337, verifyingContract 0x0}.
/// </summary>
public static class L1ActionSigning
{
    /// <summary>The EIP-712 primary type of the phantom agent.</summary>
    public const string AgentType = "Agent";

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types =
        new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            [AgentType] = [new("source", "string"), new("connectionId", "bytes32")],
            [TypedData.DomainTypeName] =
            [
                new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address"),
            ],
        };

    private static readonly IReadOnlyDictionary<string, object?> Domain = new Dictionary<string, object?>
    {
        ["name"] = "Exchange",
        ["version"] = "1",
        ["chainId"] = 1337L,
        ["verifyingContract"] = EthereumAddress.Zero,
    };

    // The domain and the Agent type never change: hash them once, so that signing an order costs one struct hash.
    private static readonly byte[] DomainSeparator = PhantomAgentTypedData(HyperliquidNetwork.Mainnet, new byte[32]).DomainSeparator();
    private static readonly byte[] AgentTypeHash = TypedDataSchema.Create(Types).TypeHash(AgentType);
    private static readonly byte[] MainnetSourceHash = Keccak256.HashUtf8("a");
    private static readonly byte[] TestnetSourceHash = Keccak256.HashUtf8("b");

    /// <summary>The phantom agent as full EIP-712 typed data (what a wallet would be shown).</summary>
    public static TypedData PhantomAgentTypedData(HyperliquidNetwork network, byte[] connectionId)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var message = new Dictionary<string, object?>
        {
            ["source"] = network.PhantomAgentSource(),
            ["connectionId"] = connectionId,
        };
        return new TypedData(Types, AgentType, Domain, message);
    }

    /// <summary>The EIP-712 digest of the phantom agent for a connection id.</summary>
    public static byte[] Digest(HyperliquidNetwork network, ReadOnlySpan<byte> connectionId)
    {
        if (connectionId.Length != 32)
        {
            throw new ArgumentException($"a connection id is 32 bytes, got {connectionId.Length}", nameof(connectionId));
        }

        // hashStruct(Agent) = keccak(typeHash ++ keccak(source) ++ connectionId)
        Span<byte> encoded = stackalloc byte[96];
        AgentTypeHash.CopyTo(encoded);
        (network == HyperliquidNetwork.Mainnet ? MainnetSourceHash : TestnetSourceHash).CopyTo(encoded[32..]);
        connectionId.CopyTo(encoded[64..]);
        Span<byte> structHash = stackalloc byte[32];
        Keccak256.Hash(encoded, structHash);
        return Eip712Digest.Compute(DomainSeparator, structHash);
    }

    /// <summary>The digest an L1 action is signed over.</summary>
    public static byte[] Digest(HyperliquidNetwork network, WireValue action, long nonce, EthereumAddress? vaultAddress, long? expiresAfter) =>
        Digest(network, ActionHash.Compute(action, nonce, vaultAddress, expiresAfter));

    /// <summary>Signs an L1 action.</summary>
    public static EthereumSignature Sign(PrivateKey key, HyperliquidNetwork network, WireValue action, long nonce, EthereumAddress? vaultAddress, long? expiresAfter)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.SignHash(Digest(network, action, nonce, vaultAddress, expiresAfter));
    }

    /// <summary>The address that signed an L1 action (the agent wallet, or the account itself).</summary>
    /// <exception cref="FormatException">The signature recovers to no key.</exception>
    public static EthereumAddress RecoverSigner(EthereumSignature signature, HyperliquidNetwork network, WireValue action, long nonce, EthereumAddress? vaultAddress, long? expiresAfter)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.RecoverAddress(Digest(network, action, nonce, vaultAddress, expiresAfter));
    }
}
