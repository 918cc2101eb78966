using System.Text.Json;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Nonces;
using PerpStudio.Venues.Hyperliquid.RateLimits;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>
/// The /exchange endpoint: signs each action with a fresh nonce and posts {action, nonce, signature, vaultAddress,
/// expiresAfter}. L1 actions are signed by the agent wallet; user-signed actions need the account's own key.
/// </summary>
public sealed class HyperliquidExchangeClient
{
    private readonly HttpClient _http;
    private readonly Uri _exchange;
    private readonly PrivateKey _agent;
    private readonly NonceSource _nonces;
    private readonly WeightedRateLimiter _limiter;
    private readonly AddressRequestBudget _addressBudget;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client.</param>
    /// <param name="apiBase">The REST base.</param>
    /// <param name="network">Mainnet or testnet (the phantom agent's source).</param>
    /// <param name="agent">The key that signs L1 actions (an approved agent wallet, or the account's own key).</param>
    /// <param name="nonces">The signer's nonces.</param>
    /// <param name="limiter">The shared per-IP weight limiter.</param>
    /// <param name="addressBudget">The account's address-based budget.</param>
    /// <param name="vaultAddress">A vault or sub-account to act for, or null.</param>
    public HyperliquidExchangeClient(
        HttpClient http,
        Uri apiBase,
        HyperliquidNetwork network,
        PrivateKey agent,
        NonceSource nonces,
        WeightedRateLimiter limiter,
        AddressRequestBudget addressBudget,
        EthereumAddress? vaultAddress = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _exchange = HyperliquidUrls.Exchange(apiBase);
        Network = network;
        _agent = agent ?? throw new ArgumentNullException(nameof(agent));
        _nonces = nonces ?? throw new ArgumentNullException(nameof(nonces));
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _addressBudget = addressBudget ?? throw new ArgumentNullException(nameof(addressBudget));
        VaultAddress = vaultAddress;
    }

    /// <summary>Mainnet or testnet.</summary>
    public HyperliquidNetwork Network { get; }

    /// <summary>The vault or sub-account acted for, or null.</summary>
    public EthereumAddress? VaultAddress { get; }

    /// <summary>The address that signs L1 actions.</summary>
    public EthereumAddress SignerAddress => _agent.Address;

    /// <summary>When set, the venue refuses actions after this time (ms); applies to L1 actions only.</summary>
    public long? ExpiresAfter { get; set; }

    /// <summary>Signs and sends an L1 action.</summary>
    public async Task<ExchangeResponse> SendAsync(WireMap action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await AdmitAsync(action, cancellationToken).ConfigureAwait(false);
        var nonce = _nonces.Next();
        var expires = ExpiresAfter;
        var signature = L1ActionSigning.Sign(_agent, Network, action, nonce, VaultAddress, expires);
        return await PostAsync(action, nonce, signature, VaultAddress, expires, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a user-signed action with the account's own key and sends it; the action's nonce is its own.</summary>
    public async Task<ExchangeResponse> SendUserSignedAsync(PrivateKey accountKey, UserSignedActionKind kind, WireMap action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(action);
        var nonce = (action["nonce"] as WireInteger)?.Value ?? throw new ArgumentException("a user-signed action carries its nonce", nameof(action));
        await AdmitAsync(action, cancellationToken).ConfigureAwait(false);
        var signature = UserSignedActionSigning.Sign(accountKey, kind, action);
        // the reference SDK signs an unnamed agent with "" and then leaves the name out of what it sends
        var sent = kind == UserSignedActionKind.ApproveAgent && action["agentName"] is WireString { Value: "" } ? action.Without("agentName") : action;
        return await PostAsync(sent, nonce, signature, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next nonce of this signer (for user-signed actions, whose nonce is inside the action).</summary>
    public long NextNonce() => _nonces.Next();

    /// <summary>The request body of a signed action.</summary>
    public static byte[] Body(WireValue action, long nonce, EthereumSignature signature, EthereumAddress? vaultAddress, long? expiresAfter)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("action");
            action.WriteJson(writer);
            writer.WriteNumber("nonce", nonce);
            writer.WritePropertyName("signature");
            WireSignature.Write(writer, signature);
            if (vaultAddress is { } vault)
            {
                writer.WriteString("vaultAddress", vault.ToLowerHex());
            }
            else
            {
                writer.WriteNull("vaultAddress");
            }

            if (expiresAfter is { } expires)
            {
                writer.WriteNumber("expiresAfter", expires);
            }
            else
            {
                writer.WriteNull("expiresAfter");
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private async Task AdmitAsync(WireMap action, CancellationToken cancellationToken)
    {
        if (!_addressBudget.TryConsume(out var retryAfter))
        {
            throw new RateLimitExceededException($"address request budget used up; the next request is allowed in {retryAfter.TotalMilliseconds:0} ms") { RetryAfter = retryAfter };
        }

        await _limiter.AcquireAsync(RequestWeights.Exchange(ExchangeActions.BatchLength(action)), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExchangeResponse> PostAsync(WireValue action, long nonce, EthereumSignature signature, EthereumAddress? vault, long? expires, CancellationToken cancellationToken)
    {
        var body = Body(action, nonce, signature, vault, expires);
        using var doc = await HyperliquidHttpTransport.PostAsync(_http, _exchange, body, outcomeUnknownOnFailure: true, cancellationToken).ConfigureAwait(false);
        return ExchangeResponse.Parse(doc.RootElement);
    }
}
