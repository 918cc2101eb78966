using System.Globalization;
using PerpStudio.Ethereum;
using PerpStudio.Ethereum.Eip712;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Signing;

/// <summary>One kind of user-signed action: its EIP-712 primary type and fields, in the order the venue declares them.</summary>
/// <param name="ActionType">The action's <c>type</c> on the wire (<c>approveAgent</c>).</param>
/// <param name="PrimaryType">The EIP-712 primary type (<c>HyperliquidTransaction:ApproveAgent</c>).</param>
/// <param name="Fields">The signed fields.</param>
public sealed record UserSignedActionKind(string ActionType, string PrimaryType, IReadOnlyList<TypedDataField> Fields)
{
    /// <summary>Lets an agent wallet sign L1 actions for the account.</summary>
    public static readonly UserSignedActionKind ApproveAgent = new(
        "approveAgent",
        "HyperliquidTransaction:ApproveAgent",
        [new("hyperliquidChain", "string"), new("agentAddress", "address"), new("agentName", "string"), new("nonce", "uint64")]);

    /// <summary>Lets a builder (the operator) charge a fee on the account's orders up to a maximum rate.</summary>
    public static readonly UserSignedActionKind ApproveBuilderFee = new(
        "approveBuilderFee",
        "HyperliquidTransaction:ApproveBuilderFee",
        [new("hyperliquidChain", "string"), new("maxFeeRate", "string"), new("builder", "address"), new("nonce", "uint64")]);

    /// <summary>The kinds this adapter signs, by wire type.</summary>
    public static IReadOnlyDictionary<string, UserSignedActionKind> ByActionType { get; } =
        new Dictionary<string, UserSignedActionKind>
        {
            [ApproveAgent.ActionType] = ApproveAgent,
            [ApproveBuilderFee.ActionType] = ApproveBuilderFee,
        };
}

/// <summary>
/// Signs user-signed actions (approveAgent, approveBuilderFee): the action's own fields are the EIP-712 message under
/// the domain {name "HyperliquidSignTransaction", version "1", chainId = signatureChainId, verifyingContract 0x0}.
/// They must be signed by the account's own key, never by an agent.
/// </summary>
public static class UserSignedActionSigning
{
    /// <summary>The chain id the reference SDK signs user actions with (Arbitrum Sepolia, 421614).</summary>
    public const string DefaultSignatureChainId = "0x66eee";

    /// <summary>The typed data of a user-signed action as it appears on the wire.</summary>
    /// <exception cref="FormatException">A signed field is missing or malformed, or signatureChainId is not hex.</exception>
    public static TypedData TypedDataOf(UserSignedActionKind kind, WireMap action)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(action);
        var chainIdText = (action["signatureChainId"] as WireString)?.Value
            ?? throw new FormatException($"{kind.ActionType}: signatureChainId is missing");
        if (!chainIdText.StartsWith("0x", StringComparison.Ordinal)
            || !long.TryParse(chainIdText.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var chainId))
        {
            throw new FormatException($"{kind.ActionType}: signatureChainId '{chainIdText}' is not 0x-prefixed hex");
        }

        var message = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in kind.Fields)
        {
            message[field.Name] = action[field.Name] switch
            {
                WireString s when field.Type == "address" => EthereumAddress.Parse(s.Value),
                WireString s => s.Value,
                WireInteger i => i.Value,
                WireBoolean b => b.Value,
                null => throw new FormatException($"{kind.ActionType}: signed field {field.Name} is missing"),
                _ => throw new FormatException($"{kind.ActionType}: signed field {field.Name} has the wrong kind of value"),
            };
        }

        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal)
        {
            [kind.PrimaryType] = kind.Fields,
            [TypedData.DomainTypeName] =
            [
                new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address"),
            ],
        };
        var domain = new Dictionary<string, object?>
        {
            ["name"] = "HyperliquidSignTransaction",
            ["version"] = "1",
            ["chainId"] = chainId,
            ["verifyingContract"] = EthereumAddress.Zero,
        };
        return new TypedData(types, kind.PrimaryType, domain, message);
    }

    /// <summary>Signs a user-signed action with the account's key.</summary>
    public static EthereumSignature Sign(PrivateKey accountKey, UserSignedActionKind kind, WireMap action)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        return TypedDataOf(kind, action).Sign(accountKey);
    }

    /// <summary>The account that signed a user-signed action.</summary>
    public static EthereumAddress RecoverSigner(EthereumSignature signature, UserSignedActionKind kind, WireMap action) =>
        TypedDataOf(kind, action).RecoverSigner(signature);
}
