using PerpStudio.Ethereum;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// The keys the adapter acts with: the agent wallet's private key (signs L1 actions) and the account (master)
/// address whose positions it trades; optionally the account's own key for user-signed actions (approving agents
/// and builder fees). Keys never appear in <see cref="ToString"/>, logs or exceptions: only addresses do.
/// </summary>
public sealed class HyperliquidCredentials
{
    /// <summary>The environment variable the agent key is read from.</summary>
    public const string AgentKeyVariable = "HYPERLIQUID_AGENT_PRIVATE_KEY";

    /// <summary>The environment variable the account address is read from.</summary>
    public const string AccountAddressVariable = "HYPERLIQUID_ACCOUNT_ADDRESS";

    /// <summary>Creates credentials.</summary>
    /// <param name="agentKey">The agent wallet's key.</param>
    /// <param name="account">The account traded; defaults to the agent's own address (a key trading for itself).</param>
    /// <param name="accountKey">The account's own key, only needed for user-signed actions.</param>
    public HyperliquidCredentials(PrivateKey agentKey, EthereumAddress? account = null, PrivateKey? accountKey = null)
    {
        AgentKey = agentKey ?? throw new ArgumentNullException(nameof(agentKey));
        AccountKey = accountKey;
        Account = account ?? accountKey?.Address ?? agentKey.Address;
    }

    /// <summary>The agent wallet's key.</summary>
    public PrivateKey AgentKey { get; }

    /// <summary>The account's own key, or null.</summary>
    public PrivateKey? AccountKey { get; }

    /// <summary>The account whose positions are traded and read.</summary>
    public EthereumAddress Account { get; }

    /// <summary>
    /// Reads the agent key from configuration text (0x + 64 hex) or, when absent, from
    /// <see cref="AgentKeyVariable"/>; the account address likewise from <see cref="AccountAddressVariable"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No key anywhere, or a malformed one (the message never quotes it).</exception>
    public static HyperliquidCredentials Resolve(string? agentPrivateKey, string? accountAddress, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var keyText = string.IsNullOrWhiteSpace(agentPrivateKey) ? environment(AgentKeyVariable) : agentPrivateKey;
        if (string.IsNullOrWhiteSpace(keyText))
        {
            throw new InvalidOperationException($"no Hyperliquid agent key: set AgentPrivateKey in configuration or {AgentKeyVariable}");
        }

        PrivateKey key;
        try
        {
            key = PrivateKey.FromHex(keyText.Trim());
        }
        catch (FormatException)
        {
            // the parser's message could echo part of the key: say only what is wrong
            throw new InvalidOperationException("the Hyperliquid agent key is not 0x followed by 64 hex digits of a valid secp256k1 key");
        }

        var addressText = string.IsNullOrWhiteSpace(accountAddress) ? environment(AccountAddressVariable) : accountAddress;
        EthereumAddress? account = null;
        if (!string.IsNullOrWhiteSpace(addressText))
        {
            account = EthereumAddress.TryParse(addressText.Trim(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"the Hyperliquid account address '{addressText}' is not a valid address");
        }

        return new HyperliquidCredentials(key, account);
    }

    /// <summary>Addresses only.</summary>
    public override string ToString() =>
        $"HyperliquidCredentials(account {Account}, agent {AgentKey.Address}, key [redacted]{(AccountKey is null ? "" : ", account key [redacted]")})";
}
