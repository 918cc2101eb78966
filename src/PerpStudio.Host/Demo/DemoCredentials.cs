using PerpStudio.Api.Application;
using PerpStudio.Api.Identity;
using PerpStudio.Runtime;

namespace PerpStudio.Host.Demo;

/// <summary>Issues API keys for traders through the API's identity grains (the same records the API authenticates).</summary>
public sealed class DemoCredentials(IGrainFactory grains, TimeProvider time)
{
    /// <summary>
    /// Registers <paramref name="configuredKey"/> (or a fresh key when empty) as a read-and-trade key of the trader and
    /// returns it. A configured key already registered is kept as it is.
    /// </summary>
    public async Task<string> IssueTraderKeyAsync(string operatorId, string traderId, string configuredKey)
    {
        var keyId = CredentialSecrets.NewId();
        var key = configuredKey.Length > 0 ? configuredKey : CredentialSecrets.NewApiKey(keyId);
        var digest = CredentialSecrets.Digest(key);
        var grain = grains.GetGrain<IApiKeyGrain>(digest);
        if (await grain.GetAsync() is { Revoked: false })
        {
            return key;
        }

        var record = new ApiKeyRecord(keyId, operatorId, "demo trader", ApiScopes.Read | ApiScopes.Trade, traderId, digest, time.GetUtcNow());
        if (!await grain.CreateAsync(record))
        {
            throw new InvalidOperationException("the demo API key could not be registered: a key with the same digest exists");
        }

        return key;
    }
}
